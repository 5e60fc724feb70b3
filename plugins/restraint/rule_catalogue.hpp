#pragma once
// The restraint rule catalogue: every rule's id, clause, default severity and roles, exactly as RULES.md
// gives them. Checkers declare their rules from here and the README is checked against it.

#include <initializer_list>
#include <string_view>
#include <vector>

#include <carewatch/sdk/finding.hpp>

namespace carewatch::plugins::restraint {

inline constexpr std::string_view kRecord24h = "CHR-35-RECORD-24H";
inline constexpr std::string_view kRecordContent = "CHR-35-RECORD-CONTENT";
inline constexpr std::string_view kUser48h = "CHR-35-USER-48H";
inline constexpr std::string_view kChild5d = "CHR-35-CHILD-5D";
inline constexpr std::string_view kEhcp = "CHR-35-EHCP";
inline constexpr std::string_view kPurpose = "CHR-20-PURPOSE";
inline constexpr std::string_view kProhibited = "CHR-19-PROHIBITED";

// Every rule of the plugin, in RULES.md order.
const std::vector<sdk::RuleInfo>& all_rules();

// The metadata of the named rules, in the order given. Throws std::out_of_range for an unknown id (a
// programming error: ids come from the constants above).
std::vector<sdk::RuleInfo> rules(std::initializer_list<std::string_view> ids);

}  // namespace carewatch::plugins::restraint
