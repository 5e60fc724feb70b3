#pragma once
// ComplaintsPlanter: plants breaches of the complaints rules (RULES.md; CHR 39).
//
//   CHR-39-RECORD        the complaint never closed: outcome, actions and closed_at left out. Only for a
//                        complaint whose 28-day practice target passes within a week of the period's end,
//                        so that an audit a week after the period sees the breach.
//   CHR-39-INDEPENDENCE  a complaint about a member of staff handled by that member of staff (handled_by
//                        set to the first of about_staff instead of the manager): a wrong fact, the only
//                        kind of breach this rule has.
//   CHR-39-REPRISAL      a pattern rule, planted by adding its event: a measure (loss_of_privilege,
//                        permitted and recorded within two hours, so no restraint rule fires) on the
//                        complaining child one to three days after a complaint made by that child. The
//                        compliant data never has a measure or restraint in that fortnight. The measure
//                        is the evidence, with an id of its own (MEA-H1-C00012 for CMP-H1-00012) so that
//                        no other id shifts; only complaints at least four days before the period's end
//                        are eligible, so it falls inside the period.

#include "generator/breach_planter.hpp"

namespace carewatch::generator {

class ComplaintsPlanter final : public BreachPlanter {
 public:
  using BreachPlanter::plant;  // the other event types: not eligible
  std::string_view family() const override { return "complaints"; }
  std::optional<PlantedBreach> plant(ComplaintPlan& plan, double rate, Rng& rng) override;

  // The complaints plugin's default record_target_days (CHR-39-RECORD's practice target).
  static constexpr int kRecordTargetDays = 28;
};

}  // namespace carewatch::generator
