#include "review_checker.hpp"

#include "rule_catalogue.hpp"
#include "wording.hpp"

namespace carewatch::plugins::care_planning {

namespace {

// The end of local day `d`: a deadline given in whole days allows the whole of its last day.
sdk::TimePoint end_of_day(sdk::Date d) {
  return sdk::Calendar::start_of_day(sdk::Date{std::chrono::sys_days{d} + sdk::days{1}});
}

}  // namespace

std::vector<sdk::RuleInfo> ReviewChecker::rules() const {
  return care_planning::rules({kReview, kVoice});
}

void ReviewChecker::check(const sdk::Timeline& timeline, const sdk::Context& context, sdk::Sink& sink) const {
  check_intervals(timeline, context, sink);
  check_voice(timeline, context, sink);
}

void ReviewChecker::check_intervals(const sdk::Timeline& timeline, const sdk::Context& context,
                                    sdk::Sink& sink) const {
  const auto placement = Placement::of(timeline);
  if (!placement) return;
  const sdk::TimePoint as_of = context.as_of();

  // The whole chain is this home's to see only when the child came before the first review fell due;
  // otherwise that review and perhaps the second were another home's, and which review is which cannot
  // be told. Then the longest interval reg 33 allows, six months, runs from admission and between the
  // reviews on record, so nothing is raised that may not have been due.
  bool whole_chain = false;
  sdk::TimePoint chain_start = placement->admitted_at();
  sdk::TimePoint first_due{};
  if (const auto since = placement->looked_after_since()) {
    first_due =
        end_of_day(context.calendar().add_working_days(*since, settings_.first_review_working_days()));
    if (placement->admitted_at() <= first_due) {
      whole_chain = true;
      chain_start = sdk::Calendar::start_of_day(*since);
    }
  }
  const int interval = settings_.review_interval_months();
  Gap gap(placement->record(),
          whole_chain ? first_due : sdk::Calendar::add_months(placement->admitted_at(), interval));
  Stage stage = whole_chain ? Stage::first : Stage::first_after_admission;
  int held = 0;
  for (const sdk::Record* review : timeline.of_kind("review")) {
    if (review->when() < chain_start) continue;
    // A review recorded before it is held ends the open gap when it is held.
    if (review->when() > as_of) {
      sink.look_again_at(review->when());
      break;
    }
    gap.close(*review, review->when());
    judge(gap, stage, *placement, timeline, context, sink);
    ++held;
    if (whole_chain && held == 1) {
      gap = Gap(*review, sdk::Calendar::add_months(review->when(), settings_.second_review_months()));
      stage = Stage::second;
    } else {
      gap = Gap(*review, sdk::Calendar::add_months(review->when(), interval));
      stage = Stage::later;
    }
  }
  judge(gap, stage, *placement, timeline, context, sink);
  gap.schedule(as_of, *placement, sink);
}

void ReviewChecker::judge(const Gap& gap, Stage stage, const Placement& placement,
                          const sdk::Timeline& timeline, const sdk::Context& context, sdk::Sink& sink) const {
  if (gap.state(context.as_of(), placement) != Gap::State::overdue) return;
  const std::string& child = placement.child();
  const bool closed = gap.closed_by() != nullptr;
  sdk::Finding f;
  f.rule = std::string(kReview);
  f.home = timeline.subject().home;
  f.child = child;
  f.evidence = {gap.opened_by().id()};
  if (closed) f.evidence.push_back(gap.closed_by()->id());
  f.due_at = gap.deadline();
  const std::string had = closed ? " had" : " has had";
  const std::string since_review =
      " of review " + gap.opened_by().id() + " at " + sdk::format_timestamp(gap.opened_by().when());
  std::string next = "next";
  switch (stage) {
    case Stage::first:
      f.summary = "Child " + child + ", looked after since " +
                  sdk::format_date(placement.looked_after_since().value_or(sdk::Date{})) + "," + had +
                  " no first review within " + quantity(settings_.first_review_working_days(), "working day");
      next = "first";
      break;
    case Stage::first_after_admission:
      f.summary = "Child " + child + ", placed at " + sdk::format_timestamp(placement.admitted_at()) + "," +
                  had + " no review within " + quantity(settings_.review_interval_months(), "month") +
                  " of the placement";
      next = "first";
      break;
    case Stage::second:
      f.summary = "Child " + child + had + " no second review within " +
                  quantity(settings_.second_review_months(), "month") + since_review;
      next = "second";
      break;
    case Stage::later:
      f.summary = "Child " + child + had + " no review within " +
                  quantity(settings_.review_interval_months(), "month") + since_review;
      break;
  }
  f.summary += " " + due_clause(gap.deadline());
  if (closed)
    f.summary += "; the " + next + " was review " + gap.closed_by()->id() + " at " +
                 sdk::format_timestamp(gap.closed_at());
  f.summary += ".";
  sink.emit(std::move(f));
}

void ReviewChecker::check_voice(const sdk::Timeline& timeline, const sdk::Context& context,
                                sdk::Sink& sink) const {
  for (const sdk::Record* review : timeline.of_kind("review")) {
    std::vector<std::string> missing;
    if (review->str("child_participation") == std::string_view("none"))
      missing.emplace_back("no participation by the child");
    if (blank(*review, "child_views")) missing.emplace_back("no child_views");
    if (missing.empty()) continue;
    // A review recorded before it is held is judged once it has been.
    if (review->when() > context.as_of()) {
      sink.look_again_at(review->when());
      continue;
    }
    sdk::Finding f;
    f.rule = std::string(kVoice);
    f.home = timeline.subject().home;
    f.child = timeline.subject().id;
    f.evidence = {review->id()};
    f.summary = "Review " + review->id() + " for child " + timeline.subject().id + " at " +
                sdk::format_timestamp(review->when()) + " records " + missing.front() +
                (missing.size() > 1 ? " and " + missing.back() : std::string()) + ".";
    sink.emit(std::move(f));
  }
}

}  // namespace carewatch::plugins::care_planning
