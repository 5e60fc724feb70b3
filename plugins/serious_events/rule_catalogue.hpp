#pragma once
// The serious_events rule catalogue: every rule's id, clause, default severity and roles, exactly as
// RULES.md gives them. Checkers declare their rules from here and the README is checked against it.

#include <initializer_list>
#include <string_view>
#include <vector>

#include <carewatch/sdk/finding.hpp>

namespace carewatch::plugins::serious_events {

inline constexpr std::string_view kDeath = "CHR-40-DEATH";
inline constexpr std::string_view kSexualExploitation = "CHR-40-CSE";
inline constexpr std::string_view kAllegation = "CHR-40-ALLEGATION";
inline constexpr std::string_view kCpEnquiry = "CHR-40-CP-ENQUIRY";
inline constexpr std::string_view kPolice = "CHR-40-POLICE";
inline constexpr std::string_view kDecision = "CHR-40-DECISION";
inline constexpr std::string_view kSerious = "CHR-40-SERIOUS";
inline constexpr std::string_view kReferral = "CHR-34-REFERRAL";
inline constexpr std::string_view kLado = "WT-LADO-1WD";

// Every rule of the plugin, in RULES.md order.
const std::vector<sdk::RuleInfo>& all_rules();

// The metadata of the named rules, in the order given. Throws std::out_of_range for an unknown id (a
// programming error: ids come from the constants above).
std::vector<sdk::RuleInfo> rules(std::initializer_list<std::string_view> ids);

}  // namespace carewatch::plugins::serious_events
