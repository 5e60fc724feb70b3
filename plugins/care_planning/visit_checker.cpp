#include "visit_checker.hpp"

#include "rule_catalogue.hpp"
#include "wording.hpp"

namespace carewatch::plugins::care_planning {

namespace {

constexpr std::string_view kSocialWorker = "social_worker";

bool by_social_worker(const sdk::Record& visit) {
  return visit.str("visitor_role") == kSocialWorker;
}

}  // namespace

std::vector<sdk::RuleInfo> VisitChecker::rules() const {
  return care_planning::rules({kFirstVisit, kVisit, kSeenAlone});
}

void VisitChecker::check(const sdk::Timeline& timeline, const sdk::Context& context, sdk::Sink& sink) const {
  check_intervals(timeline, context, sink);
  check_seen_alone(timeline, context, sink);
}

VisitChecker::Interval VisitChecker::next_visit(const Placement& placement, sdk::TimePoint last) const {
  // The interval is the one in force when the gap opens: a visit in the placement's first year is
  // followed within six weeks even if that takes the next one past the anniversary.
  const sdk::TimePoint first_year_ends =
      sdk::Calendar::add_months(placement.admitted_at(), settings_.first_year_months());
  if (last >= first_year_ends && placement.intended_until_18()) {
    const int months = settings_.long_term_visit_interval_months();
    return {sdk::Calendar::add_months(last, months), quantity(months, "month")};
  }
  const int weeks = settings_.visit_interval_weeks();
  return {sdk::Calendar::add_days(last, 7 * weeks), quantity(weeks, "week")};
}

void VisitChecker::check_intervals(const sdk::Timeline& timeline, const sdk::Context& context,
                                   sdk::Sink& sink) const {
  const auto placement = Placement::of(timeline);
  if (!placement) return;
  const sdk::TimePoint as_of = context.as_of();

  // The timeline is ordered by visited_at. A visit before admission (a pre-placement visit) is not one
  // of the placement's. A visit dated after T has not happened yet: the engine looks again when it has,
  // since it then ends the open gap and starts the next interval.
  Gap gap(placement->record(),
          sdk::Calendar::add_days(placement->admitted_at(), settings_.first_visit_days()));
  std::string length = quantity(settings_.first_visit_days(), "day");
  bool first = true;
  for (const sdk::Record* visit : timeline.of_kind("visit")) {
    if (!by_social_worker(*visit) || visit->when() < placement->admitted_at()) continue;
    if (visit->when() > as_of) {
      sink.look_again_at(visit->when());
      break;
    }
    gap.close(*visit, visit->when());
    judge(gap, first, length, *placement, timeline, context, sink);
    const Interval next = next_visit(*placement, visit->when());
    gap = Gap(*visit, next.due);
    length = next.length;
    first = false;
  }
  judge(gap, first, length, *placement, timeline, context, sink);
  gap.schedule(as_of, *placement, sink);
}

void VisitChecker::judge(const Gap& gap, bool first, const std::string& length, const Placement& placement,
                         const sdk::Timeline& timeline, const sdk::Context& context, sdk::Sink& sink) const {
  if (gap.state(context.as_of(), placement) != Gap::State::overdue) return;
  const std::string& child = placement.child();
  sdk::Finding f;
  f.rule = std::string(first ? kFirstVisit : kVisit);
  f.home = timeline.subject().home;
  f.child = child;
  f.evidence = {gap.opened_by().id()};
  f.due_at = gap.deadline();
  const bool closed = gap.closed_by() != nullptr;
  if (closed) f.evidence.push_back(gap.closed_by()->id());
  if (first) {
    f.summary = "Child " + child + ", placed at " + sdk::format_timestamp(placement.admitted_at()) +
                (closed ? ", had" : ", has had") + " no social worker visit within " + length +
                " of the placement " + due_clause(gap.deadline());
    if (closed)
      f.summary +=
          "; the first was visit " + gap.closed_by()->id() + " at " + sdk::format_timestamp(gap.closed_at());
  } else {
    f.summary = "Child " + child + (closed ? " had" : " has had") + " no social worker visit within " +
                length + " of visit " + gap.opened_by().id() + " at " +
                sdk::format_timestamp(gap.opened_by().when()) + " " + due_clause(gap.deadline());
    if (closed)
      f.summary +=
          "; the next was visit " + gap.closed_by()->id() + " at " + sdk::format_timestamp(gap.closed_at());
  }
  f.summary += ".";
  sink.emit(std::move(f));
}

void VisitChecker::check_seen_alone(const sdk::Timeline& timeline, const sdk::Context& context,
                                    sdk::Sink& sink) const {
  for (const sdk::Record* visit : timeline.of_kind("visit")) {
    if (!by_social_worker(*visit)) continue;
    // Only an explicit "not seen alone" is raised: an absent seen_alone cannot tell "not alone" from
    // "not recorded", and RULES.md reads the field as false.
    const auto seen_alone = visit->boolean("seen_alone");
    if (!seen_alone || *seen_alone || !blank(*visit, "seen_alone_exception")) continue;
    // A visit recorded before it takes place is judged once it has.
    if (visit->when() > context.as_of()) {
      sink.look_again_at(visit->when());
      continue;
    }
    sdk::Finding f;
    f.rule = std::string(kSeenAlone);
    f.home = timeline.subject().home;
    f.child = timeline.subject().id;
    f.evidence = {visit->id()};
    f.summary = "Social worker visit " + visit->id() + " to child " + timeline.subject().id + " at " +
                sdk::format_timestamp(visit->when()) +
                " records that the child was not seen alone and gives no seen_alone_exception.";
    sink.emit(std::move(f));
  }
}

}  // namespace carewatch::plugins::care_planning
