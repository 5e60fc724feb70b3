#pragma once
// DoseRecordChecker: MED-RECORD (reg 23, clause believed) — a dose recorded as given says who gave it
// (`administered_by`) and when (`administered_at`). Scope: one child, reading their medication records.

#include <string>
#include <vector>

#include <carewatch/sdk/checker.hpp>

#include "settings.hpp"

namespace carewatch::plugins::medication {

class DoseRecordChecker final : public sdk::Checker {
 public:
  std::string name() const override { return "dose_records"; }
  std::vector<sdk::RuleInfo> rules() const override;
  sdk::Scope scope() const override { return sdk::Scope::child; }
  std::vector<std::string> kinds() const override { return {"medication"}; }
  // No parameter of its own; refuses a bad table all the same, as every checker of the plugin does.
  void configure(const sdk::Parameters& params) override { (void)Settings::from(params); }
  void check(const sdk::Timeline& timeline, const sdk::Context& context, sdk::Sink& sink) const override;
};

}  // namespace carewatch::plugins::medication
