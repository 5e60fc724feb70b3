#pragma once
// SeriousEventsPlanter: plants breaches of the serious_events rules (RULES.md; CHR 34, 40; WT).
//
// Each planted breach leaves out one closing step, chosen so that exactly one rule fires:
//   CHR-40-DECISION    candidate-category incident without police involvement: no seriousness decision
//                      (and therefore no notifications); POLICE needs police, SERIOUS a decision.
//   CHR-40-SERIOUS     incident decided serious without police involvement: no notification to ofsted
//                      (the placing authority is still told, so host/placing gaps stay closed).
//   CHR-40-CSE         sexual_exploitation incident (generated without a seriousness decision or police
//                      involvement, so no other incident rule applies): no notification to ofsted.
//   CHR-40-ALLEGATION  allegation: no notification to ofsted about it (referrals are untouched).
//   CHR-34-REFERRAL    allegation naming a child: no placing_authority_referred_at, or, for a child placed
//                      out of area, no host_authority_referred_at.
//   WT-LADO-1WD        allegation against staff meeting a limb: no lado_referred_at.
//   CHR-40-CP-ENQUIRY  cp_enquiry: none of its initial-stage notifications, or (when its outcome falls in
//                      the period) none of its outcome-stage notifications.
//   CHR-40-POLICE      incident with police_involved true but no candidate category (the police category
//                      is itself a candidate): no seriousness decision and no notifications. With a
//                      candidate category CHR-40-DECISION would fire too, and a serious police incident
//                      missing a notification fires CHR-40-SERIOUS as well, so those are never planted.
// CHR-40-DEATH is never planted because deaths are never generated.
// Breaches are omissions, never late records: a late closing record still closes these rules.

#include "generator/breach_planter.hpp"

namespace carewatch::generator {

class SeriousEventsPlanter final : public BreachPlanter {
 public:
  using BreachPlanter::plant;  // the other event types: not eligible
  std::string_view family() const override { return "serious_events"; }
  std::optional<PlantedBreach> plant(IncidentPlan& plan, double rate, Rng& rng) override;
  std::optional<PlantedBreach> plant(AllegationPlan& plan, double rate, Rng& rng) override;
  std::optional<PlantedBreach> plant(CpEnquiryPlan& plan, double rate, Rng& rng) override;

  // The incident categories CHR-40-DECISION treats as candidates for a seriousness decision.
  static bool is_candidate_category(std::string_view category);
};

}  // namespace carewatch::generator
