#pragma once
// ManagerAbsenceChecker: the registered manager's absence of 28 days or more notified to Ofsted one
// month before it starts (within one week of the start in an emergency), and the return notified within
// 7 days of its end (reg 48). Scope: one staff member, reading their manager_absence records.

#include <string>
#include <vector>

#include <carewatch/sdk/checker.hpp>

#include "settings.hpp"

namespace carewatch::plugins::workforce {

class ManagerAbsenceChecker final : public sdk::Checker {
 public:
  std::string name() const override { return "manager_absence"; }
  std::vector<sdk::RuleInfo> rules() const override;
  sdk::Scope scope() const override { return sdk::Scope::staff; }
  std::vector<std::string> kinds() const override { return {"manager_absence"}; }
  void configure(const sdk::Parameters& params) override { settings_ = Settings::from(params); }
  void check(const sdk::Timeline& timeline, const sdk::Context& context, sdk::Sink& sink) const override;

 private:
  void check_absence(const sdk::Record& absence, const sdk::Timeline& timeline, const sdk::Context& context,
                     sdk::Sink& sink) const;

  Settings settings_;
};

}  // namespace carewatch::plugins::workforce
