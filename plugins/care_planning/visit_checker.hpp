#pragma once
// VisitChecker: the social worker's statutory visits to a child (CPPCR reg 28(2)(a)-(c)) — the first
// within a week of the placement, then at intervals of six weeks in its first year and, after it, three
// months where the placement is intended to last until the child is 18 (six weeks otherwise) — and
// seeing the child alone or recording why not (reg 29). Scope: one child, reading the visits that name
// that child.

#include <string>
#include <vector>

#include <carewatch/sdk/checker.hpp>

#include "gap.hpp"
#include "placement.hpp"
#include "settings.hpp"

namespace carewatch::plugins::care_planning {

class VisitChecker final : public sdk::Checker {
 public:
  std::string name() const override { return "visits"; }
  std::vector<sdk::RuleInfo> rules() const override;
  sdk::Scope scope() const override { return sdk::Scope::child; }
  std::vector<std::string> kinds() const override { return {"visit"}; }
  void configure(const sdk::Parameters& params) override { settings_ = Settings::from(params); }
  void check(const sdk::Timeline& timeline, const sdk::Context& context, sdk::Sink& sink) const override;

 private:
  struct Interval {
    sdk::TimePoint due;
    std::string length;  // "6 weeks", "3 months"
  };
  // When the visit after one at `last` is due, and the interval that applies.
  Interval next_visit(const Placement& placement, sdk::TimePoint last) const;
  void check_intervals(const sdk::Timeline& timeline, const sdk::Context& context, sdk::Sink& sink) const;
  void check_seen_alone(const sdk::Timeline& timeline, const sdk::Context& context, sdk::Sink& sink) const;
  void judge(const Gap& gap, bool first, const std::string& length, const Placement& placement,
             const sdk::Timeline& timeline, const sdk::Context& context, sdk::Sink& sink) const;

  Settings settings_;
};

}  // namespace carewatch::plugins::care_planning
