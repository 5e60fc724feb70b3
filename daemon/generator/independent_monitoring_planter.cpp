#include "generator/independent_monitoring_planter.hpp"

#include <chrono>
#include <cstdio>

#include <carewatch/sdk/calendar.hpp>

#include "generator/breach_choice.hpp"

namespace carewatch::generator {

namespace {

using sdk::Calendar;
using sdk::TimePoint;

constexpr std::string_view kFamily = "independent_monitoring";

std::string month_of(TimePoint t) {
  const sdk::Date d = Calendar::local_date(t);
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%04d-%02u", static_cast<int>(d.year()),
                static_cast<unsigned>(d.month()));
  return buffer;
}

TimePoint end_of_day(sdk::Date d) {
  return Calendar::start_of_day(sdk::Date{std::chrono::sys_days{d} + std::chrono::days{1}});
}

}  // namespace

std::optional<PlantedBreach> IndependentMonitoringPlanter::plant(Reg44VisitPlan& plan, double rate, Rng& rng) {
  const BreachChoice choice(rate, rng);
  if (plan.unspoken_before == 1) {
    // The second half of a planted pair, whatever this visit's own draw.
    if (plan.children_placed < 2) return std::nullopt;
    plan.children_spoken_privately = 0;
    PlantedBreach breach;
    breach.family = kFamily;
    breach.rule = "CHR-44-PRIVATE";
    breach.evidence = plan.id;
    breach.home = plan.home;
    breach.what = "children_spoken_privately at two consecutive visits";
    breach.trigger_at = plan.visited_at;
    return breach;
  }
  std::vector<PlantingOption> options;
  const TimePoint month_end = Calendar::next_month_start(plan.visited_at);
  if (month_end < plan.audit_at)
    options.push_back({"CHR-44-VISIT", "reg44_visit", plan.home, month_of(plan.visited_at),
                       Calendar::month_start(plan.visited_at), [&] { plan.made = false; }});
  // Only the period's last two visits: a later visit speaking to a child privately closes the finding.
  if (plan.children_placed >= 2 && plan.later_visits == 1 && plan.unspoken_before == 0)
    options.push_back({"", "", "", "", {}, [&] { plan.children_spoken_privately = 0; }});
  const TimePoint dispatch_due = end_of_day(sdk::Date{
      Calendar::local_date(month_end).year(), Calendar::local_date(month_end).month(), std::chrono::day{28}});
  if (dispatch_due < plan.audit_at) {
    options.push_back({"CHR-44-DISPATCH", "report_sent_ofsted_at", plan.id, "", plan.visited_at,
                       [&] { plan.report_sent_ofsted_at.reset(); }});
    options.push_back({"CHR-44-DISPATCH", "report_sent_ri_at", plan.id, "", plan.visited_at,
                       [&] { plan.report_sent_ri_at.reset(); }});
  }
  for (auto& rec : plan.recommendations)
    if (rec.decided_at && end_of_day(rec.consider_by) < plan.audit_at)
      options.push_back({"CHR-44-RECOMMENDATION", "recommendation decision", plan.id, rec.ref,
                         end_of_day(rec.consider_by), [&rec] { rec.decided_at.reset(); }});
  auto breach = choice.choose(kFamily, options, plan.home, "");
  // The first half of a CHR-44-PRIVATE pair has no rule of its own: the next visit reports it.
  if (breach && breach->rule.empty()) return std::nullopt;
  return breach;
}

std::optional<PlantedBreach> IndependentMonitoringPlanter::plant(Reg45ReviewPlan& plan, double rate, Rng& rng) {
  const BreachChoice choice(rate, rng);
  std::vector<PlantingOption> options;
  if (plan.last_in_period && !plan.previous_id.empty()) {
    const TimePoint due = Calendar::add_months(plan.previous_completed_at, 6);
    if (due < plan.audit_at)
      options.push_back({"CHR-45-REVIEW-6M", "reg45_review", plan.previous_id, "", due, [&] { plan.made = false; }});
  }
  if (plan.sent_to_ofsted_at && Calendar::add_days(plan.completed_at, 28) < plan.audit_at)
    options.push_back({"CHR-45-REPORT-28D", "sent_to_ofsted_at", plan.id, "", plan.completed_at,
                       [&] { plan.sent_to_ofsted_at.reset(); }});
  options.push_back({"CHR-45-CONSULTATION", "parents in consulted", plan.id, "", plan.completed_at,
                     [&] { std::erase(plan.consulted, std::string("parents")); }});
  return choice.choose(kFamily, options, plan.home, "");
}

}  // namespace carewatch::generator
