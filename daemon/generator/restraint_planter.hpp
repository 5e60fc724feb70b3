#pragma once
// RestraintPlanter: plants breaches of the restraint rules (RULES.md; CHR 19, 20, 35).
//
// Restraints (none is planned in an EHC plan in the compliant data, so reg 35(3) applies to each):
//   CHR-35-RECORD-CONTENT  one of behaviour, alternatives_tried, effectiveness, injuries left out.
//   CHR-35-USER-48H        no review: user_spoken_to_at, reviewer_signed_at and reviewed_by left out.
//   CHR-35-CHILD-5D        the child never spoken to: child_spoken_to_at (with _by and child_views) left out.
//   CHR-20-PURPOSE         purpose left out (raised once the record is due, 24 h after the start).
//   CHR-35-EHCP            for a child with an EHCP: ehcp_planned true without the ehcp_reference that the
//                          exemption needs; the record and review are complete, so no reg 35(3) rule fires.
// Measures:
//   CHR-35-RECORD-24H      the measure first recorded 24 h 30 min to 48 h after it was applied, instead of
//                          within two hours (a late record is this rule's breach; nothing else changes).
//   CHR-19-PROHIBITED      the measure's type replaced by a prohibited one (fine, withheld_food,
//                          restricted_contact or group_punishment): a wrong fact, the only kind of breach
//                          this rule has.
// Every choice (which item, how late, which type) is drawn from the planting stream for every eligible
// event, whether or not a breach is planted, so the streams stay aligned across rates.

#include "generator/breach_planter.hpp"

namespace carewatch::generator {

class RestraintPlanter final : public BreachPlanter {
 public:
  using BreachPlanter::plant;  // the other event types: not eligible
  std::string_view family() const override { return "restraint"; }
  std::optional<PlantedBreach> plant(RestraintPlan& plan, double rate, Rng& rng) override;
  std::optional<PlantedBreach> plant(MeasurePlan& plan, double rate, Rng& rng) override;
};

}  // namespace carewatch::generator
