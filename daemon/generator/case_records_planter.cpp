#include "generator/case_records_planter.hpp"

#include <carewatch/sdk/calendar.hpp>

#include "generator/breach_choice.hpp"

namespace carewatch::generator {

namespace {

constexpr std::string_view kFamily = "case_records";
constexpr int kProfileDays = 7;  // the plugin's default profile_days

}  // namespace

std::optional<PlantedBreach> CaseRecordsPlanter::plant(PlacementPlan& plan, double rate, Rng& rng) {
  const BreachChoice choice(rate, rng);
  std::vector<PlantingOption> options;
  const sdk::TimePoint due = sdk::Calendar::add_days(plan.admitted_at, kProfileDays);
  if (due < plan.audit_at) {
    if (plan.social_worker_recorded)
      options.push_back({"CHR-36-PROFILE", "social_worker", plan.id, "", plan.admitted_at,
                         [&] { plan.social_worker_recorded = false; }});
    if (plan.iro_recorded)
      options.push_back(
          {"CHR-36-PROFILE", "iro", plan.id, "", plan.admitted_at, [&] { plan.iro_recorded = false; }});
  }
  return choice.choose(kFamily, options, plan.home, plan.id);
}

std::optional<PlantedBreach> CaseRecordsPlanter::plant(DailyLogPlan& plan, double rate, Rng& rng) {
  const BreachChoice choice(rate, rng);
  std::vector<PlantingOption> options;
  if (plan.signed_at)
    options.push_back({"CHR-36-SIGNED", "signed_at", plan.id, "", plan.occurred_at, [&] { plan.signed_at.reset(); }});
  return choice.choose(kFamily, options, plan.home, plan.child);
}

}  // namespace carewatch::generator
