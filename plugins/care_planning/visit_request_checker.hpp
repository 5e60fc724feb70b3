#pragma once
// VisitRequestChecker: a child's request to see someone (visit_request) answered by a visit within a
// configurable number of working days (CHILD-VISIT-REQUEST; CPPCR reg 28, visits whenever reasonably
// requested — the clause is believed, so the deadline is a parameter). Scope: one child, reading the
// child's requests and the visits that name the child.

#include <string>
#include <vector>

#include <carewatch/sdk/checker.hpp>

#include "settings.hpp"

namespace carewatch::plugins::care_planning {

class VisitRequestChecker final : public sdk::Checker {
 public:
  std::string name() const override { return "visit_requests"; }
  std::vector<sdk::RuleInfo> rules() const override;
  sdk::Scope scope() const override { return sdk::Scope::child; }
  std::vector<std::string> kinds() const override { return {"visit_request", "visit"}; }
  void configure(const sdk::Parameters& params) override { settings_ = Settings::from(params); }
  void check(const sdk::Timeline& timeline, const sdk::Context& context, sdk::Sink& sink) const override;

 private:
  Settings settings_;
};

}  // namespace carewatch::plugins::care_planning
