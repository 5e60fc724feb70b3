#pragma once
// The workforce rule catalogue: every rule's id, clause, default severity and roles, exactly as RULES.md
// gives them. Checkers declare their rules from here and the README is checked against it.

#include <initializer_list>
#include <string_view>
#include <vector>

#include <carewatch/sdk/finding.hpp>

namespace carewatch::plugins::workforce {

inline constexpr std::string_view kPrestart = "CHR-32-PRESTART";
inline constexpr std::string_view kLevel3 = "CHR-32-L3";
inline constexpr std::string_view kSupervision = "CHR-33-SUPERVISION";
inline constexpr std::string_view kAppraisal = "CHR-33-APPRAISAL";
inline constexpr std::string_view kRestraintTraining = "CHR-33-RESTRAINT-TRAINING";
inline constexpr std::string_view kAbsence = "CHR-48-ABSENCE";

// Every rule of the plugin, in RULES.md order.
const std::vector<sdk::RuleInfo>& all_rules();

// The metadata of the named rules, in the order given. Throws std::out_of_range for an unknown id (a
// programming error: ids come from the constants above).
std::vector<sdk::RuleInfo> rules(std::initializer_list<std::string_view> ids);

}  // namespace carewatch::plugins::workforce
