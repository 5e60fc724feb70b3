#include "generator/workforce_planter.hpp"

#include <carewatch/sdk/calendar.hpp>

#include "generator/breach_choice.hpp"

namespace carewatch::generator {

namespace {

using sdk::Calendar;
using sdk::TimePoint;

constexpr std::string_view kFamily = "workforce";
constexpr int kSupervisionIntervalDays = 42;  // the plugin's default supervision_interval_days
constexpr int kAppraisalIntervalMonths = 12;
constexpr int kL3Months = 24;

}  // namespace

std::optional<PlantedBreach> WorkforcePlanter::plant(StaffRecordPlan& plan, double rate, Rng& rng) {
  const BreachChoice choice(rate, rng);
  std::vector<PlantingOption> options;
  if (plan.care_role) {
    options.push_back({"CHR-32-PRESTART", "employment_history_checked", plan.id, "", plan.first_shift_at,
                       [&] { plan.employment_history_checked = false; }});
    options.push_back({"CHR-32-PRESTART", "references_received (one of two)", plan.id, "", plan.first_shift_at,
                       [&] { plan.references_received = 1; }});
    const TimePoint l3_due = Calendar::start_of_day(Calendar::add_months(plan.started_at, kL3Months));
    if (plan.l3_achieved_at && l3_due < plan.audit_at)
      options.push_back({"CHR-32-L3", "l3_achieved_at", plan.id, "", l3_due, [&] { plan.l3_achieved_at.reset(); }});
  }
  return choice.choose(kFamily, options, plan.home, "");
}

std::optional<PlantedBreach> WorkforcePlanter::plant(StaffMeetingPlan& plan, double rate, Rng& rng) {
  const BreachChoice choice(rate, rng);
  std::vector<PlantingOption> options;
  if (plan.last_in_period && !plan.previous_id.empty()) {
    const bool supervision = plan.kind == "supervision";
    const TimePoint due = supervision ? Calendar::add_days(plan.previous_held_at, kSupervisionIntervalDays)
                                      : Calendar::add_months(plan.previous_held_at, kAppraisalIntervalMonths);
    if (due < plan.audit_at)
      options.push_back({supervision ? "CHR-33-SUPERVISION" : "CHR-33-APPRAISAL", plan.kind, plan.previous_id, "",
                         due, [&] { plan.made = false; }});
  }
  return choice.choose(kFamily, options, plan.home, "");
}

std::optional<PlantedBreach> WorkforcePlanter::plant(RestraintPlan& plan, double rate, Rng& rng) {
  const BreachChoice choice(rate, rng);
  std::vector<PlantingOption> options;
  if (plan.training_lapse_eligible)
    options.push_back({"CHR-33-RESTRAINT-TRAINING", "restraint_training_expires (lapsed the day before)", plan.id,
                       "", plan.started_at, [&] { plan.training_lapsed = true; }});
  return choice.choose(kFamily, options, plan.home, plan.child.id);
}

}  // namespace carewatch::generator
