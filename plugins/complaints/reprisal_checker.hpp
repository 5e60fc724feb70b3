#pragma once
// ReprisalChecker: CHR-39-REPRISAL (reg 39(4)) — a measure or restraint on a child within 14 days after
// a complaint made by that child. The duty ("no reprisal") is absolute, but reprisal cannot be read from
// the data; the timing is a heuristic that asks a person to review, never a conclusion. Scope: one
// child, reading the child's complaints, measures and restraints.

#include <string>
#include <vector>

#include <carewatch/sdk/checker.hpp>

#include "settings.hpp"

namespace carewatch::plugins::complaints {

class ReprisalChecker final : public sdk::Checker {
 public:
  std::string name() const override { return "reprisals"; }
  std::vector<sdk::RuleInfo> rules() const override;
  sdk::Scope scope() const override { return sdk::Scope::child; }
  std::vector<std::string> kinds() const override { return {"complaint", "measure", "restraint"}; }
  void configure(const sdk::Parameters& params) override { settings_ = Settings::from(params); }
  void check(const sdk::Timeline& timeline, const sdk::Context& context, sdk::Sink& sink) const override;

 private:
  Settings settings_;
};

}  // namespace carewatch::plugins::complaints
