#pragma once
// CarePlanningPlanter: plants breaches of the care_planning rules (RULES.md; CPPCR 28, 29, 33; CHR 7).
// Each leaves out one step, chosen so that exactly one rule fires by the audit a week after the period:
//   CPPCR-28-FIRST-VISIT  a child admitted in the period: the first social-worker visit not made
//                         (evidence: the placement).
//   CPPCR-28-VISIT        a regular social-worker visit not made, when the gap from the last visit to
//                         the next regular one then runs past the interval (six weeks; three months after
//                         the first year of a placement meant to last until 18). Only every other visit
//                         of a placement is eligible, so two in a row are never left out (evidence: the
//                         visit before it).
//   CPPCR-29-SEEN-ALONE   a social-worker visit at which the child was not seen alone: the reason.
//   CHILD-VISIT-REQUEST   the visit answering a request, when the requested role has not visited since.
//   CPPCR-33-REVIEW       a review from the placement's third on not held (every other one), when the gap
//                         to the next runs past six months (evidence: the review before it).
//   CHR-7-VOICE           a review's child_views.
//   CHR-7-ADVOCACY        a limited or non_verbal child admitted in the period: the advocate is not
//                         named on the placement (the offer at a review is not enough for them).
// A breach left by an omitted visit or review is withdrawn from the manifest if the duty is closed in
// time after all (a social worker answering a request within the gap, the requested role visiting for
// another reason) or the child leaves before it falls due: the plugin raises nothing then.

#include "generator/breach_planter.hpp"

namespace carewatch::generator {

class CarePlanningPlanter final : public BreachPlanter {
 public:
  using BreachPlanter::plant;  // the other event types: not eligible
  std::string_view family() const override { return "care_planning"; }
  std::optional<PlantedBreach> plant(PlacementPlan& plan, double rate, Rng& rng) override;
  std::optional<PlantedBreach> plant(VisitPlan& plan, double rate, Rng& rng) override;
  std::optional<PlantedBreach> plant(ReviewPlan& plan, double rate, Rng& rng) override;
};

}  // namespace carewatch::generator
