#pragma once
// ProfileChecker: the child's case record (CHR reg 36 and Schedule 3, CHR-36-PROFILE) — 7 days after
// admission (a parameter) the placement names the placing authority, social worker, IRO and date of
// birth. Scope: one child, reading the child's placement.

#include <string>
#include <vector>

#include <carewatch/sdk/checker.hpp>

#include "settings.hpp"

namespace carewatch::plugins::case_records {

class ProfileChecker final : public sdk::Checker {
 public:
  std::string name() const override { return "profiles"; }
  std::vector<sdk::RuleInfo> rules() const override;
  sdk::Scope scope() const override { return sdk::Scope::child; }
  // The placement is the child scope's reference record and arrives anyway; it is named because it is
  // the only kind this checker reads.
  std::vector<std::string> kinds() const override { return {"child"}; }
  void configure(const sdk::Parameters& params) override { settings_ = Settings::from(params); }
  void check(const sdk::Timeline& timeline, const sdk::Context& context, sdk::Sink& sink) const override;

 private:
  Settings settings_;
};

}  // namespace carewatch::plugins::case_records
