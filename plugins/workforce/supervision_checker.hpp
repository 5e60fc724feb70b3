#pragma once
// SupervisionChecker: staff supervised within the provider's interval (reg 33(4)(b)) and appraised at
// least once a year (reg 33(4)(c)). Each is a rolling interval from the last supervision or appraisal,
// or from `started_at` for a new starter; a staff member who has left is no longer checked after the
// end of their `left_at` day. Scope: one staff member, reading their staff record, supervisions and
// appraisals.

#include <string>
#include <string_view>
#include <vector>

#include <carewatch/sdk/checker.hpp>

#include "settings.hpp"

namespace carewatch::plugins::workforce {

class SupervisionChecker final : public sdk::Checker {
 public:
  std::string name() const override { return "supervision"; }
  std::vector<sdk::RuleInfo> rules() const override;
  sdk::Scope scope() const override { return sdk::Scope::staff; }
  std::vector<std::string> kinds() const override { return {"staff", "supervision", "appraisal"}; }
  void configure(const sdk::Parameters& params) override { settings_ = Settings::from(params); }
  void check(const sdk::Timeline& timeline, const sdk::Context& context, sdk::Sink& sink) const override;

 private:
  Settings settings_;
};

}  // namespace carewatch::plugins::workforce
