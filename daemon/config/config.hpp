#pragma once
// Config: the one TOML configuration file (config/carewatch.toml is the working example).

#include <chrono>
#include <filesystem>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include <carewatch/sdk/checker.hpp>

namespace carewatch::config {

// A bad configuration: the message names the file, the line where known, and the key.
class ConfigError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct StoreConfig {
  std::filesystem::path database;  // default: the build's CAREWATCH_DEFAULT_DB
};

struct PluginsConfig {
  std::filesystem::path directory;                    // default: CAREWATCH_DEFAULT_PLUGIN_DIR
  std::vector<std::string> disabled;                  // plugin names not to load
  std::map<std::string, sdk::Parameters> parameters;  // [plugins.<name>] tables
};

struct CalendarConfig {
  std::filesystem::path bank_holidays;  // default: CAREWATCH_DEFAULT_BANK_HOLIDAYS
};

struct ScheduleConfig {
  std::chrono::milliseconds poll_interval{1000};  // how often the daemon asks the store what changed
  std::chrono::seconds full_sweep_interval{3600};  // safety-net re-evaluation of every subject
};

struct LoggingConfig {
  std::string level = "info";  // trace, debug, info, warn, error
  std::optional<std::filesystem::path> file;  // default: standard error
};

struct Config {
  std::filesystem::path source;  // the file it was read from (empty for defaults)
  StoreConfig store;
  PluginsConfig plugins;
  CalendarConfig calendar;
  ScheduleConfig schedule;
  LoggingConfig logging;
};

// The built-in defaults: make `carewatch` work from the build tree with no flags.
Config default_config();
// Reads and validates a file; relative paths in it resolve against the file's directory.
// Throws ConfigError naming the file, line and key.
Config load_config(const std::filesystem::path& file);

}  // namespace carewatch::config

#include <carewatch/sdk/calendar.hpp>

namespace carewatch::config {
// Reads the bank-holiday data file; throws ConfigError naming the file and line.
sdk::Calendar load_calendar(const std::filesystem::path& file);
}  // namespace carewatch::config
