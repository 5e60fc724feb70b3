#include "rule_catalogue.hpp"

#include <algorithm>
#include <stdexcept>
#include <string>
#include <utility>

namespace carewatch::plugins::independent_monitoring {

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
      make(kVisit, "Independent person's visit in every calendar month", "reg 44(1)", Severity::high,
           {"registered_manager", "responsible_individual"}),
      make(kPrivate, "Children spoken to in private at the independent person's visits", "reg 44(2)",
           Severity::medium, {"responsible_individual", "independent_person"}),
      // RULES.md: the duty is reg 44(7)-(8) but the deadline's exact text could not be checked, so it is
      // a parameter and the clause says so wherever a finding is shown.
      make(kDispatch, "Independent person's report sent to Ofsted, placing authorities and the RI",
           "reg 44(7)-(8) (deadline believed)", Severity::medium,
           {"registered_manager", "responsible_individual"}, true),
      make(kRecommendation, "Independent person's recommendations decided by their consider-by date",
           "reg 44(5)", Severity::medium, {"registered_manager", "responsible_individual"}),
      make(kReview6m, "Quality of care review completed at least every six months", "reg 45(1)-(2)",
           Severity::medium, {"registered_manager", "responsible_individual"}),
      make(kReport28d, "Quality of care review report sent to Ofsted within 28 days", "reg 45(3)",
           Severity::medium, {"registered_manager", "responsible_individual"}),
      make(kConsultation, "Quality of care review consulted children, parents, placing authorities and staff",
           "reg 45(5)", Severity::medium, {"responsible_individual"}),
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

}  // namespace carewatch::plugins::independent_monitoring
