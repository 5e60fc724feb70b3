#include "generator/missing_planter.hpp"

#include "generator/breach_option.hpp"

namespace carewatch::generator {

std::optional<PlantedBreach> MissingPlanter::plant(MissingEpisodePlan& plan, double rate, Rng& rng) {
  std::vector<BreachOption> options;
  if (plan.rhi_completed_at)
    options.push_back({"MISS-RHI-72H", "rhi_completed_at", plan.id, plan.returned_at, {},
                       [&] { plan.rhi_completed_at.reset(); }});
  if (plan.reported_to_police_at)
    options.push_back({"MISS-REPORT", "reported_to_police_at", plan.id, plan.missing_from, {},
                       [&] { plan.reported_to_police_at.reset(); }});
  if (plan.placing_authority_notified_at)
    options.push_back({"MISS-REPORT", "placing_authority_notified_at", plan.id, plan.missing_from, {},
                       [&] { plan.placing_authority_notified_at.reset(); }});
  return choose_breach(options, rate, rng, family(), plan.home, plan.child.id);
}

}  // namespace carewatch::generator
