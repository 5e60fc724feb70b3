#include "visit_report_checker.hpp"

#include <utility>

#include <carewatch/sdk/calendar.hpp>

#include "home_history.hpp"
#include "obligation.hpp"
#include "rule_catalogue.hpp"
#include "wording.hpp"

namespace carewatch::plugins::independent_monitoring {

namespace {

std::optional<std::string_view> member_string(const sdk::Value& object, std::string_view key) {
  const sdk::Value* v = object.find(key);
  if (!v || !v->is_string()) return std::nullopt;
  return std::string_view(v->as_string());
}

}  // namespace

std::vector<sdk::RuleInfo> VisitReportChecker::rules() const {
  return independent_monitoring::rules({kDispatch, kRecommendation});
}

sdk::TimePoint VisitReportChecker::dispatch_deadline(sdk::TimePoint visited_at, int day) {
  const sdk::Date visit_day = sdk::Calendar::local_date(visited_at);
  const std::chrono::year_month next =
      std::chrono::year_month{visit_day.year(), visit_day.month()} + std::chrono::months{1};
  const sdk::Date due_day{next.year(), next.month(), std::chrono::day{static_cast<unsigned>(day)}};
  return sdk::Calendar::start_of_day(sdk::Date{std::chrono::sys_days{due_day} + sdk::days{1}});
}

void VisitReportChecker::check(const sdk::Timeline& timeline, const sdk::Context& context,
                               sdk::Sink& sink) const {
  const HomeHistory history(timeline);
  for (const sdk::Record* visit : timeline.of_kind("reg44_visit")) {
    check_dispatch(*visit, history, context, sink);
    check_recommendations(*visit, context, sink);
  }
}

void VisitReportChecker::check_dispatch(const sdk::Record& visit, const HomeHistory& history,
                                        const sdk::Context& context, sdk::Sink& sink) const {
  const sdk::TimePoint as_of = context.as_of();
  Obligation obligation(dispatch_deadline(visit.when(), settings_.dispatch_day()));
  obligation.require("Ofsted", visit.ts("report_sent_ofsted_at"));
  // With no child placed at the visit there is no placing authority to send the report to.
  if (history.child_placed_at(visit.when()))
    obligation.require("the placing authorities", visit.ts("report_sent_placing_authorities_at"));
  obligation.require("the responsible individual", visit.ts("report_sent_ri_at"));
  obligation.schedule(as_of, sink);
  if (obligation.state(as_of) != Obligation::State::overdue) return;

  const std::string& home = visit.home();
  sink.emit(home_finding(kDispatch, home, {visit.id()}, obligation.deadline(),
                         "The report of reg 44 visit " + visit.id() + " to home " + home +
                             " was not sent to " + join_and(obligation.outstanding(as_of)) +
                             " by the end of the " + ordinal(settings_.dispatch_day()) +
                             " day of the month after the visit (believed deadline, configurable; due " +
                             sdk::format_timestamp(obligation.deadline()) + ")."));
}

void VisitReportChecker::check_recommendations(const sdk::Record& visit, const sdk::Context& context,
                                               sdk::Sink& sink) const {
  const sdk::TimePoint as_of = context.as_of();
  const auto recommendations = visit.objects("recommendations");
  for (std::size_t i = 0; i < recommendations.size(); ++i) {
    const sdk::Value& rec = *recommendations[i];
    // Without a consider-by date the independent person set no deadline, so nothing can be late.
    const auto consider_by_text = member_string(rec, "consider_by");
    const auto consider_by = consider_by_text ? sdk::parse_date(*consider_by_text) : std::nullopt;
    if (!consider_by) continue;
    // A ref names the recommendation in the trigger so that each has its own escalation; one without a
    // ref is named by its position, in brackets so it cannot be mistaken for a ref.
    const auto ref = member_string(rec, "ref");
    const std::string name = ref && !ref->empty() ? std::string(*ref) : "[" + std::to_string(i + 1) + "]";

    // The date passes at the end of its local day. A decision counts only with the time it was made.
    Obligation obligation(
        sdk::Calendar::start_of_day(sdk::Date{std::chrono::sys_days{*consider_by} + sdk::days{1}}));
    const auto decided_at = member_string(rec, "decided_at");
    obligation.require("decision", member_string(rec, "decision") && decided_at
                                       ? sdk::parse_timestamp(*decided_at)
                                       : std::nullopt);
    obligation.schedule(as_of, sink);
    if (obligation.state(as_of) != Obligation::State::overdue) continue;

    const std::string& home = visit.home();
    std::string summary = "Recommendation ";
    summary.append(name).append(" of reg 44 visit ").append(visit.id()).append(" to home ").append(home);
    summary.append(" has no dated decision by its consider-by date ").append(sdk::format_date(*consider_by));
    summary.append(" ").append(due_clause(obligation.deadline())).append(".");
    std::string trigger = visit.id();
    trigger.append("#").append(name);
    sink.emit(home_finding(kRecommendation, home, {std::move(trigger), visit.id()}, obligation.deadline(),
                           std::move(summary)));
  }
}

}  // namespace carewatch::plugins::independent_monitoring
