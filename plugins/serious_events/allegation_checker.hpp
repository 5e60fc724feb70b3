#pragma once
// AllegationChecker: what an allegation requires — notifying Ofsted and the placing authority of an
// allegation against staff or the home (reg 40(4)(c)), referring an allegation of abuse of a child to
// the placing and host authorities (reg 34(2)(b)-(c)), and referring an allegation against staff that
// meets the harm threshold to the LADO within one working day (Working Together 2023). Scope: one home,
// reading its allegations, notifications and child placements.

#include <string>
#include <vector>

#include <carewatch/sdk/checker.hpp>

#include "notification_index.hpp"
#include "settings.hpp"

namespace carewatch::plugins::serious_events {

class AllegationChecker final : public sdk::Checker {
 public:
  std::string name() const override { return "allegations"; }
  std::vector<sdk::RuleInfo> rules() const override;
  sdk::Scope scope() const override { return sdk::Scope::home; }
  std::vector<std::string> kinds() const override { return {"allegation", "notification", "child"}; }
  void configure(const sdk::Parameters& params) override { settings_ = Settings::from(params); }
  void check(const sdk::Timeline& timeline, const sdk::Context& context, sdk::Sink& sink) const override;

 private:
  void check_notification(const sdk::Record& allegation, const sdk::Timeline& timeline,
                          const NotificationIndex& index, const sdk::Context& context, sdk::Sink& sink) const;
  void check_referral(const sdk::Record& allegation, const sdk::Timeline& timeline,
                      const sdk::Context& context, sdk::Sink& sink) const;
  void check_lado(const sdk::Record& allegation, const sdk::Timeline& timeline, const sdk::Context& context,
                  sdk::Sink& sink) const;

  Settings settings_;
};

}  // namespace carewatch::plugins::serious_events
