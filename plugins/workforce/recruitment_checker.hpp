#pragma once
// RecruitmentChecker: what a care-role staff member needs before and after starting — the Schedule 2
// checks (enhanced DBS with barred list, identity, references, employment history) in place before the
// first shift (reg 32(3)), and the level 3 qualification or a deferral two years after starting
// (reg 32(4)-(6)). Scope: one staff member, reading their staff record and shifts.

#include <string>
#include <vector>

#include <carewatch/sdk/checker.hpp>

#include "settings.hpp"

namespace carewatch::plugins::workforce {

class RecruitmentChecker final : public sdk::Checker {
 public:
  std::string name() const override { return "recruitment"; }
  std::vector<sdk::RuleInfo> rules() const override;
  sdk::Scope scope() const override { return sdk::Scope::staff; }
  std::vector<std::string> kinds() const override { return {"staff", "shift"}; }
  void configure(const sdk::Parameters& params) override { settings_ = Settings::from(params); }
  void check(const sdk::Timeline& timeline, const sdk::Context& context, sdk::Sink& sink) const override;

 private:
  void check_prestart(const sdk::Record& staff, const sdk::Timeline& timeline, const sdk::Context& context,
                      sdk::Sink& sink) const;
  void check_level3(const sdk::Record& staff, const sdk::Context& context, sdk::Sink& sink) const;

  Settings settings_;
};

}  // namespace carewatch::plugins::workforce
