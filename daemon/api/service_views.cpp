#include "api/service_views.hpp"

#include "engine/plugin_set_source.hpp"

namespace carewatch::api {

std::vector<RuleRow> rules_of(const engine::CheckerSource& checkers) {
  std::vector<RuleRow> rows;
  for (const auto& entry : checkers.checkers())
    for (const auto& rule : entry.handle->info().rules) rows.push_back({entry.plugin, entry.name, rule});
  return rows;
}

std::vector<plugin_host::PluginSummary> plugins_of(const engine::CheckerSource& checkers) {
  if (const auto* set = dynamic_cast<const engine::PluginSetSource*>(&checkers)) return set->plugins().plugins();
  return {};
}

}  // namespace carewatch::api
