#pragma once
// WorkforcePlanter: plants breaches of the workforce rules (RULES.md; CHR 32, 33, 48, Schedule 2). Each
// leaves out one step, chosen so that exactly one rule fires by the audit a week after the period:
//   CHR-32-PRESTART    a care-role staff member's employment history check, or second reference, not
//                      done (the staff record says so); DBS and identity stay in time, so the finding
//                      is high, not critical. The staff are recruited before the period, so this
//                      breach's trigger (the first shift) lies before it; the finding shows from the
//                      data's first day.
//   CHR-32-L3          a care-role staff member's Level 3 not achieved, when the two-year anniversary
//                      of starting falls before the audit.
//   CHR-33-SUPERVISION the member's last supervision of the period not held (a missed interval closes
//                      when the next meeting is held, so only the last one can still show), when six
//                      weeks from the one before have run out by the audit; evidence: that one.
//   CHR-33-APPRAISAL   likewise for the last appraisal of the period and twelve months.
//   CHR-48-ABSENCE     a registered manager's absence not notified to Ofsted (`ofsted_notified_at`), or
//                      its end not (`return_notified_at`, stage `return`), when that deadline passes
//                      before the audit; evidence: the absence.
//   CHR-33-RESTRAINT-TRAINING  a restraint's user shown to have let their training lapse the day before:
//                      a staff-record revision written the day after the period sets
//                      restraint_training_expires to that day. The checker judges the record as of the
//                      audit, so every later restraint by the member would fire too; the simulator
//                      therefore keeps the breach only if the member restrains no one again (else it is
//                      dropped and nothing is written). Evidence: the restraint.
// Never planted: none of the family's rules.

#include "generator/breach_planter.hpp"

namespace carewatch::generator {

class WorkforcePlanter final : public BreachPlanter {
 public:
  using BreachPlanter::plant;  // the other event types: not eligible
  std::string_view family() const override { return "workforce"; }
  std::optional<PlantedBreach> plant(StaffRecordPlan& plan, double rate, Rng& rng) override;
  std::optional<PlantedBreach> plant(StaffMeetingPlan& plan, double rate, Rng& rng) override;
  std::optional<PlantedBreach> plant(ManagerAbsencePlan& plan, double rate, Rng& rng) override;
  std::optional<PlantedBreach> plant(RestraintPlan& plan, double rate, Rng& rng) override;
};

}  // namespace carewatch::generator
