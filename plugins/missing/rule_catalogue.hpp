#pragma once
// The missing rule catalogue: every rule's id, clause, default severity and roles, exactly as RULES.md
// gives them. Checkers declare their rules from here and the README is checked against it.

#include <initializer_list>
#include <string_view>
#include <vector>

#include <carewatch/sdk/finding.hpp>

namespace carewatch::plugins::missing {

inline constexpr std::string_view kReturnInterview = "MISS-RHI-72H";
inline constexpr std::string_view kReport = "MISS-REPORT";

// Every rule of the plugin, in RULES.md order.
const std::vector<sdk::RuleInfo>& all_rules();

// The metadata of the named rules, in the order given. Throws std::out_of_range for an unknown id (a
// programming error: ids come from the constants above).
std::vector<sdk::RuleInfo> rules(std::initializer_list<std::string_view> ids);

}  // namespace carewatch::plugins::missing
