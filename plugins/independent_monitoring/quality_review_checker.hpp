#pragma once
// QualityReviewChecker: the registered person's reg 45 review of the quality of care — one completed at
// least every six months (CHR-45-REVIEW-6M, reg 45(1)-(2)), its report sent to Ofsted within 28 days
// (CHR-45-REPORT-28D, reg 45(3)) and children, parents, placing authorities and staff consulted
// (CHR-45-CONSULTATION, reg 45(5)). Scope: one home, reading its reg45_reviews, and its reg44_visits and
// child placements for HomeHistory.

#include <string>
#include <vector>

#include <carewatch/sdk/checker.hpp>

#include "settings.hpp"

namespace carewatch::plugins::independent_monitoring {

class HomeHistory;

class QualityReviewChecker final : public sdk::Checker {
 public:
  std::string name() const override { return "reg45_reviews"; }
  std::vector<sdk::RuleInfo> rules() const override;
  sdk::Scope scope() const override { return sdk::Scope::home; }
  std::vector<std::string> kinds() const override { return {"reg45_review", "reg44_visit", "child"}; }
  void configure(const sdk::Parameters& params) override { settings_ = Settings::from(params); }
  void check(const sdk::Timeline& timeline, const sdk::Context& context, sdk::Sink& sink) const override;

 private:
  void check_interval(const sdk::Timeline& timeline, const HomeHistory& history, const sdk::Context& context,
                      sdk::Sink& sink) const;
  void check_report(const sdk::Record& review, const sdk::Context& context, sdk::Sink& sink) const;
  void check_consultation(const sdk::Record& review, const sdk::Context& context, sdk::Sink& sink) const;

  Settings settings_;
};

}  // namespace carewatch::plugins::independent_monitoring
