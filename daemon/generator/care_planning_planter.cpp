#include "generator/care_planning_planter.hpp"

#include <chrono>

#include <carewatch/sdk/calendar.hpp>

#include "generator/breach_choice.hpp"

namespace carewatch::generator {

namespace {

using sdk::Calendar;
using sdk::TimePoint;

constexpr std::string_view kFamily = "care_planning";
// The plugin's defaults.
constexpr int kFirstVisitDays = 7;
constexpr int kVisitIntervalDays = 42;
constexpr int kLongTermVisitMonths = 3;
constexpr int kFirstYearMonths = 12;
constexpr int kRequestWorkingDays = 10;
constexpr int kReviewIntervalMonths = 6;
// Working-day deadlines with weekends only (the generator has no bank-holiday data): each bank holiday
// moves the plugin's deadline a day later, so eligibility keeps this margin on top.
constexpr int kBankHolidayMarginDays = 6;
constexpr int kAdvocacyCalendarDays = 35;  // 20 working days, with every bank holiday that can fall in them

}  // namespace

std::optional<PlantedBreach> CarePlanningPlanter::plant(PlacementPlan& plan, double rate, Rng& rng) {
  const BreachChoice choice(rate, rng);
  std::vector<PlantingOption> options;
  if (plan.advocate_recorded && plan.communication != "verbal" &&
      Calendar::add_days(plan.admitted_at, kAdvocacyCalendarDays) < plan.audit_at)
    options.push_back({"CHR-7-ADVOCACY", "advocate", plan.id, "", plan.admitted_at,
                       [&] { plan.advocate_recorded = false; }});
  return choice.choose(kFamily, options, plan.home, plan.id);
}

std::optional<PlantedBreach> CarePlanningPlanter::plant(VisitPlan& plan, double rate, Rng& rng) {
  const BreachChoice choice(rate, rng);
  std::vector<PlantingOption> options;
  if (plan.seen_alone == false && !plan.seen_alone_exception.empty())
    options.push_back({"CPPCR-29-SEEN-ALONE", "seen_alone_exception", plan.id, "", plan.visited_at,
                       [&] { plan.seen_alone_exception.clear(); }});
  if (plan.index == 0 && plan.admitted_in_period) {
    const TimePoint due = Calendar::add_days(plan.admitted_at, kFirstVisitDays);
    if (due < plan.audit_at)
      options.push_back({"CPPCR-28-FIRST-VISIT", "first social_worker visit", plan.child, "", plan.admitted_at, [&, due] {
                           plan.made = false;
                           plan.due = due;
                         }});
  }
  if (plan.index >= 2 && plan.index % 2 == 0 && !plan.previous_id.empty()) {
    const bool first_year = plan.previous_visited_at < Calendar::add_months(plan.admitted_at, kFirstYearMonths);
    const TimePoint due = !first_year && plan.intended_until_18
                              ? Calendar::add_months(plan.previous_visited_at, kLongTermVisitMonths)
                              : Calendar::add_days(plan.previous_visited_at, kVisitIntervalDays);
    if (due < plan.audit_at && Calendar::start_of_day(plan.next_regular) > due)
      options.push_back({"CPPCR-28-VISIT", "social_worker visit", plan.previous_id, "", plan.previous_visited_at,
                         [&, due] {
                           plan.made = false;
                           plan.due = due;
                         }});
  }
  if (plan.request_open) {
    const TimePoint due = Calendar().add_working_days(plan.requested_at, kRequestWorkingDays);
    if (Calendar::add_days(due, kBankHolidayMarginDays) < plan.audit_at)
      options.push_back({"CHILD-VISIT-REQUEST", "answering visit", plan.request, "", plan.requested_at, [&, due] {
                           plan.made = false;
                           plan.due = due;
                         }});
  }
  return choice.choose(kFamily, options, plan.home, plan.child);
}

std::optional<PlantedBreach> CarePlanningPlanter::plant(ReviewPlan& plan, double rate, Rng& rng) {
  const BreachChoice choice(rate, rng);
  std::vector<PlantingOption> options;
  if (plan.child_views)
    options.push_back(
        {"CHR-7-VOICE", "child_views", plan.id, "", plan.held_at, [&] { plan.child_views.reset(); }});
  if (plan.index >= 2 && plan.index % 2 == 0 && !plan.previous_id.empty()) {
    const TimePoint due = Calendar::add_months(plan.previous_held_at, kReviewIntervalMonths);
    if (due < plan.audit_at && Calendar::start_of_day(plan.next_review) > due)
      options.push_back({"CPPCR-33-REVIEW", "review", plan.previous_id, "", plan.previous_held_at, [&, due] {
                           plan.made = false;
                           plan.due = due;
                         }});
  }
  return choice.choose(kFamily, options, plan.home, plan.child);
}

}  // namespace carewatch::generator
