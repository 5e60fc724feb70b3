#pragma once
// The case_records rule catalogue: every rule's id, clause, default severity and roles, exactly as
// RULES.md gives them. Checkers declare their rules from here and the README is checked against it.
//
// RULES.md also lists CHR-37-VISITORS as reserved (nothing can fire it: a visit without visitor_role is
// refused at import) with no roles. It is not declared: a rule with no one to escalate to is refused by
// the shipped-plugin checks, and a rule that can never fire has nothing to route.

#include <initializer_list>
#include <string_view>
#include <vector>

#include <carewatch/sdk/finding.hpp>

namespace carewatch::plugins::case_records {

inline constexpr std::string_view kSigned = "CHR-36-SIGNED";
inline constexpr std::string_view kProfile = "CHR-36-PROFILE";

// Every rule of the plugin, in RULES.md order.
const std::vector<sdk::RuleInfo>& all_rules();

// The metadata of the named rules, in the order given. Throws std::out_of_range for an unknown id (a
// programming error: ids come from the constants above).
std::vector<sdk::RuleInfo> rules(std::initializer_list<std::string_view> ids);

}  // namespace carewatch::plugins::case_records
