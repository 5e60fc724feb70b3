#include "rule_catalogue.hpp"

#include <algorithm>
#include <stdexcept>
#include <string>

namespace carewatch::plugins::restraint {

namespace {

constexpr std::string_view kChr = "Children's Homes (England) Regulations 2015 ";

sdk::RuleInfo make(std::string_view id, std::string title, std::string_view clause, sdk::Severity severity,
                   std::vector<std::string> roles, bool believed = false) {
  sdk::RuleInfo info;
  info.id = std::string(id);
  info.title = std::move(title);
  info.clause = std::string(kChr) + std::string(clause);
  info.severity = severity;
  info.roles = std::move(roles);
  info.believed = believed;
  return info;
}

}  // namespace

const std::vector<sdk::RuleInfo>& all_rules() {
  using sdk::Severity;
  static const std::vector<sdk::RuleInfo> catalogue = {
      make(kRecord24h, "Restraint or measure recorded within 24 hours of its use", "reg 35(3)(a)",
           Severity::high, {"registered_manager"}),
      make(kRecordContent, "Restraint record holds every item reg 35(3)(a) requires",
           "reg 35(3)(a)(i)-(viii)", Severity::high, {"registered_manager"}),
      make(kUser48h, "User spoken to and restraint record signed within 48 hours", "reg 35(3)(b)",
           Severity::high, {"registered_manager", "responsible_individual"}),
      make(kChild5d, "Child spoken to about a restraint within 5 days", "reg 35(3)(c)", Severity::high,
           {"registered_manager", "iro"}),
      make(kEhcp, "Restraint said to be planned in an EHC plan names the plan", "reg 35(4)", Severity::high,
           {"registered_manager"}),
      make(kPurpose, "Restraint used only for a lawful purpose", "reg 20", Severity::critical,
           {"registered_manager", "responsible_individual"}),
      make(kProhibited, "No prohibited measure of discipline used", "reg 19", Severity::critical,
           {"registered_manager", "responsible_individual", "lado"}, /*believed=*/true),
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

}  // namespace carewatch::plugins::restraint
