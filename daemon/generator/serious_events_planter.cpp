#include "generator/serious_events_planter.hpp"

#include <algorithm>
#include <array>
#include <functional>

namespace carewatch::generator {

namespace {

constexpr std::string_view kFamily = "serious_events";

// One way to breach one rule on this event.
struct Option {
  std::string_view rule;
  std::string_view what;
  std::function<void()> apply;
};

bool drop_recipient(std::vector<PlannedNotification>& notifications, std::string_view recipient) {
  const auto before = notifications.size();
  std::erase_if(notifications, [&](const PlannedNotification& n) { return n.recipient == recipient; });
  return notifications.size() != before;
}

bool has_recipient(const std::vector<PlannedNotification>& notifications, std::string_view recipient) {
  return std::any_of(notifications.begin(), notifications.end(),
                     [&](const PlannedNotification& n) { return n.recipient == recipient; });
}

// Draws the decision and the choice for every eligible event whatever the rate, so that the breaches
// planted at a lower rate are a subset of those planted at a higher one with the same seed.
std::optional<PlantedBreach> choose(std::vector<Option>& options, double rate, Rng& rng,
                                    std::string_view home, std::string_view evidence, std::string_view child,
                                    sdk::TimePoint trigger) {
  if (options.empty()) return std::nullopt;
  const bool planted = rng.chance(rate);
  const auto index = static_cast<std::size_t>(rng.between(0, static_cast<std::int64_t>(options.size()) - 1));
  if (!planted) return std::nullopt;
  Option& option = options[index];
  option.apply();
  PlantedBreach breach;
  breach.family = kFamily;
  breach.rule = option.rule;
  breach.evidence = evidence;
  breach.home = home;
  breach.child = child;
  breach.what = option.what;
  breach.trigger_at = trigger;
  return breach;
}

}  // namespace

bool SeriousEventsPlanter::is_candidate_category(std::string_view category) {
  static constexpr std::array<std::string_view, 8> kCandidates{
      "police",           "missing", "serious_injury", "serious_illness",
      "serious_accident", "assault", "self_harm",      "alleged_offence"};
  return std::find(kCandidates.begin(), kCandidates.end(), category) != kCandidates.end();
}

std::optional<PlantedBreach> SeriousEventsPlanter::plant(IncidentPlan& plan, double rate, Rng& rng) {
  const bool police = plan.police_involved || plan.has_category("police");
  const bool candidate = std::any_of(plan.categories.begin(), plan.categories.end(),
                                     [](const std::string& c) { return is_candidate_category(c); });
  std::vector<Option> options;
  if (plan.has_category("death")) return std::nullopt;  // never generated; never planted
  if (plan.has_category("sexual_exploitation")) {
    if (!police && !plan.seriousness && has_recipient(plan.notifications, "ofsted"))
      options.push_back(
          {"CHR-40-CSE", "notification to ofsted", [&] { drop_recipient(plan.notifications, "ofsted"); }});
  } else if (police) {
    // Only a flagged incident outside the candidate categories can breach CHR-40-POLICE alone: without
    // a decision it is no CHR-40-DECISION candidate and no CHR-40-SERIOUS incident.
    if (!candidate && plan.seriousness)
      options.push_back({"CHR-40-POLICE", "seriousness decision and notifications", [&] {
                           plan.seriousness.reset();
                           plan.notifications.clear();
                         }});
  } else {
    if (candidate && plan.seriousness)
      options.push_back({"CHR-40-DECISION", "seriousness decision", [&] {
                           plan.seriousness.reset();
                           plan.notifications.clear();
                         }});
    if (plan.seriousness == "serious" && has_recipient(plan.notifications, "ofsted"))
      options.push_back({"CHR-40-SERIOUS", "notification to ofsted",
                         [&] { drop_recipient(plan.notifications, "ofsted"); }});
  }
  return choose(options, rate, rng, plan.home, plan.id, plan.child.id, plan.occurred_at);
}

std::optional<PlantedBreach> SeriousEventsPlanter::plant(AllegationPlan& plan, double rate, Rng& rng) {
  std::vector<Option> options;
  if ((plan.against_staff || plan.against_home) && has_recipient(plan.notifications, "ofsted"))
    options.push_back({"CHR-40-ALLEGATION", "notification to ofsted",
                       [&] { drop_recipient(plan.notifications, "ofsted"); }});
  if (plan.child && plan.placing_authority_referred_at)
    options.push_back({"CHR-34-REFERRAL", "placing_authority_referred_at",
                       [&] { plan.placing_authority_referred_at.reset(); }});
  if (plan.child && plan.child->out_of_area && plan.host_authority_referred_at)
    options.push_back(
        {"CHR-34-REFERRAL", "host_authority_referred_at", [&] { plan.host_authority_referred_at.reset(); }});
  if (plan.against_staff && !plan.limbs.empty() && plan.lado_referred_at)
    options.push_back({"WT-LADO-1WD", "lado_referred_at", [&] { plan.lado_referred_at.reset(); }});
  return choose(options, rate, rng, plan.home, plan.id, plan.child ? plan.child->id : std::string(),
                plan.received_at);
}

std::optional<PlantedBreach> SeriousEventsPlanter::plant(CpEnquiryPlan& plan, double rate, Rng& rng) {
  std::vector<Option> options;
  if (!plan.initial_notifications.empty())
    options.push_back(
        {"CHR-40-CP-ENQUIRY", "initial notifications", [&] { plan.initial_notifications.clear(); }});
  if (plan.outcome_at && !plan.outcome_notifications.empty())
    options.push_back(
        {"CHR-40-CP-ENQUIRY", "outcome notifications", [&] { plan.outcome_notifications.clear(); }});
  const std::string child = plan.child ? plan.child->id : std::string();
  auto breach = choose(options, rate, rng, plan.home, plan.id, child, plan.started_at);
  if (breach) breach->stage = breach->what == "outcome notifications" ? "outcome" : "initial";
  if (breach && breach->stage == "outcome") breach->trigger_at = *plan.outcome_at;
  return breach;
}

}  // namespace carewatch::generator
