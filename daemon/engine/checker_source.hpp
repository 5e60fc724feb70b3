#pragma once
// CheckerSource: where the engine gets the checkers it runs. The daemon and the CLI use a PluginSet
// (plugin_set_source.hpp); tests and built-in checks can hand checkers over directly
// (static_checker_source.hpp). The engine knows checkers only through sdk::CheckerHandle.

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include <carewatch/sdk/plugin.hpp>

namespace carewatch::engine {

// One runnable checker. Copyable; while a copy lives, its handle and parameters stay valid (for a
// plugin, `keep_alive` keeps the library loaded).
struct CheckerEntry {
  std::string plugin;          // the plugin's name
  std::filesystem::path file;  // the plugin library (or a descriptive name for built-in checkers)
  std::string name;            // "<plugin>/<checker>": how escalations name their checker
  sdk::CheckerHandle* handle = nullptr;
  std::shared_ptr<const sdk::Parameters> parameters;  // the plugin's own parameters; never null
  std::shared_ptr<const void> keep_alive;
};

// A plugin (or file) that is not running, and why. Reported as a CW-PLUGIN-DISABLED health finding.
struct CheckerProblem {
  std::filesystem::path file;
  std::string plugin;  // empty when the library never identified itself
  std::string reason;
};

class CheckerSource {
 public:
  virtual ~CheckerSource() = default;
  // The enabled checkers, in a stable order.
  virtual std::vector<CheckerEntry> checkers() const = 0;
  // Stops every checker of `entry`'s plugin after a failed check, recording `reason`.
  virtual void disable(const CheckerEntry& entry, const std::string& reason) = 0;
  // Everything that is not running: load problems and plugins disabled since.
  virtual std::vector<CheckerProblem> problems() const = 0;
};

}  // namespace carewatch::engine
