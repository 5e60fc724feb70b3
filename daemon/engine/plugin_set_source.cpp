#include "engine/plugin_set_source.hpp"

#include <algorithm>
#include <utility>

namespace carewatch::engine {

PluginSetSource::PluginSetSource(plugin_host::PluginSet plugins,
                                 const std::map<std::string, sdk::Parameters>& parameters)
    : plugins_(std::make_shared<plugin_host::PluginSet>(std::move(plugins))) {
  for (const auto& [name, params] : parameters)
    parameters_[name] = std::make_shared<const sdk::Parameters>(params);
}

PluginSetSource::~PluginSetSource() = default;

std::vector<CheckerEntry> PluginSetSource::checkers() const {
  static const auto no_parameters = std::make_shared<const sdk::Parameters>();
  std::map<std::string, std::filesystem::path> files;
  for (const auto& p : plugins_->plugins()) files.emplace(p.name, p.file);
  std::vector<CheckerEntry> out;
  for (const auto& ref : plugins_->checkers()) {
    CheckerEntry e;
    e.plugin = ref.plugin_name();
    if (auto it = files.find(e.plugin); it != files.end()) e.file = it->second;
    e.name = ref.qualified_name();
    e.handle = ref.handle;
    auto params = parameters_.find(e.plugin);
    e.parameters = params != parameters_.end() ? params->second : no_parameters;
    e.keep_alive = ref.plugin;
    out.push_back(std::move(e));
  }
  return out;
}

void PluginSetSource::disable(const CheckerEntry& entry, const std::string& reason) {
  for (const auto& ref : plugins_->checkers()) {
    if (ref.handle == entry.handle) {
      plugins_->disable(ref, reason);
      return;
    }
  }
}

std::vector<CheckerProblem> PluginSetSource::problems() const {
  // PluginSet::problems() holds refusals, configuration failures and disablements after a failed
  // check; a plugin disabled in the configuration is intended and is not a problem.
  std::vector<CheckerProblem> out;
  for (const auto& p : plugins_->problems()) out.push_back({p.file, p.plugin, p.reason});
  return out;
}

}  // namespace carewatch::engine
