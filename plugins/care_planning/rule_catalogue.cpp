#include "rule_catalogue.hpp"

#include <algorithm>
#include <stdexcept>
#include <string>

namespace carewatch::plugins::care_planning {

namespace {

constexpr std::string_view kCppcr = "Care Planning, Placement and Case Review (England) Regulations 2010 ";
constexpr std::string_view kChr = "Children's Homes (England) Regulations 2015 ";

sdk::RuleInfo make(std::string_view id, std::string title, std::string_view act, std::string_view clause,
                   sdk::Severity severity, std::vector<std::string> roles, bool believed = false) {
  sdk::RuleInfo info;
  info.id = std::string(id);
  info.title = std::move(title);
  info.clause = std::string(act) + std::string(clause);
  info.severity = severity;
  info.roles = std::move(roles);
  info.believed = believed;
  return info;
}

}  // namespace

const std::vector<sdk::RuleInfo>& all_rules() {
  using sdk::Severity;
  static const std::vector<sdk::RuleInfo> catalogue = {
      make(kFirstVisit, "Social worker visits the child within one week of the placement starting", kCppcr,
           "reg 28(2)(a)", Severity::high, {"placing_authority", "iro"}),
      make(kVisit, "Social worker visits the child at the statutory intervals", kCppcr, "reg 28(2)(b)-(c)",
           Severity::high, {"placing_authority", "iro"}),
      make(kSeenAlone, "Social worker sees the child alone, or records why not", kCppcr, "reg 29",
           Severity::medium, {"placing_authority", "iro"}),
      make(kVisitRequest, "A child's request to see someone is answered by a visit", kCppcr,
           "reg 28 (visits whenever reasonably requested)", Severity::high,
           {"placing_authority", "iro", "registered_manager"}, /*believed=*/true),
      make(kReview, "Looked-after child reviews are held at the statutory intervals", kCppcr, "reg 33",
           Severity::high, {"iro", "placing_authority"}),
      make(kVoice, "The child's views are sought and recorded at each review", kChr, "reg 7(2)(a)",
           Severity::medium, {"iro", "registered_manager"}),
      make(kAdvocacy, "The child has an advocate, or is offered one", kChr, "reg 7(2)(b)", Severity::high,
           {"registered_manager", "iro"}),
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

}  // namespace carewatch::plugins::care_planning
