#include "return_interview_checker.hpp"

#include "obligation.hpp"
#include "rule_catalogue.hpp"

namespace carewatch::plugins::missing {

std::vector<sdk::RuleInfo> ReturnInterviewChecker::rules() const {
  return missing::rules({kReturnInterview});
}

void ReturnInterviewChecker::check(const sdk::Timeline& timeline, const sdk::Context& context,
                                   sdk::Sink& sink) const {
  for (const sdk::Record* episode : timeline.of_kind("missing_episode"))
    check_episode(*episode, timeline.subject().id, context, sink);
}

void ReturnInterviewChecker::check_episode(const sdk::Record& episode, std::string_view child,
                                           const sdk::Context& context, sdk::Sink& sink) const {
  // Still missing: the interview is owed only once the child is back.
  const auto returned = episode.ts("returned_at");
  if (!returned) return;
  // A declined interview has no time of its own; the record saying so is enough.
  if (episode.flag("rhi_declined")) return;

  const sdk::TimePoint as_of = context.as_of();
  const auto completed = episode.ts("rhi_completed_at");
  const auto independent = episode.boolean("rhi_independent");
  const std::string hours = std::to_string(settings_.return_interview_within().count()) + " h";
  Obligation obligation(*returned + settings_.return_interview_within());
  // Only an interview recorded as independent closes the duty; one whose independence is not recorded
  // cannot show it, so it leaves the duty open until its deadline.
  obligation.require("independent return home interview", independent == true ? completed : std::nullopt);

  // An interview recorded as held by someone not independent is a finding as soon as it is held: waiting
  // for the deadline would hide that the child was interviewed by the wrong person. It shares the
  // deadline finding's trigger, so the episode has one escalation whatever the reason.
  if (completed && independent == false) {
    if (*completed <= as_of) {
      sink.emit(child_finding(kReturnInterview, episode.home(), child, {episode.id()}, obligation.deadline(),
                              "The return home interview for missing episode " + episode.id() + " of child " +
                                  std::string(child) +
                                  " was not held by an independent person; an independent " +
                                  "one is due within " + hours + " of the child's return (due " +
                                  sdk::format_timestamp(obligation.deadline()) + ")."));
      return;
    }
    sink.look_again_at(*completed);
  }

  obligation.schedule(as_of, sink);
  if (obligation.state(as_of) != Obligation::State::overdue) return;
  sink.emit(child_finding(
      kReturnInterview, episode.home(), child, {episode.id()}, obligation.deadline(),
      "Missing episode " + episode.id() + " of child " + std::string(child) +
          " has no return home interview recorded as held by an independent person within " + hours +
          " of the child's return (due " + sdk::format_timestamp(obligation.deadline()) + ")."));
}

}  // namespace carewatch::plugins::missing
