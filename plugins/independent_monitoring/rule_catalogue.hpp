#pragma once
// The independent_monitoring rule catalogue: every rule's id, clause, default severity and roles, exactly
// as RULES.md gives them. Checkers declare their rules from here and the README is checked against it.

#include <initializer_list>
#include <string_view>
#include <vector>

#include <carewatch/sdk/finding.hpp>

namespace carewatch::plugins::independent_monitoring {

inline constexpr std::string_view kVisit = "CHR-44-VISIT";
inline constexpr std::string_view kPrivate = "CHR-44-PRIVATE";
inline constexpr std::string_view kDispatch = "CHR-44-DISPATCH";
inline constexpr std::string_view kRecommendation = "CHR-44-RECOMMENDATION";
inline constexpr std::string_view kReview6m = "CHR-45-REVIEW-6M";
inline constexpr std::string_view kReport28d = "CHR-45-REPORT-28D";
inline constexpr std::string_view kConsultation = "CHR-45-CONSULTATION";

// Every rule of the plugin, in RULES.md order.
const std::vector<sdk::RuleInfo>& all_rules();

// The metadata of the named rules, in the order given. Throws std::out_of_range for an unknown id (a
// programming error: ids come from the constants above).
std::vector<sdk::RuleInfo> rules(std::initializer_list<std::string_view> ids);

}  // namespace carewatch::plugins::independent_monitoring
