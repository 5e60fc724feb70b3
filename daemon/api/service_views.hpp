#pragma once
// What GET /v1/rules and GET /v1/plugins show, read from the engine's current checkers. The service
// calls these from its Hooks so the API always reflects the configuration loaded last.

#include <vector>

#include "api/handler.hpp"
#include "engine/checker_source.hpp"

namespace carewatch::api {

// Every rule of every enabled checker, in checker order.
std::vector<RuleRow> rules_of(const engine::CheckerSource& checkers);
// Every plugin file considered (loaded, disabled or refused) when `checkers` is a PluginSetSource;
// empty otherwise.
std::vector<plugin_host::PluginSummary> plugins_of(const engine::CheckerSource& checkers);

}  // namespace carewatch::api
