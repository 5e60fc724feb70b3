#include "supervision_checker.hpp"

#include <functional>

#include "obligation.hpp"
#include "rule_catalogue.hpp"
#include "tenure.hpp"
#include "wording.hpp"

namespace carewatch::plugins::workforce {

namespace {

// One recurring meeting: a `kind` record for the staff member at least every interval, counted from
// the last one held by T, or from the start of service.
struct Interval {
  std::string_view rule;
  std::string_view kind;
  std::string_view noun;                                // "supervision", "appraisal"
  std::string length;                                   // "42 days", "12 months"
  std::function<sdk::TimePoint(sdk::TimePoint)> after;  // the deadline for an interval starting then
};

void enforce(const Interval& interval, const sdk::Record& staff, const sdk::Timeline& timeline,
             const sdk::Context& context, sdk::Sink& sink) {
  const sdk::TimePoint as_of = context.as_of();
  const sdk::Record* last = nullptr;
  const sdk::Record* next = nullptr;  // on file, but dated after T: in effect from its own time
  for (const sdk::Record* r : timeline.of_kind(interval.kind)) {
    if (r->str("staff") != std::optional<std::string_view>(staff.id())) continue;
    if (r->when() <= as_of) {
      last = r;  // of_kind is in time order
    } else if (!next) {
      next = r;
    }
  }
  const sdk::TimePoint from = last ? last->when() : service_start(staff);
  const sdk::TimePoint deadline = interval.after(from);
  Obligation obligation(deadline);
  obligation.require(std::string(interval.noun), next ? std::optional(next->when()) : std::nullopt);
  obligation.lapse_at(service_end(staff));
  obligation.schedule(as_of, sink);
  if (obligation.state(as_of) != Obligation::State::overdue) return;

  // Each missed interval is its own escalation: triggered by the meeting whose successor is missing,
  // or by the staff record for a new starter.
  std::vector<std::string> evidence;
  std::string since;
  if (last) {
    evidence = {last->id(), staff.id()};
    since = "since " + std::string(interval.noun) + " " + last->id() + " on " +
            sdk::format_timestamp(last->when());
  } else {
    evidence = {staff.id()};
    since = "since starting on " + std::string(staff.str("started_at").value_or("?"));
  }
  std::string summary = "Staff " + staff.id() + " has had no " + std::string(interval.noun) + " " + since +
                        ", beyond the interval of " + interval.length + " " + due_clause(deadline) + ".";
  sink.emit(overdue_finding(interval.rule, staff.home(), "", staff.id(), std::move(evidence), deadline,
                            std::move(summary)));
}

}  // namespace

std::vector<sdk::RuleInfo> SupervisionChecker::rules() const {
  return workforce::rules({kSupervision, kAppraisal});
}

void SupervisionChecker::check(const sdk::Timeline& timeline, const sdk::Context& context,
                               sdk::Sink& sink) const {
  const sdk::Record* staff = timeline.reference();
  if (!staff) return;
  const int days = settings_.supervision_interval_days();
  const int months = settings_.appraisal_interval_months();
  // Calendar days and months on the Europe/London wall clock, so a clock change moves no deadline.
  enforce({kSupervision, "supervision", "supervision", days_phrase(days),
           [days](sdk::TimePoint t) { return sdk::Calendar::add_days(t, days); }},
          *staff, timeline, context, sink);
  enforce({kAppraisal, "appraisal", "appraisal", months_phrase(months),
           [months](sdk::TimePoint t) { return sdk::Calendar::add_months(t, months); }},
          *staff, timeline, context, sink);
}

}  // namespace carewatch::plugins::workforce
