#include "rule_catalogue.hpp"

#include <algorithm>
#include <stdexcept>
#include <string>

namespace carewatch::plugins::medication {

namespace {

// RULES.md: "CHR 23 (believed)".
constexpr std::string_view kClause = "Children's Homes (England) Regulations 2015 reg 23 (believed)";

sdk::RuleInfo make(std::string_view id, std::string title, sdk::Severity severity,
                   std::vector<std::string> roles) {
  sdk::RuleInfo info;
  info.id = std::string(id);
  info.title = std::move(title);
  info.clause = std::string(kClause);
  info.severity = severity;
  info.roles = std::move(roles);
  info.believed = true;
  return info;
}

}  // namespace

const std::vector<sdk::RuleInfo>& all_rules() {
  static const std::vector<sdk::RuleInfo> catalogue = {
      make(kOmitted, "Omitted doses have a recorded reason and do not recur within a week",
           sdk::Severity::high, {"registered_manager", "placing_authority"}),
      make(kRecord, "Given doses record who gave them and when", sdk::Severity::medium,
           {"registered_manager"}),
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

}  // namespace carewatch::plugins::medication
