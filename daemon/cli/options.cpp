#include "cli/options.hpp"

namespace carewatch::cli {

config::Config effective_config(const GlobalOptions& global) {
  config::Config cfg = global.config_file ? config::load_config(*global.config_file) : config::default_config();
  if (global.database) cfg.store.database = *global.database;
  return cfg;
}

}  // namespace carewatch::cli
