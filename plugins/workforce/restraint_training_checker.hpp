#pragma once
// RestraintTrainingChecker: a staff member who used restraint held in-date restraint training at the
// time (reg 33(4)(a)). Scope: one staff member, reading their staff record and the restraints whose
// `used_by` names them.

#include <string>
#include <vector>

#include <carewatch/sdk/checker.hpp>

#include "settings.hpp"

namespace carewatch::plugins::workforce {

class RestraintTrainingChecker final : public sdk::Checker {
 public:
  std::string name() const override { return "restraint_training"; }
  std::vector<sdk::RuleInfo> rules() const override;
  sdk::Scope scope() const override { return sdk::Scope::staff; }
  std::vector<std::string> kinds() const override { return {"staff", "restraint"}; }
  // No parameter of its own; refuses a bad table all the same, as every checker of the plugin does.
  void configure(const sdk::Parameters& params) override { (void)Settings::from(params); }
  void check(const sdk::Timeline& timeline, const sdk::Context& context, sdk::Sink& sink) const override;
};

}  // namespace carewatch::plugins::workforce
