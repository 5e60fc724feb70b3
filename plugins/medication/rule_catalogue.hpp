#pragma once
// The medication rule catalogue: every rule's id, clause, default severity and roles, exactly as RULES.md
// gives them. Both clauses are marked "believed" there: their exact text could not be checked, so each
// rule carries RuleInfo::believed and its thresholds are parameters.

#include <initializer_list>
#include <string_view>
#include <vector>

#include <carewatch/sdk/finding.hpp>

namespace carewatch::plugins::medication {

inline constexpr std::string_view kOmitted = "MED-OMITTED";
inline constexpr std::string_view kRecord = "MED-RECORD";

// Every rule of the plugin, in RULES.md order.
const std::vector<sdk::RuleInfo>& all_rules();

// The metadata of the named rules, in the order given. Throws std::out_of_range for an unknown id (a
// programming error: ids come from the constants above).
std::vector<sdk::RuleInfo> rules(std::initializer_list<std::string_view> ids);

}  // namespace carewatch::plugins::medication
