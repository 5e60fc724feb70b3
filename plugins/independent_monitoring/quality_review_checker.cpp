#include "quality_review_checker.hpp"

#include <array>

#include <carewatch/sdk/calendar.hpp>

#include "home_history.hpp"
#include "obligation.hpp"
#include "rule_catalogue.hpp"
#include "wording.hpp"

namespace carewatch::plugins::independent_monitoring {

namespace {

// reg 45(5): the groups whose views the review must seek, as RECORDS.md spells them, with their wording.
constexpr std::array<std::pair<std::string_view, std::string_view>, 4> kConsultees = {{
    {"children", "children"},
    {"parents", "parents"},
    {"placing_authorities", "placing authorities"},
    {"staff", "staff"},
}};

}  // namespace

std::vector<sdk::RuleInfo> QualityReviewChecker::rules() const {
  return independent_monitoring::rules({kReview6m, kReport28d, kConsultation});
}

void QualityReviewChecker::check(const sdk::Timeline& timeline, const sdk::Context& context,
                                 sdk::Sink& sink) const {
  const HomeHistory history(timeline);
  check_interval(timeline, history, context, sink);
  for (const sdk::Record* review : timeline.of_kind("reg45_review")) {
    check_report(*review, context, sink);
    check_consultation(*review, context, sink);
  }
}

void QualityReviewChecker::check_interval(const sdk::Timeline& timeline, const HomeHistory& history,
                                          const sdk::Context& context, sdk::Sink& sink) const {
  const sdk::TimePoint as_of = context.as_of();
  // The last review completed by T; one completed later is not yet in effect, but resets the clock
  // when its time comes.
  const sdk::Record* last = nullptr;
  sdk::TimePoint last_completed{};
  for (const sdk::Record* review : timeline.of_kind("reg45_review")) {
    const auto completed = review->ts("completed_at");
    if (!completed) continue;
    if (*completed > as_of) {
      sink.look_again_at(*completed);
      continue;
    }
    if (!last || *completed > last_completed) {
      last = review;
      last_completed = *completed;
    }
  }
  const auto start = last ? std::optional<sdk::TimePoint>(last_completed) : history.start();
  if (!start) return;
  const sdk::TimePoint due = sdk::Calendar::add_months(*start, settings_.review_interval_months());
  if (as_of <= due) {
    sink.look_again_at(due + sdk::Seconds{1});
    return;
  }
  const std::string& home = timeline.subject().home;
  const std::string interval = std::to_string(settings_.review_interval_months()) + " months";
  // With no review yet, the trigger is the home itself: one escalation until the first review.
  std::string summary = last ? "No reg 45 review of home " + home + " has been completed within " + interval +
                                   " of review " + last->id() + ", completed " +
                                   local_date_label(last_completed)
                             : "No reg 45 review of home " + home + " has been completed within " + interval +
                                   " of the home's first record on " + local_date_label(*start);
  sink.emit(
      home_finding(kReview6m, home, {last ? last->id() : home}, due, summary + " " + due_clause(due) + "."));
}

void QualityReviewChecker::check_report(const sdk::Record& review, const sdk::Context& context,
                                        sdk::Sink& sink) const {
  const auto completed = review.ts("completed_at");
  if (!completed) return;
  const sdk::TimePoint as_of = context.as_of();
  Obligation obligation(sdk::Calendar::add_days(*completed, settings_.review_report_days()));
  obligation.require("Ofsted", review.ts("sent_to_ofsted_at"));
  obligation.schedule(as_of, sink);
  if (obligation.state(as_of) != Obligation::State::overdue) return;
  const std::string& home = review.home();
  sink.emit(home_finding(kReport28d, home, {review.id()}, obligation.deadline(),
                         "The report of reg 45 review " + review.id() + " for home " + home +
                             " was not sent to Ofsted within " +
                             std::to_string(settings_.review_report_days()) + " days of its completion " +
                             due_clause(obligation.deadline()) + "."));
}

void QualityReviewChecker::check_consultation(const sdk::Record& review, const sdk::Context& context,
                                              sdk::Sink& sink) const {
  const auto completed = review.ts("completed_at");
  if (!completed) return;
  if (*completed > context.as_of()) {
    sink.look_again_at(*completed);
    return;
  }
  std::vector<std::string> missing;
  for (const auto& [value, words] : kConsultees)
    if (!review.contains("consulted", value)) missing.emplace_back(words);
  if (missing.empty()) return;
  const std::string& home = review.home();
  // A content rule: nothing is due later, so the finding carries no deadline.
  sink.emit(home_finding(kConsultation, home, {review.id()}, std::nullopt,
                         "Reg 45 review " + review.id() + " for home " + home +
                             " was completed without consulting " + join_and(missing) + "."));
}

}  // namespace carewatch::plugins::independent_monitoring
