#pragma once
// LateRecordChecker: CHR-35-RECORD-24H — a restraint or measure must be recorded within 24 hours of its
// use (reg 35(3)(a)). Lateness is the first visible revision's recorded_at (Record::first_recorded_at)
// minus started_at / applied_at, so amending a record never changes it: a late record stays late, and
// before it was written it is invisible to the audit. Scope: one child, reading restraints and measures.

#include <string>
#include <vector>

#include <carewatch/sdk/checker.hpp>

#include "settings.hpp"

namespace carewatch::plugins::restraint {

class LateRecordChecker final : public sdk::Checker {
 public:
  std::string name() const override { return "late_records"; }
  std::vector<sdk::RuleInfo> rules() const override;
  sdk::Scope scope() const override { return sdk::Scope::child; }
  std::vector<std::string> kinds() const override { return {"restraint", "measure"}; }
  void configure(const sdk::Parameters& params) override { settings_ = Settings::from(params); }
  void check(const sdk::Timeline& timeline, const sdk::Context& context, sdk::Sink& sink) const override;

 private:
  Settings settings_;
};

}  // namespace carewatch::plugins::restraint
