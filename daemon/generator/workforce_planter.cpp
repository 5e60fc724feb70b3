#include "generator/workforce_planter.hpp"

#include <algorithm>

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
constexpr int kAbsenceNoticeMonths = 1;  // the plugin's defaults: notice a month before,
constexpr int kEmergencyNoticeDays = 7;  // an emergency's within a week of the start,
constexpr int kReturnNoticeDays = 7;     // the return's within a week of it

sdk::Date plus_days(sdk::Date d, int n) {
  return sdk::Date{std::chrono::sys_days{d} + std::chrono::days{n}};
}

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

// A deadline "by the end of day D" is past from the start of the day after.
std::optional<PlantedBreach> WorkforcePlanter::plant(ManagerAbsencePlan& plan, double rate, Rng& rng) {
  const BreachChoice choice(rate, rng);
  std::vector<PlantingOption> options;
  const TimePoint notice_due =
      plan.emergency
          ? Calendar::start_of_day(plus_days(plan.starts_on, kEmergencyNoticeDays + 1))
          : Calendar::start_of_day(plus_days(Calendar::add_months(plan.starts_on, -kAbsenceNoticeMonths), 1));
  // The notice duty shows once the absence is known to last 28 days: at the latest when it ends.
  const TimePoint shows = std::max(notice_due, Calendar::start_of_day(plus_days(plan.ends_on, 1)));
  if (plan.ofsted_notified_at && shows < plan.audit_at)
    options.push_back({"CHR-48-ABSENCE", "ofsted_notified_at", plan.id, "", notice_due,
                       [&] { plan.ofsted_notified_at.reset(); }});
  const TimePoint return_due = Calendar::start_of_day(plus_days(plan.ends_on, kReturnNoticeDays + 1));
  if (plan.return_notified_at && return_due < plan.audit_at)
    options.push_back({"CHR-48-ABSENCE", "return_notified_at", plan.id, "return", return_due,
                       [&] { plan.return_notified_at.reset(); }});
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
