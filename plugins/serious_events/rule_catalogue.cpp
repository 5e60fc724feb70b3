#include "rule_catalogue.hpp"

#include <algorithm>
#include <stdexcept>
#include <string>

namespace carewatch::plugins::serious_events {

namespace {

constexpr std::string_view kChr = "Children's Homes (England) Regulations 2015 ";
constexpr std::string_view kWorkingTogether =
    "Working Together to Safeguard Children 2023, allegations against people who work with children";

sdk::RuleInfo make(std::string_view id, std::string title, std::string clause, sdk::Severity severity,
                   std::vector<std::string> roles) {
  sdk::RuleInfo info;
  info.id = std::string(id);
  info.title = std::move(title);
  info.clause = std::move(clause);
  info.severity = severity;
  info.roles = std::move(roles);
  return info;
}

std::string chr(std::string_view clause) {
  return std::string(kChr) + std::string(clause);
}

}  // namespace

const std::vector<sdk::RuleInfo>& all_rules() {
  using sdk::Severity;
  static const std::vector<sdk::RuleInfo> catalogue = {
      make(kDeath, "Death of a child notified to Ofsted, placing authority, host authority and ICB",
           chr("reg 40(1)"), Severity::critical, {"registered_manager", "responsible_individual"}),
      make(kSexualExploitation, "Sexual exploitation incident notified to Ofsted and placing authority",
           chr("reg 40(4)(a)"), Severity::critical, {"registered_manager", "responsible_individual"}),
      make(kAllegation, "Allegation against staff or the home notified to Ofsted and placing authority",
           chr("reg 40(4)(c)"), Severity::critical, {"registered_manager", "responsible_individual"}),
      make(kCpEnquiry, "Child protection enquiry notified at its start and again at its outcome",
           chr("reg 40(4)(d)"), Severity::critical, {"registered_manager", "responsible_individual"}),
      make(kPolice, "Serious or undecided police incident notified to Ofsted and placing authority",
           chr("reg 40(4)(b)"), Severity::high, {"registered_manager"}),
      make(kDecision, "Seriousness decision recorded for an incident in a notifiable category",
           chr("reg 40(4) with reg 13(2)(h)"), Severity::high,
           {"registered_manager", "responsible_individual"}),
      make(kSerious, "Incident decided serious notified to Ofsted and placing authority", chr("reg 40(4)"),
           Severity::high, {"registered_manager", "responsible_individual"}),
      make(kReferral, "Allegation of abuse of a child referred to the placing and host authorities",
           chr("reg 34(2)(b)-(c)"), Severity::critical,
           {"registered_manager", "responsible_individual", "placing_authority", "host_authority"}),
      make(kLado, "Allegation against staff meeting the harm threshold referred to the LADO",
           std::string(kWorkingTogether), Severity::critical,
           {"registered_manager", "responsible_individual", "lado"}),
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

}  // namespace carewatch::plugins::serious_events
