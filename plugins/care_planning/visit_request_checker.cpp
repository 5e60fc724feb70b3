#include "visit_request_checker.hpp"

#include <optional>

#include "obligation.hpp"
#include "placement.hpp"
#include "rule_catalogue.hpp"
#include "wording.hpp"

namespace carewatch::plugins::care_planning {

namespace {

// The earliest visit that answers `request`: one that names it in `request`, or one by the role the
// child asked for at or after the request was made.
std::optional<sdk::TimePoint> answered_at(const sdk::Record& request, const sdk::Timeline& timeline) {
  const auto role = request.str("requested_to");
  std::optional<sdk::TimePoint> earliest;
  for (const sdk::Record* visit : timeline.of_kind("visit")) {
    const bool linked = visit->str("request") == std::string_view(request.id());
    const bool by_role = role && visit->str("visitor_role") == *role && visit->when() >= request.when();
    if ((linked || by_role) && (!earliest || visit->when() < *earliest)) earliest = visit->when();
  }
  return earliest;
}

}  // namespace

std::vector<sdk::RuleInfo> VisitRequestChecker::rules() const {
  return care_planning::rules({kVisitRequest});
}

void VisitRequestChecker::check(const sdk::Timeline& timeline, const sdk::Context& context,
                                sdk::Sink& sink) const {
  const auto placement = Placement::of(timeline);
  const sdk::TimePoint as_of = context.as_of();
  const int working_days = settings_.request_working_days();
  for (const sdk::Record* request : timeline.of_kind("visit_request")) {
    Obligation obligation(context.calendar().add_working_days(request->when(), working_days));
    // A child who left before the answer was due is no longer the home's to arrange it for.
    if (placement && !placement->placed_at(obligation.deadline())) continue;
    obligation.require("a visit", answered_at(*request, timeline));
    obligation.schedule(as_of, sink);
    if (obligation.state(as_of) != Obligation::State::overdue) continue;

    const std::string role(request->str("requested_to").value_or(""));
    sdk::Finding f;
    f.rule = std::string(kVisitRequest);
    f.home = timeline.subject().home;
    f.child = timeline.subject().id;
    f.evidence = {request->id()};
    f.due_at = obligation.deadline();
    f.summary = "Visit request " + request->id() + " from child " + timeline.subject().id + " to see " +
                role_label(role) + ", made at " + sdk::format_timestamp(request->when()) +
                ", was not answered by a visit within " + quantity(working_days, "working day") + " " +
                due_clause(obligation.deadline()) + ".";
    sink.emit(std::move(f));
  }
}

}  // namespace carewatch::plugins::care_planning
