#pragma once
// PluginSet: the plugins loaded from one directory with Boost.DLL, their checkers, and the problems met
// on the way. A plugin that is refused (version, fingerprint), fails to create or configure, or throws
// while checking is disabled with a log line naming its file and the reason; the rest keep running.
//
// Lifetime: every CheckerRef holds a shared_ptr to its LoadedPlugin, whose shared_library member is
// declared first and so unloaded last, after the plugin's handle and checkers are destroyed.
//
// Thread-safety: a PluginSet is used from one thread (the engine's). Calling check() on distinct
// checkers concurrently is up to the plugins; the set itself takes no locks.
//
// The loading sequence and what is refused are described in daemon/plugin_host/README.md.

#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <carewatch/sdk/plugin.hpp>

namespace spdlog {
class logger;
}

namespace carewatch::plugin_host {

class LoadedPlugin;

// One checker of a loaded plugin. Copyable; keeps its library loaded, so it stays usable even after
// the PluginSet that produced it is destroyed.
struct CheckerRef {
  std::shared_ptr<LoadedPlugin> plugin;
  sdk::CheckerHandle* handle = nullptr;
  const sdk::CheckerInfo& info() const { return handle->info(); }
  // The name the plugin gave itself, e.g. "serious_events".
  const std::string& plugin_name() const;
  // "<plugin>/<checker>", e.g. "serious_events/notifications": how escalations name their checker.
  std::string qualified_name() const;
};

// Why a file or checker is not running.
struct PluginProblem {
  std::filesystem::path file;
  std::string plugin;  // empty when the library never identified itself
  std::string reason;
  // "<file>: <reason>", the form logged and shown to operators.
  std::string message() const;
};

struct PluginSummary {
  std::string name;
  std::filesystem::path file;
  sdk::AbiVersion sdk_version{};
  std::string description;
  std::size_t checkers = 0;
  bool enabled = true;
  std::string disabled_reason;
};

struct LoadOptions {
  // Per-plugin parameters by plugin name (the [plugins.<name>] tables of the configuration).
  std::map<std::string, sdk::Parameters> parameters;
  // Plugins named here are not loaded. A name matches the plugin's own name or its file name without
  // ".so"; a file whose name matches is never opened.
  std::vector<std::string> disabled;
  // Load plugin files, and files in directories, that group or others may write. Off by default:
  // whoever can write a plugin runs code as the daemon. For development trees only.
  bool allow_writable = false;
};

class PluginSet {
 public:
  // Logs to spdlog's default logger (looked up when a line is written).
  PluginSet();
  // Logs to `log`; null means spdlog's default logger.
  explicit PluginSet(std::shared_ptr<spdlog::logger> log);
  ~PluginSet();
  PluginSet(PluginSet&&) noexcept;
  PluginSet& operator=(PluginSet&&) noexcept;

  // Loads every *.so in `dir` (sorted by name). Never throws for a bad plugin: it is recorded in
  // problems() and logged. Throws std::runtime_error only if `dir` cannot be read. `log` may be null
  // (spdlog's default logger).
  static PluginSet load_directory(const std::filesystem::path& dir, const LoadOptions& options,
                                  const std::shared_ptr<spdlog::logger>& log);
  // Loads one library. Returns true if its plugin was accepted (even if configuring it then failed and
  // disabled it); false if it was refused (recorded in problems() and logged) or is disabled in
  // `options` (recorded in plugins() only).
  bool load_file(const std::filesystem::path& file, const LoadOptions& options);

  // The checkers of enabled plugins, in load order.
  std::vector<CheckerRef> checkers() const;
  // Disables the plugin that owns `checker` (after a failed check), recording and logging why. Its
  // checkers leave checkers(); refs already handed out stay valid. Disabling again does nothing.
  // Throws std::invalid_argument if `checker` did not come from this set.
  void disable(const CheckerRef& checker, const std::string& reason);

  // Every refusal and disablement, in the order they happened.
  const std::vector<PluginProblem>& problems() const noexcept;
  // One entry per file considered, in load order: loaded ones (enabled or not) and refused ones.
  std::vector<PluginSummary> plugins() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace carewatch::plugin_host
