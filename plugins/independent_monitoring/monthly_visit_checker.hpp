#pragma once
// MonthlyVisitChecker: the independent person's visits themselves — one in every calendar month
// (CHR-44-VISIT, reg 44(1)) and children spoken to in private (CHR-44-PRIVATE, reg 44(2)). Scope: one
// home, reading its reg44_visits, and its child placements and reg45_reviews for HomeHistory.

#include <string>
#include <vector>

#include <carewatch/sdk/checker.hpp>

#include "settings.hpp"

namespace carewatch::plugins::independent_monitoring {

class HomeHistory;

class MonthlyVisitChecker final : public sdk::Checker {
 public:
  std::string name() const override { return "reg44_visits"; }
  std::vector<sdk::RuleInfo> rules() const override;
  sdk::Scope scope() const override { return sdk::Scope::home; }
  std::vector<std::string> kinds() const override { return {"reg44_visit", "reg45_review", "child"}; }
  void configure(const sdk::Parameters& params) override { settings_ = Settings::from(params); }
  void check(const sdk::Timeline& timeline, const sdk::Context& context, sdk::Sink& sink) const override;

 private:
  void check_months(const sdk::Timeline& timeline, const HomeHistory& history, const sdk::Context& context,
                    sdk::Sink& sink) const;
  void check_private(const sdk::Timeline& timeline, const HomeHistory& history, const sdk::Context& context,
                     sdk::Sink& sink) const;

  Settings settings_;
};

}  // namespace carewatch::plugins::independent_monitoring
