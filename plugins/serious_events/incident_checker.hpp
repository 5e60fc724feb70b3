#pragma once
// IncidentChecker: the reg 40 duties an incident raises — death (40(1)), sexual exploitation (40(4)(a)),
// police involvement (40(4)(b)), the seriousness decision the other duties depend on, and any incident
// decided serious (40(4)). Scope: one home, reading its incidents, notifications and child placements.

#include <string>
#include <vector>

#include <carewatch/sdk/checker.hpp>

#include "notification_index.hpp"
#include "settings.hpp"

namespace carewatch::plugins::serious_events {

class IncidentChecker final : public sdk::Checker {
 public:
  std::string name() const override { return "incidents"; }
  std::vector<sdk::RuleInfo> rules() const override;
  sdk::Scope scope() const override { return sdk::Scope::home; }
  std::vector<std::string> kinds() const override { return {"incident", "notification", "child"}; }
  void configure(const sdk::Parameters& params) override { settings_ = Settings::from(params); }
  void check(const sdk::Timeline& timeline, const sdk::Context& context, sdk::Sink& sink) const override;

 private:
  void check_decision(const sdk::Record& incident, std::string_view home, const sdk::Context& context,
                      sdk::Sink& sink) const;

  Settings settings_;
};

}  // namespace carewatch::plugins::serious_events
