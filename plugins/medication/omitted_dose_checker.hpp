#pragma once
// OmittedDoseChecker: MED-OMITTED (reg 23, clause believed) — an omitted dose with no recorded reason,
// and `omitted_threshold` or more omitted doses for one child within a rolling window of
// `omitted_window_days` local days. Scope: one child, reading their medication records.

#include <string>
#include <vector>

#include <carewatch/sdk/checker.hpp>

#include "settings.hpp"

namespace carewatch::plugins::medication {

class OmittedDoseChecker final : public sdk::Checker {
 public:
  std::string name() const override { return "omitted_doses"; }
  std::vector<sdk::RuleInfo> rules() const override;
  sdk::Scope scope() const override { return sdk::Scope::child; }
  std::vector<std::string> kinds() const override { return {"medication"}; }
  void configure(const sdk::Parameters& params) override { settings_ = Settings::from(params); }
  void check(const sdk::Timeline& timeline, const sdk::Context& context, sdk::Sink& sink) const override;

 private:
  void check_pattern(const std::vector<const sdk::Record*>& omitted, const sdk::Timeline& timeline,
                     sdk::Sink& sink) const;

  Settings settings_;
};

}  // namespace carewatch::plugins::medication
