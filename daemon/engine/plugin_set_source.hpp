#pragma once
// PluginSetSource: the checkers of a loaded plugin_host::PluginSet, with each plugin's parameters from
// the configuration.

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "engine/checker_source.hpp"
#include "plugin_host/plugin_set.hpp"

namespace carewatch::engine {

class PluginSetSource final : public CheckerSource {
 public:
  // `parameters`: per plugin name, the [plugins.<name>] tables (config::PluginsConfig::parameters).
  PluginSetSource(plugin_host::PluginSet plugins, const std::map<std::string, sdk::Parameters>& parameters);
  ~PluginSetSource() override;

  std::vector<CheckerEntry> checkers() const override;
  // Calls PluginSet::disable for the plugin's checker.
  void disable(const CheckerEntry& entry, const std::string& reason) override;
  // PluginSet::problems(): refusals, configuration failures and plugins disabled after a failed check.
  std::vector<CheckerProblem> problems() const override;

  const plugin_host::PluginSet& plugins() const noexcept { return *plugins_; }

 private:
  // Shared with every CheckerEntry's keep_alive, so a checker in use outlives a reload.
  std::shared_ptr<plugin_host::PluginSet> plugins_;
  std::map<std::string, std::shared_ptr<const sdk::Parameters>> parameters_;
};

}  // namespace carewatch::engine
