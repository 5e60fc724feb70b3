#pragma once
// ReviewChecker: the looked-after child reviews (CPPCR reg 33) — the first within 20 working days of the
// child becoming looked after, the second within three months of the first, then no gap over six
// months — and the child's voice in each (CHR reg 7(2)(a)). Scope: one child, reading the child's
// reviews.

#include <string>
#include <vector>

#include <carewatch/sdk/checker.hpp>

#include "gap.hpp"
#include "placement.hpp"
#include "settings.hpp"

namespace carewatch::plugins::care_planning {

class ReviewChecker final : public sdk::Checker {
 public:
  std::string name() const override { return "reviews"; }
  std::vector<sdk::RuleInfo> rules() const override;
  sdk::Scope scope() const override { return sdk::Scope::child; }
  std::vector<std::string> kinds() const override { return {"review"}; }
  void configure(const sdk::Parameters& params) override { settings_ = Settings::from(params); }
  void check(const sdk::Timeline& timeline, const sdk::Context& context, sdk::Sink& sink) const override;

 private:
  // Which of reg 33's intervals a gap is: before the first review (counted from looked_after_since, or
  // from admission when the earlier reviews may lie on another home's records), before the second, or
  // between later reviews.
  enum class Stage { first, first_after_admission, second, later };

  void check_intervals(const sdk::Timeline& timeline, const sdk::Context& context, sdk::Sink& sink) const;
  void check_voice(const sdk::Timeline& timeline, const sdk::Context& context, sdk::Sink& sink) const;
  void judge(const Gap& gap, Stage stage, const Placement& placement, const sdk::Timeline& timeline,
             const sdk::Context& context, sdk::Sink& sink) const;

  Settings settings_;
};

}  // namespace carewatch::plugins::care_planning
