#pragma once
// PluginSet: the plugins loaded from one directory with Boost.DLL, their checkers, and the problems met
// on the way. A plugin that is refused (version, fingerprint), fails to create or configure, or throws
// while checking is disabled with a log line naming its file and the reason; the rest keep running.
//
// Lifetime: every CheckerRef holds a shared_ptr to its LoadedPlugin, whose shared_library member is
// declared first and so unloaded last, after the plugin's handle and checkers are destroyed.

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

// One checker of a loaded plugin. Copyable; keeps its library loaded.
struct CheckerRef {
  std::shared_ptr<LoadedPlugin> plugin;
  sdk::CheckerHandle* handle = nullptr;
  const sdk::CheckerInfo& info() const { return handle->info(); }
  // "<plugin>/<checker>", e.g. "serious_events/notifications": how escalations name their checker.
  std::string qualified_name() const;
};

// Why a file or checker is not running.
struct PluginProblem {
  std::filesystem::path file;
  std::string plugin;  // empty when the library never identified itself
  std::string reason;
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
  // Plugins named here are not loaded.
  std::vector<std::string> disabled;
};

class PluginSet {
 public:
  PluginSet();
  ~PluginSet();
  PluginSet(PluginSet&&) noexcept;
  PluginSet& operator=(PluginSet&&) noexcept;

  // Loads every *.so in `dir` (sorted by name). Never throws for a bad plugin: it is recorded in
  // problems() and logged. Throws only if `dir` cannot be read.
  static PluginSet load_directory(const std::filesystem::path& dir, const LoadOptions& options,
                                  const std::shared_ptr<spdlog::logger>& log);
  // Loads one library; returns false (and records the problem) if it was refused.
  bool load_file(const std::filesystem::path& file, const LoadOptions& options);

  // The enabled checkers, in load order.
  std::vector<CheckerRef> checkers() const;
  // Disables the plugin that owns `checker` (after a failed check), recording and logging why.
  void disable(const CheckerRef& checker, const std::string& reason);

  const std::vector<PluginProblem>& problems() const noexcept;
  std::vector<PluginSummary> plugins() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace carewatch::plugin_host
