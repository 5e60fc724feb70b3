#include "rule_catalogue.hpp"

#include <algorithm>
#include <stdexcept>
#include <string>

namespace carewatch::plugins::workforce {

namespace {

constexpr std::string_view kChr = "Children's Homes (England) Regulations 2015 ";

sdk::RuleInfo make(std::string_view id, std::string title, std::string_view clause, sdk::Severity severity,
                   std::vector<std::string> roles) {
  sdk::RuleInfo info;
  info.id = std::string(id);
  info.title = std::move(title);
  info.clause = std::string(kChr) + std::string(clause);
  info.severity = severity;
  info.roles = std::move(roles);
  return info;
}

}  // namespace

const std::vector<sdk::RuleInfo>& all_rules() {
  using sdk::Severity;
  // CHR-32-PRESTART's default is its worst case; the checker sets high when the DBS check was in place.
  static const std::vector<sdk::RuleInfo> catalogue = {
      make(kPrestart,
           "Care staff checked (DBS, identity, references, employment history) before their first shift",
           "reg 32(3) and Schedule 2", Severity::critical, {"registered_manager", "responsible_individual"}),
      make(kLevel3, "Care staff hold or are deferred from the level 3 qualification two years after starting",
           "reg 32(4)-(6)", Severity::medium, {"registered_manager"}),
      make(kSupervision, "Staff supervised within the provider's interval", "reg 33(4)(b)", Severity::medium,
           {"registered_manager"}),
      make(kAppraisal, "Staff appraised at least once a year", "reg 33(4)(c)", Severity::low,
           {"registered_manager"}),
      make(kRestraintTraining, "Staff who use restraint hold in-date restraint training", "reg 33(4)(a)",
           Severity::high, {"registered_manager", "responsible_individual"}),
      make(kAbsence, "Registered manager's absence of 28 days or more notified to Ofsted, and the return",
           "reg 48", Severity::medium, {"responsible_individual"}),
  };
  return catalogue;
}

std::vector<sdk::RuleInfo> rules(std::initializer_list<std::string_view> ids) {
  std::vector<sdk::RuleInfo> out;
  out.reserve(ids.size());
  for (const std::string_view id : ids) {
    const auto& all = all_rules();
    const auto it = std::find_if(all.begin(), all.end(), [&](const sdk::RuleInfo& r) { return r.id == id; });
    if (it == all.end()) throw std::out_of_range("unknown rule " + std::string(id));
    out.push_back(*it);
  }
  return out;
}

}  // namespace carewatch::plugins::workforce
