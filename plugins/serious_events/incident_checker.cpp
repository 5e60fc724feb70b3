#include "incident_checker.hpp"

#include <array>

#include "authorities.hpp"
#include "notification_duty.hpp"
#include "obligation.hpp"
#include "rule_catalogue.hpp"
#include "wording.hpp"

namespace carewatch::plugins::serious_events {

namespace {

// RULES.md CHR-40-DECISION: the categories where the registered person must judge whether the incident
// is serious enough to notify under reg 40(4).
constexpr std::array<std::string_view, 8> kCandidateCategories = {
    "police",           "missing", "serious_injury", "serious_illness",
    "serious_accident", "assault", "self_harm",      "alleged_offence"};

// A seriousness decision is the `seriousness` value together with the time it was made; an undated
// value cannot show that it was made in time, so it does not count as a decision.
std::optional<sdk::TimePoint> decided_at(const sdk::Record& incident) {
  if (!incident.has("seriousness")) return std::nullopt;
  return incident.ts("seriousness_decided_at");
}

}  // namespace

std::vector<sdk::RuleInfo> IncidentChecker::rules() const {
  return serious_events::rules({kDeath, kSexualExploitation, kPolice, kDecision, kSerious});
}

void IncidentChecker::check(const sdk::Timeline& timeline, const sdk::Context& context,
                            sdk::Sink& sink) const {
  const NotificationIndex index(timeline);
  const std::string& home = timeline.subject().home;
  for (const sdk::Record* incident : timeline.of_kind("incident")) {
    const sdk::Record& r = *incident;
    const std::string child(r.child().value_or(""));
    const sdk::TimePoint occurred = r.when();
    const auto seriousness = r.str("seriousness");
    auto duty = [&](std::string_view rule, std::vector<std::string_view> recipients, sdk::TimePoint from,
                    std::string what) {
      NotificationDuty d;
      d.rule = rule;
      d.about = r.id();
      d.trigger = r.id();
      d.child = child;
      d.recipients = std::move(recipients);
      d.deadline = from + settings_.without_delay();
      d.target = settings_.without_delay();
      d.what = std::move(what);
      return d;
    };

    if (r.contains("categories", "death")) {
      std::vector<std::string_view> to{"ofsted", "placing_authority"};
      if (host_differs_from_placing(timeline, child)) to.push_back("host_authority");
      to.push_back("icb");
      enforce(duty(kDeath, std::move(to), occurred, "Death incident " + r.id() + " for child " + child),
              index, home, context, sink);
    }

    if (r.contains("categories", "sexual_exploitation"))
      enforce(duty(kSexualExploitation, {"ofsted", "placing_authority"}, occurred,
                   "Sexual exploitation incident " + r.id() + " for child " + child),
              index, home, context, sink);

    if (r.contains("categories", "police") || r.flag("police_involved")) {
      const bool serious = seriousness == "serious";
      NotificationDuty d =
          duty(kPolice, {"ofsted", "placing_authority"}, occurred,
               "Police incident " + r.id() + " for child " + child +
                   (serious ? ", judged serious," : ", with no dated seriousness decision,"));
      // A recorded not_serious decision lifts the duty from the time it was made.
      if (seriousness == "not_serious") d.lapses_at = decided_at(r);
      enforce(d, index, home, context, sink);
    }

    check_decision(r, home, context, sink);

    if (seriousness == "serious") {
      const sdk::TimePoint from = r.ts("seriousness_decided_at").value_or(occurred);
      enforce(duty(kSerious, {"ofsted", "placing_authority"}, from,
                   "Incident " + r.id() + " for child " + child + ", decided serious,"),
              index, home, context, sink);
    }
  }
}

void IncidentChecker::check_decision(const sdk::Record& incident, std::string_view home,
                                     const sdk::Context& context, sdk::Sink& sink) const {
  std::vector<std::string> categories;
  for (const std::string_view c : kCandidateCategories)
    if (incident.contains("categories", c)) categories.emplace_back(c);
  if (categories.empty()) return;

  const sdk::TimePoint as_of = context.as_of();
  Obligation obligation(incident.when() + settings_.decision_target());
  obligation.require("seriousness decision", decided_at(incident));
  obligation.schedule(as_of, sink);
  if (obligation.state(as_of) != Obligation::State::overdue) return;

  const std::string child(incident.child().value_or(""));
  std::string summary = "Incident " + incident.id() + " for child " + child + " in " +
                        (categories.size() == 1 ? "category " : "categories ") + join_and(categories) +
                        " has no seriousness decision recorded " +
                        within_practice_target(settings_.decision_target(), obligation.deadline()) + ".";
  sink.emit(overdue_finding(kDecision, home, child, {}, {incident.id()}, obligation.deadline(),
                            std::move(summary)));
}

}  // namespace carewatch::plugins::serious_events
