#pragma once
// DailyLogChecker: each daily log entry signed and dated by the person who made it (CHR reg 36(1)(b)-(c),
// CHR-36-SIGNED) — an entry without signed_at, or whose author is not the staff member who recorded it
// in the source system, is raised. Scope: one child, reading the child's daily logs.

#include <string>
#include <vector>

#include <carewatch/sdk/checker.hpp>

#include "settings.hpp"

namespace carewatch::plugins::case_records {

class DailyLogChecker final : public sdk::Checker {
 public:
  std::string name() const override { return "daily_logs"; }
  std::vector<sdk::RuleInfo> rules() const override;
  sdk::Scope scope() const override { return sdk::Scope::child; }
  std::vector<std::string> kinds() const override { return {"daily_log"}; }
  // The rule has no parameter; the plugin's table is still validated so a bad key is reported by every
  // checker alike.
  void configure(const sdk::Parameters& params) override { (void)Settings::from(params); }
  void check(const sdk::Timeline& timeline, const sdk::Context& context, sdk::Sink& sink) const override;
};

}  // namespace carewatch::plugins::case_records
