#pragma once
// Config: the one TOML configuration file (config/carewatch.toml is the working example; every key and
// its default is listed in daemon/config/README.md).

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include <carewatch/sdk/checker.hpp>

namespace carewatch::config {

// One thing wrong with a configuration file.
struct ConfigProblem {
  std::filesystem::path file;
  std::uint32_t line = 0;  // 1-based; 0 when the problem has no line (e.g. the file cannot be read)
  std::string key;         // dotted key, e.g. "schedule.poll_interval_ms"; empty when none applies
  std::string reason;

  // "carewatch.toml:12: schedule.poll_interval_ms: must be between 50 and 60000"
  std::string to_string() const;
};

// A bad configuration: the message names the file, the line where known, and the key. When the file
// has several problems, what() lists them one per line and problems() holds each.
class ConfigError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
  explicit ConfigError(std::vector<ConfigProblem> problems);

  // Empty when the error was built from a plain message.
  const std::vector<ConfigProblem>& problems() const noexcept { return problems_; }

 private:
  std::vector<ConfigProblem> problems_;
};

struct StoreConfig {
  std::filesystem::path database;  // default: the build's CAREWATCH_DEFAULT_DB
};

struct PluginsConfig {
  std::filesystem::path directory;                    // default: CAREWATCH_DEFAULT_PLUGIN_DIR
  std::vector<std::string> disabled;                  // plugin names not to load
  std::map<std::string, sdk::Parameters> parameters;  // [plugins.<name>] tables
  // Load plugins from a directory (or files) that others may write to. Off by default: whoever can
  // write there can run code inside the daemon.
  bool allow_writable = false;
};

struct CalendarConfig {
  std::filesystem::path bank_holidays;  // default: CAREWATCH_DEFAULT_BANK_HOLIDAYS
};

struct ScheduleConfig {
  std::chrono::milliseconds poll_interval{1000};   // how often the daemon asks the store what changed
  std::chrono::seconds full_sweep_interval{3600};  // safety-net re-evaluation of every subject
};

// Accepted ranges, shared by the parser, its error messages and the README.
inline constexpr std::int64_t kMinPollIntervalMs = 50;
inline constexpr std::int64_t kMaxPollIntervalMs = 60000;
inline constexpr std::int64_t kMinFullSweepIntervalS = 10;
inline constexpr std::int64_t kMaxFullSweepIntervalS = std::int64_t{7} * 24 * 3600;

struct LoggingConfig {
  std::string level = "info";                 // trace, debug, info, warn, error, off
  std::optional<std::filesystem::path> file;  // default: standard output
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
// Reads and validates a file; keys it does not set keep their defaults, and relative paths in it
// resolve against the file's directory. Unknown sections and keys, wrong types and out-of-range values
// are errors. Throws ConfigError listing every problem, each naming the file, line and dotted key.
Config load_config(const std::filesystem::path& file);
// The same for text already in memory; `file` names it in errors and anchors relative paths.
Config parse_config(std::string_view text, const std::filesystem::path& file);

}  // namespace carewatch::config

#include <carewatch/sdk/calendar.hpp>

namespace carewatch::config {
// Reads the bank-holiday data file; throws ConfigError naming the file and line.
sdk::Calendar load_calendar(const std::filesystem::path& file);
}  // namespace carewatch::config
