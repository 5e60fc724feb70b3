#pragma once
// VisitReportChecker: what follows an independent person's visit — the report sent to Ofsted, the
// placing authorities and the responsible individual (CHR-44-DISPATCH, reg 44(7)-(8), deadline
// believed) and each recommendation decided by its consider-by date (CHR-44-RECOMMENDATION, reg 44(5)).
// Scope: one home, reading its reg44_visits and child placements.

#include <string>
#include <vector>

#include <carewatch/sdk/checker.hpp>

#include "settings.hpp"

namespace carewatch::plugins::independent_monitoring {

class HomeHistory;

class VisitReportChecker final : public sdk::Checker {
 public:
  std::string name() const override { return "reg44_reports"; }
  std::vector<sdk::RuleInfo> rules() const override;
  sdk::Scope scope() const override { return sdk::Scope::home; }
  std::vector<std::string> kinds() const override { return {"reg44_visit", "child"}; }
  void configure(const sdk::Parameters& params) override { settings_ = Settings::from(params); }
  void check(const sdk::Timeline& timeline, const sdk::Context& context, sdk::Sink& sink) const override;

  // The end (next local midnight) of day `day` of the Europe/London month after the one containing
  // `visited_at`.
  static sdk::TimePoint dispatch_deadline(sdk::TimePoint visited_at, int day);

 private:
  void check_dispatch(const sdk::Record& visit, const HomeHistory& history, const sdk::Context& context,
                      sdk::Sink& sink) const;
  void check_recommendations(const sdk::Record& visit, const sdk::Context& context, sdk::Sink& sink) const;

  Settings settings_;
};

}  // namespace carewatch::plugins::independent_monitoring
