#pragma once
// AdvocacyChecker: the child's access to an advocate (CHR reg 7(2)(b)) — an advocate named on the
// placement, or one offered at a review, within 20 working days of admission; a child whose
// communication is limited or non_verbal needs an advocate named, an offer is not enough. Scope: one
// child, reading the placement and the child's reviews.

#include <string>
#include <vector>

#include <carewatch/sdk/checker.hpp>

#include "settings.hpp"

namespace carewatch::plugins::care_planning {

class AdvocacyChecker final : public sdk::Checker {
 public:
  std::string name() const override { return "advocacy"; }
  std::vector<sdk::RuleInfo> rules() const override;
  sdk::Scope scope() const override { return sdk::Scope::child; }
  std::vector<std::string> kinds() const override { return {"review"}; }
  void configure(const sdk::Parameters& params) override { settings_ = Settings::from(params); }
  void check(const sdk::Timeline& timeline, const sdk::Context& context, sdk::Sink& sink) const override;

 private:
  Settings settings_;
};

}  // namespace carewatch::plugins::care_planning
