#pragma once
// MedicationPlanter: plants breaches of the medication rules (RULES.md; CHR 23, believed). The event is
// one child's doses on one day.
//
//   MED-RECORD   a given dose with administered_by left out (one of the day's given doses).
//   MED-OMITTED  either limb of the rule:
//                - a regular dose not given and no reason recorded: status omitted, administered_at,
//                  administered_by and reason left out (the day's earliest given regular dose);
//                - the pattern (2 omitted doses within 7 days), planted by adding its events: the day's
//                  earliest given regular dose and a given regular dose later that day both not given,
//                  each with a reason, so only the pattern fires. The later dose is the evidence (the
//                  plugin's trigger `MED-...#pattern`), and the manifest's stage is `pattern`.
//                Omissions are planted only on every eighth day of the period (days 0, 8, 16, ...), so no
//                two planted omissions of a child fall within 7 days of each other, whatever the rate.
// The compliant data has no omitted dose (a refusal is the child's choice and is not counted).

#include "generator/breach_planter.hpp"

namespace carewatch::generator {

class MedicationPlanter final : public BreachPlanter {
 public:
  using BreachPlanter::plant;  // the other event types: not eligible
  std::string_view family() const override { return "medication"; }
  std::optional<PlantedBreach> plant(MedicationRoundPlan& plan, double rate, Rng& rng) override;

  // Omissions are planted only on days whose index is a multiple of this: more than the plugin's
  // default omitted_window_days (7), so each planted omission stands alone.
  static constexpr int kOmissionEveryDays = 8;
};

}  // namespace carewatch::generator
