#include "config/config.hpp"

#include <fstream>
#include <sstream>

namespace carewatch::config {

Config default_config() {
  Config cfg;
  cfg.store.database = CAREWATCH_DEFAULT_DB;
  cfg.plugins.directory = CAREWATCH_DEFAULT_PLUGIN_DIR;
  cfg.calendar.bank_holidays = CAREWATCH_DEFAULT_BANK_HOLIDAYS;
  return cfg;
}

Config load_config(const std::filesystem::path& file) {
  throw ConfigError(file.string() + ": configuration files are not read by this build yet");
}

sdk::Calendar load_calendar(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw ConfigError("cannot read bank-holiday data " + file.string());
  std::ostringstream ss;
  ss << in.rdbuf();
  std::string error;
  auto calendar = sdk::Calendar::parse(ss.str(), &error);
  if (!calendar) throw ConfigError(file.string() + ": " + error);
  return *calendar;
}

}  // namespace carewatch::config
