// carewatchd: the service. Parses arguments and hands over to the service library.
#include <CLI/CLI.hpp>

#include <filesystem>
#include <iostream>
#include <optional>

#include "config/config.hpp"
#include "service/service.hpp"

namespace {

constexpr int kExitOk = 0;
constexpr int kExitBad = 1;
constexpr int kExitUsage = 2;

}  // namespace

int main(int argc, char** argv) {
  using namespace carewatch;

  CLI::App app{"carewatchd: continually audits care records and escalates what it finds"};
  std::optional<std::filesystem::path> config_file;
  service::Overrides overrides;
  bool check_config = false;
  bool once = false;
  bool show_version = false;
  app.add_option("--config,-c", config_file, "Configuration file (TOML); default: the built-in defaults");
  app.add_option("--db", overrides.database, "SQLite database (overrides store.database)");
  app.add_option("--plugin-dir", overrides.plugin_directory,
                 "Plugin directory (overrides plugins.directory)");
  app.add_flag("--check-config,-t", check_config,
               "Validate the configuration and load every plugin, then exit: 0 good, 1 bad");
  app.add_flag("--once", once, "Run one full sweep and exit");
  app.add_flag("--version", show_version, "Print the version and exit");
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? kExitOk : kExitUsage;
  }
  // Absolute, so that log lines and a reload mean the same file whatever the working directory.
  if (overrides.database) overrides.database = std::filesystem::absolute(*overrides.database);
  if (overrides.plugin_directory)
    overrides.plugin_directory = std::filesystem::absolute(*overrides.plugin_directory);
  if (show_version) {
    std::cout << "carewatchd " << service::version() << "\n";
    return kExitOk;
  }

  config::Config cfg;
  try {
    cfg = config_file ? config::load_config(*config_file) : config::default_config();
  } catch (const std::exception& e) {
    std::cerr << e.what() << "\n";
    return kExitBad;
  }

  service::Service daemon(overrides);
  if (check_config) {
    service::RuntimeInfo info;
    const auto st = daemon.check(cfg, &info);
    if (!st) {
      std::cerr << st.message() << "\n";
      return kExitBad;
    }
    std::cout << (config_file ? config_file->string() : std::string("built-in configuration"))
              << ": configuration OK (" << info.plugins << " plugins, " << info.rules << " rules)\n";
    return kExitOk;
  }
  if (const auto st = daemon.configure(std::move(cfg)); !st) {
    std::cerr << "carewatchd: " << st.message() << "\n";
    return kExitBad;
  }
  if (once) {
    const auto st = daemon.run_once();
    if (!st) std::cerr << "carewatchd: " << st.message() << "\n";
    return st ? kExitOk : kExitBad;
  }
  return daemon.run();
}
