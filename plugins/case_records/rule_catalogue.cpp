#include "rule_catalogue.hpp"

#include <algorithm>
#include <stdexcept>
#include <string>

namespace carewatch::plugins::case_records {

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
  static const std::vector<sdk::RuleInfo> catalogue = {
      make(kSigned, "Daily log entries are signed and dated by their author", "reg 36(1)(b)-(c)",
           Severity::medium, {"registered_manager"}),
      make(kProfile,
           "The child's case record names the placing authority, social worker, IRO and date of birth",
           "reg 36, Schedule 3", Severity::medium, {"registered_manager"}),
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

}  // namespace carewatch::plugins::case_records
