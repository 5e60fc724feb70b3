#pragma once
// Service: the daemon as a library with an explicit lifecycle (configure, run, shutdown), so that
// carewatchd's main only parses arguments and tests can drive it without a process.
//
//   Service service(options);
//   if (auto st = service.configure(config::load_config(file)); !st) { report st.message(); }
//   service.run();  // until SIGTERM/SIGINT or shutdown()
//
// run() owns the one event loop (a boost::asio::io_context, kept out of this header). On it:
// - a poll timer every schedule.poll_interval asks the store whether another process committed
//   (PRAGMA data_version, then the last record seq) and, if records arrived, calls
//   Engine::evaluate_changes;
// - a deadline timer fires at Engine::next_due() and calls Engine::evaluate_due;
// - a full sweep runs at start and every schedule.full_sweep_interval;
// - SIGTERM and SIGINT stop the loop after the evaluation in progress; SIGHUP re-reads the
//   configuration file and reloads the plugins (see configure()).
//
// Thread-safety: everything runs on the thread that called run(), except shutdown(), which any thread
// (or a signal handler's loop callback) may call.

#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include <carewatch/sdk/status.hpp>

#include "config/config.hpp"

namespace spdlog {
class logger;
}

namespace carewatch::service {

using sdk::Status;

// Settings from the command line that win over the configuration file, on start and on every reload.
struct Overrides {
  std::optional<std::filesystem::path> database;
  std::optional<std::filesystem::path> plugin_directory;
};

// What a configured service is running with, for the start-up line and for tests.
struct RuntimeInfo {
  std::filesystem::path database;
  std::size_t plugins = 0;   // plugins loaded and enabled
  std::size_t checkers = 0;  // their checkers
  std::size_t rules = 0;     // the rules those checkers declare
  std::size_t problems = 0;  // plugin files refused or disabled
};

// The product version, e.g. "0.1.0".
std::string version();

class Service {
 public:
  explicit Service(Overrides overrides = {});
  ~Service();
  Service(const Service&) = delete;
  Service& operator=(const Service&) = delete;

  // Applies a configuration: sets up logging, opens (creating and migrating) the store, reads the
  // calendar, loads the plugins and builds the engine. Everything new is built before anything old is
  // replaced, so on failure the service keeps what it had (or stays unconfigured) and the Status says
  // why. Never throws. While running, a successful configure() re-arms the timers and runs a full
  // sweep with the new checkers.
  Status configure(config::Config cfg);
  // Re-reads the file the current configuration came from and configure()s it (SIGHUP).
  Status reload();

  // Validates a configuration (with this service's overrides) without starting anything: the calendar
  // is readable, the database can be opened (or created: its directory exists), the log file's
  // directory exists, and every plugin in the directory loads and accepts its parameters. A plugin
  // problem is a failure here, unlike in configure(), where the plugin is only disabled. Writes
  // nothing. Never throws. On success fills `info` if given.
  Status check(config::Config cfg, RuntimeInfo* info = nullptr) const;

  // Runs the event loop until shutdown() or SIGTERM/SIGINT, then closes the store. Returns the process
  // exit code: 0 after a clean stop, 1 if the service was not configured.
  int run();
  // One full sweep as of now (carewatchd --once), then returns. Never throws.
  Status run_once();
  // Asks run() to return once the evaluation in progress has finished. Safe from any thread.
  void shutdown();

  // Empty until configure() succeeded.
  std::optional<RuntimeInfo> info() const;
  // The service's logger (a bootstrap stderr logger until configure() succeeded).
  std::shared_ptr<spdlog::logger> logger() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace carewatch::service
