#include "omitted_dose_checker.hpp"

#include <optional>

#include "rule_catalogue.hpp"

namespace carewatch::plugins::medication {

namespace {

sdk::Finding finding(const sdk::Timeline& timeline, std::vector<std::string> evidence, std::string summary) {
  sdk::Finding f;
  f.rule = std::string(kOmitted);
  f.home = timeline.subject().home;
  f.child = timeline.subject().id;
  f.evidence = std::move(evidence);
  // No deadline: a dose omitted without a reason, or a run of omissions, is wrong when recorded.
  f.summary = std::move(summary);
  return f;
}

}  // namespace

std::vector<sdk::RuleInfo> OmittedDoseChecker::rules() const {
  return medication::rules({kOmitted});
}

void OmittedDoseChecker::check(const sdk::Timeline& timeline, const sdk::Context& context,
                               sdk::Sink& sink) const {
  const std::string& child = timeline.subject().id;
  std::vector<const sdk::Record*> omitted;  // in time order: the timeline is
  for (const sdk::Record* dose : timeline.of_kind("medication")) {
    if (dose->child() != std::optional<std::string_view>(child) || dose->str("status") != "omitted") continue;
    // A dose's time is administered_at, else scheduled_at (the schema's event time). One dated after T
    // is not yet omitted.
    if (dose->when() > context.as_of()) {
      sink.look_again_at(dose->when());
      continue;
    }
    omitted.push_back(dose);
    if (dose->str("reason").value_or("").empty())
      sink.emit(finding(timeline, {dose->id()},
                        "Omitted dose " + dose->id() + " for child " + child + " at " +
                            sdk::format_timestamp(dose->when()) + " has no recorded reason."));
  }
  check_pattern(omitted, timeline, sink);
}

void OmittedDoseChecker::check_pattern(const std::vector<const sdk::Record*>& omitted,
                                       const sdk::Timeline& timeline, sdk::Sink& sink) const {
  const auto threshold = static_cast<std::size_t>(settings_.omitted_threshold());
  const int window = settings_.omitted_window_days();
  // A dose completes a window when it and the doses before it within `window` local days (both ends
  // included) number at least `threshold`. Consecutive completing doses form one episode, triggered by
  // the first of them, so adding a later dose never changes an open escalation's fingerprint.
  std::size_t first_in_window = 0;
  std::optional<sdk::Finding> episode;
  std::size_t episode_from = 0;
  auto flush = [&](std::size_t last) {
    if (!episode) return;
    for (std::size_t k = episode_from; k <= last; ++k) episode->evidence.push_back(omitted[k]->id());
    const std::size_t count = last - episode_from + 1;
    episode->summary = "Child " + timeline.subject().id + " had " + std::to_string(count) +
                       " omitted doses from " + sdk::format_timestamp(omitted[episode_from]->when()) +
                       " to " + sdk::format_timestamp(omitted[last]->when()) + ", " +
                       std::to_string(threshold) + " or more within " + std::to_string(window) + " days.";
    sink.emit(std::move(*episode));
    episode.reset();
  };
  for (std::size_t i = 0; i < omitted.size(); ++i) {
    while (sdk::Calendar::add_days(omitted[first_in_window]->when(), window) < omitted[i]->when())
      ++first_in_window;
    const bool completes = i - first_in_window + 1 >= threshold;
    if (!completes) {
      if (i > 0) flush(i - 1);
      continue;
    }
    if (!episode) {
      // The pattern is a second finding of the same rule that the dose may also trigger (no reason), so
      // its trigger is marked `#pattern` to keep the fingerprints apart.
      episode = finding(timeline, {omitted[i]->id() + "#pattern"}, {});
      episode_from = first_in_window;
    }
  }
  if (!omitted.empty()) flush(omitted.size() - 1);
}

}  // namespace carewatch::plugins::medication
