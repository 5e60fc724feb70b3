#include "missing_report_checker.hpp"

#include "obligation.hpp"
#include "rule_catalogue.hpp"

namespace carewatch::plugins::missing {

namespace {

// "A", "A and B".
std::string join_and(const std::vector<std::string>& parts) {
  std::string out;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (i > 0) out += i + 1 == parts.size() ? " and " : ", ";
    out += parts[i];
  }
  return out;
}

}  // namespace

std::vector<sdk::RuleInfo> MissingReportChecker::rules() const {
  return missing::rules({kReport});
}

void MissingReportChecker::check(const sdk::Timeline& timeline, const sdk::Context& context,
                                 sdk::Sink& sink) const {
  const sdk::TimePoint as_of = context.as_of();
  const std::string& child = timeline.subject().id;
  for (const sdk::Record* episode : timeline.of_kind("missing_episode")) {
    // A child who comes back within the target still had to be reported: the duty starts when the child
    // goes missing, not when the episode ends.
    Obligation obligation(episode->when() + settings_.report_target());
    obligation.require("the police", episode->ts("reported_to_police_at"));
    obligation.require("the placing authority", episode->ts("placing_authority_notified_at"));
    obligation.schedule(as_of, sink);
    if (obligation.state(as_of) != Obligation::State::overdue) continue;
    sink.emit(child_finding(
        kReport, episode->home(), child, {episode->id()}, obligation.deadline(),
        "Missing episode " + episode->id() + " of child " + child + " was not reported to " +
            join_and(obligation.outstanding(as_of)) + " within the practice target of " +
            std::to_string(settings_.report_target().count()) + " h (not a statutory deadline; due " +
            sdk::format_timestamp(obligation.deadline()) + ")."));
  }
}

}  // namespace carewatch::plugins::missing
