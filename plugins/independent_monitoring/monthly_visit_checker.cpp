#include "monthly_visit_checker.hpp"

#include <algorithm>
#include <set>
#include <utility>

#include <carewatch/sdk/calendar.hpp>

#include "home_history.hpp"
#include "obligation.hpp"
#include "rule_catalogue.hpp"
#include "wording.hpp"

namespace carewatch::plugins::independent_monitoring {

namespace {

using sdk::Calendar;

// The first calendar month the home existed for in full: a home first recorded mid-month has not had a
// whole month in which to arrange a visit, so its first month counts only if it began at local midnight
// on the 1st.
sdk::TimePoint first_whole_month(sdk::TimePoint start) {
  const sdk::TimePoint month = Calendar::month_start(start);
  return month == start ? month : Calendar::next_month_start(start);
}

}  // namespace

std::vector<sdk::RuleInfo> MonthlyVisitChecker::rules() const {
  return independent_monitoring::rules({kVisit, kPrivate});
}

void MonthlyVisitChecker::check(const sdk::Timeline& timeline, const sdk::Context& context,
                                sdk::Sink& sink) const {
  const HomeHistory history(timeline);
  check_months(timeline, history, context, sink);
  check_private(timeline, history, context, sink);
}

void MonthlyVisitChecker::check_months(const sdk::Timeline& timeline, const HomeHistory& history,
                                       const sdk::Context& context, sdk::Sink& sink) const {
  const auto start = history.start();
  if (!start) return;
  const sdk::TimePoint as_of = context.as_of();
  const std::string& home = timeline.subject().home;

  std::set<sdk::TimePoint> visited;  // local month starts with at least one visit
  for (const sdk::Record* visit : timeline.of_kind("reg44_visit"))
    visited.insert(Calendar::month_start(visit->when()));

  // Only the most recent `lookback_months` months are reported, so that a home with years of history
  // (or a long-missing feed of visits) gives a bounded number of findings; a month leaving the window
  // stops being reported and its escalation resolves.
  const sdk::TimePoint window =
      Calendar::add_months(Calendar::month_start(as_of), -settings_.lookback_months());
  // Ends: a month never visited after the last month holding a visit, at the latest.
  for (sdk::TimePoint month = std::max(first_whole_month(*start), window);;
       month = Calendar::next_month_start(month)) {
    const sdk::TimePoint due = Calendar::next_month_start(month);
    const bool has_visit = visited.count(month) > 0;
    if (as_of <= due) {
      // Not yet ended: the first such month without a visit is the next time a finding can appear.
      if (!has_visit) {
        sink.look_again_at(due + sdk::Seconds{1});
        break;
      }
      continue;
    }
    if (has_visit) continue;
    const std::string label = month_label(month);
    std::string summary = "No reg 44 independent person's visit is recorded for home ";
    summary.append(home).append(" in ").append(label);
    summary.append(" (Europe/London); one is required every calendar month ")
        .append(due_clause(due))
        .append(".");
    std::string trigger = home;
    trigger.append("#").append(label);
    sink.emit(home_finding(kVisit, home, {std::move(trigger)}, due, std::move(summary)));
  }
}

void MonthlyVisitChecker::check_private(const sdk::Timeline& timeline, const HomeHistory& history,
                                        const sdk::Context& context, sdk::Sink& sink) const {
  const sdk::TimePoint as_of = context.as_of();
  // Walks the visits made while children were placed, in order. Two adjacent ones with no child spoken
  // to in private open a finding, triggered by the second; only a later visit recording private
  // conversations closes it. A visit that does not record the count neither extends nor closes it, but
  // it does separate the visits either side of it (they are no longer consecutive).
  const sdk::Record* previous_zero = nullptr;
  std::vector<std::string> run;  // the open finding's evidence: trigger, the visit before it, later ones
  for (const sdk::Record* visit : timeline.of_kind("reg44_visit")) {
    if (visit->when() > as_of) {
      sink.look_again_at(visit->when());  // recorded ahead of the visit: it takes effect then
      continue;
    }
    if (!history.child_placed_at(visit->when())) continue;
    const auto spoken = visit->integer("children_spoken_privately");
    if (!spoken || *spoken < 0) {
      previous_zero = nullptr;
      continue;
    }
    if (*spoken > 0) {
      run.clear();
      previous_zero = nullptr;
      continue;
    }
    if (!run.empty())
      run.push_back(visit->id());
    else if (previous_zero)
      run = {visit->id(), previous_zero->id()};
    previous_zero = visit;
  }
  if (run.empty()) return;
  const std::string& home = timeline.subject().home;
  std::string summary = "Reg 44 visits " + run[1] + " and " + run[0];
  if (run.size() > 2) summary += " (and " + std::to_string(run.size() - 2) + " since)";
  summary += " to home " + home +
             " record no child spoken to in private while children were placed, and no later visit "
             "records private conversations.";
  sink.emit(home_finding(kPrivate, home, std::move(run), std::nullopt, std::move(summary)));
}

}  // namespace carewatch::plugins::independent_monitoring
