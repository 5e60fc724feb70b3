#pragma once
// SeriousEventsPlugin: the serious_events rule family (RULES.md) — reg 40 notifications, reg 34
// referrals and LADO referrals — as three home-scoped checkers: incidents, allegations, cp_enquiries.

#include <memory>
#include <string>
#include <vector>

#include <carewatch/sdk/plugin.hpp>

namespace carewatch::plugins::serious_events {

class SeriousEventsPlugin final : public sdk::Plugin {
 public:
  std::string name() const override { return "serious_events"; }
  std::string description() const override;
  std::vector<std::unique_ptr<sdk::Checker>> make_checkers() const override;
};

}  // namespace carewatch::plugins::serious_events
