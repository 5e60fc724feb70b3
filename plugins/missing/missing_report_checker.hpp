#pragma once
// MissingReportChecker: MISS-REPORT — a missing child reported to the police and the placing authority
// notified within a practice target of missing_from (Children's Homes (England) Regulations 2015
// reg 34(4)). Scope: one child, reading the child's missing_episodes.

#include <string>
#include <vector>

#include <carewatch/sdk/checker.hpp>

#include "settings.hpp"

namespace carewatch::plugins::missing {

class MissingReportChecker final : public sdk::Checker {
 public:
  std::string name() const override { return "missing_reports"; }
  std::vector<sdk::RuleInfo> rules() const override;
  sdk::Scope scope() const override { return sdk::Scope::child; }
  std::vector<std::string> kinds() const override { return {"missing_episode"}; }
  void configure(const sdk::Parameters& params) override { settings_ = Settings::from(params); }
  void check(const sdk::Timeline& timeline, const sdk::Context& context, sdk::Sink& sink) const override;

 private:
  Settings settings_;
};

}  // namespace carewatch::plugins::missing
