#include "rule_catalogue.hpp"

#include <algorithm>
#include <stdexcept>
#include <string>
#include <utility>

namespace carewatch::plugins::missing {

namespace {

constexpr std::string_view kGuidance =
    "Statutory guidance on children who run away or go missing from home or care (2014)";
constexpr std::string_view kChr34 = "Children's Homes (England) Regulations 2015 reg 34(4)";

sdk::RuleInfo make(std::string_view id, std::string title, std::string_view clause, sdk::Severity severity,
                   std::vector<std::string> roles) {
  sdk::RuleInfo info;
  info.id = std::string(id);
  info.title = std::move(title);
  info.clause = std::string(clause);
  info.severity = severity;
  info.roles = std::move(roles);
  return info;
}

}  // namespace

const std::vector<sdk::RuleInfo>& all_rules() {
  using sdk::Severity;
  static const std::vector<sdk::RuleInfo> catalogue = {
      make(kReturnInterview, "Independent return home interview within 72 hours of a missing child's return",
           kGuidance, Severity::high, {"placing_authority", "registered_manager"}),
      make(kReport, "Missing child reported to the police and the placing authority", kChr34, Severity::high,
           {"registered_manager", "placing_authority"}),
  };
  return catalogue;
}

std::vector<sdk::RuleInfo> rules(std::initializer_list<std::string_view> ids) {
  std::vector<sdk::RuleInfo> out;
  out.reserve(ids.size());
  const auto& all = all_rules();
  for (const std::string_view id : ids) {
    const auto it = std::find_if(all.begin(), all.end(), [&](const sdk::RuleInfo& r) { return r.id == id; });
    if (it == all.end()) throw std::out_of_range("unknown rule " + std::string(id));
    out.push_back(*it);
  }
  return out;
}

}  // namespace carewatch::plugins::missing
