#pragma once
// CpEnquiryChecker: reg 40(4)(d) — a child protection enquiry is notified when it is instigated and again
// when its outcome is known. The two are separate duties and separate findings: the start's finding is
// triggered by the enquiry's id, the outcome's by "<id>#outcome", so their fingerprints differ and each
// escalation resolves on its own notification. Scope: one home, reading its cp_enquiries, notifications
// and child placements.

#include <string>
#include <vector>

#include <carewatch/sdk/checker.hpp>

#include "settings.hpp"

namespace carewatch::plugins::serious_events {

class CpEnquiryChecker final : public sdk::Checker {
 public:
  // The suffix that marks the outcome duty's trigger, e.g. "CE-1#outcome".
  static constexpr std::string_view kOutcomeSuffix = "#outcome";

  std::string name() const override { return "cp_enquiries"; }
  std::vector<sdk::RuleInfo> rules() const override;
  sdk::Scope scope() const override { return sdk::Scope::home; }
  std::vector<std::string> kinds() const override { return {"cp_enquiry", "notification", "child"}; }
  void configure(const sdk::Parameters& params) override { settings_ = Settings::from(params); }
  void check(const sdk::Timeline& timeline, const sdk::Context& context, sdk::Sink& sink) const override;

 private:
  Settings settings_;
};

}  // namespace carewatch::plugins::serious_events
