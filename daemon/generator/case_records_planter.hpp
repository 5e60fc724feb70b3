#pragma once
// CaseRecordsPlanter: plants breaches of the case_records rules (RULES.md; CHR 36, Schedules 3 and 4).
// Each leaves out one step, chosen so that exactly one rule fires:
//   CHR-36-SIGNED   a daily log not signed (no `signed_at`); raised as soon as the entry is on record.
//   CHR-36-PROFILE  a child admitted in the period whose placement record never names the social worker,
//                   or the IRO (due 7 days after admission, well before the audit: nobody is admitted
//                   in the period's last fortnight).
// Never planted: CHR-37-VISITORS (reserved; the plugin declares no such rule).

#include "generator/breach_planter.hpp"

namespace carewatch::generator {

class CaseRecordsPlanter final : public BreachPlanter {
 public:
  using BreachPlanter::plant;  // the other event types: not eligible
  std::string_view family() const override { return "case_records"; }
  std::optional<PlantedBreach> plant(PlacementPlan& plan, double rate, Rng& rng) override;
  std::optional<PlantedBreach> plant(DailyLogPlan& plan, double rate, Rng& rng) override;
};

}  // namespace carewatch::generator
