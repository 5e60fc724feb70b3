#pragma once
// IndependentMonitoringPlugin: the independent_monitoring rule family (RULES.md) — the reg 44
// independent person's monthly visits and reports, and the reg 45 quality of care review — as three
// home-scoped checkers: reg44_visits, reg44_reports, reg45_reviews.

#include <memory>
#include <string>
#include <vector>

#include <carewatch/sdk/plugin.hpp>

namespace carewatch::plugins::independent_monitoring {

class IndependentMonitoringPlugin final : public sdk::Plugin {
 public:
  std::string name() const override { return "independent_monitoring"; }
  std::string description() const override;
  std::vector<std::unique_ptr<sdk::Checker>> make_checkers() const override;
};

}  // namespace carewatch::plugins::independent_monitoring
