#pragma once
// The care_planning rule catalogue: every rule's id, clause, default severity and roles, exactly as
// RULES.md gives them. Checkers declare their rules from here and the README is checked against it.

#include <initializer_list>
#include <string_view>
#include <vector>

#include <carewatch/sdk/finding.hpp>

namespace carewatch::plugins::care_planning {

inline constexpr std::string_view kFirstVisit = "CPPCR-28-FIRST-VISIT";
inline constexpr std::string_view kVisit = "CPPCR-28-VISIT";
inline constexpr std::string_view kSeenAlone = "CPPCR-29-SEEN-ALONE";
inline constexpr std::string_view kVisitRequest = "CHILD-VISIT-REQUEST";
inline constexpr std::string_view kReview = "CPPCR-33-REVIEW";
inline constexpr std::string_view kVoice = "CHR-7-VOICE";
inline constexpr std::string_view kAdvocacy = "CHR-7-ADVOCACY";

// Every rule of the plugin, in RULES.md order.
const std::vector<sdk::RuleInfo>& all_rules();

// The metadata of the named rules, in the order given. Throws std::out_of_range for an unknown id (a
// programming error: ids come from the constants above).
std::vector<sdk::RuleInfo> rules(std::initializer_list<std::string_view> ids);

}  // namespace carewatch::plugins::care_planning
