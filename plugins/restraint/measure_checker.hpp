#pragma once
// MeasureChecker: CHR-19-PROHIBITED — a measure of a type reg 19 prohibits (the list is RULES.md's,
// configurable because the clause is marked "believed"). Nothing in the data closes it: the finding
// stays until the record is corrected or the escalation is acknowledged with a review. Scope: one
// child, reading measures.

#include <string>
#include <vector>

#include <carewatch/sdk/checker.hpp>

#include "settings.hpp"

namespace carewatch::plugins::restraint {

class MeasureChecker final : public sdk::Checker {
 public:
  std::string name() const override { return "measures"; }
  std::vector<sdk::RuleInfo> rules() const override;
  sdk::Scope scope() const override { return sdk::Scope::child; }
  std::vector<std::string> kinds() const override { return {"measure"}; }
  void configure(const sdk::Parameters& params) override { settings_ = Settings::from(params); }
  void check(const sdk::Timeline& timeline, const sdk::Context& context, sdk::Sink& sink) const override;

 private:
  Settings settings_;
};

}  // namespace carewatch::plugins::restraint
