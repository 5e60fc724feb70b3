#include "advocacy_checker.hpp"

#include <optional>

#include "obligation.hpp"
#include "placement.hpp"
#include "rule_catalogue.hpp"
#include "wording.hpp"

namespace carewatch::plugins::care_planning {

namespace {

// The earliest review that offered the child an advocate.
std::optional<sdk::TimePoint> offered_at(const sdk::Timeline& timeline) {
  std::optional<sdk::TimePoint> earliest;
  for (const sdk::Record* review : timeline.of_kind("review"))
    if (review->flag("advocate_offered") && (!earliest || review->when() < *earliest))
      earliest = review->when();
  return earliest;
}

}  // namespace

std::vector<sdk::RuleInfo> AdvocacyChecker::rules() const {
  return care_planning::rules({kAdvocacy});
}

void AdvocacyChecker::check(const sdk::Timeline& timeline, const sdk::Context& context,
                            sdk::Sink& sink) const {
  const auto placement = Placement::of(timeline);
  // The placement names no time for its advocate, so a named advocate closes the rule whenever it was
  // recorded.
  if (!placement || placement->has_advocate()) return;
  const sdk::TimePoint as_of = context.as_of();
  const int working_days = settings_.advocacy_working_days();
  Obligation obligation(context.calendar().add_working_days(placement->admitted_at(), working_days));
  if (!placement->placed_at(obligation.deadline())) return;
  // A child who cannot easily speak for themselves needs an advocate, not the offer of one. The same
  // working days are allowed to appoint one: an advocate cannot be in place on the day of admission.
  const bool needs_advocate = placement->needs_help_to_be_heard();
  obligation.require("an advocate", needs_advocate ? std::nullopt : offered_at(timeline));
  obligation.schedule(as_of, sink);
  if (obligation.state(as_of) != Obligation::State::overdue) return;

  const std::string& child = placement->child();
  sdk::Finding f;
  f.rule = std::string(kAdvocacy);
  f.home = timeline.subject().home;
  f.child = child;
  f.evidence = {child};
  f.due_at = obligation.deadline();
  if (needs_advocate)
    f.summary = "Child " + child + ", whose communication is " + placement->communication() +
                ", has no advocate " + quantity(working_days, "working day") + " after the placement at " +
                sdk::format_timestamp(placement->admitted_at()) + " " + due_clause(obligation.deadline()) +
                ".";
  else
    f.summary = "Child " + child + " has no advocate and was not offered one at a review within " +
                quantity(working_days, "working day") + " of the placement at " +
                sdk::format_timestamp(placement->admitted_at()) + " " + due_clause(obligation.deadline()) +
                ".";
  sink.emit(std::move(f));
}

}  // namespace carewatch::plugins::care_planning
