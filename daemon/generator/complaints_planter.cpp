#include "generator/complaints_planter.hpp"

#include <chrono>

#include <carewatch/sdk/calendar.hpp>

#include "generator/breach_option.hpp"

namespace carewatch::generator {

std::optional<PlantedBreach> ComplaintsPlanter::plant(ComplaintPlan& plan, double rate, Rng& rng) {
  using std::chrono::days;
  using std::chrono::minutes;
  std::vector<BreachOption> options;
  const std::string child = plan.child ? plan.child->id : std::string();
  // An audit a week after the period must be past the target.
  if (plan.closed && sdk::Calendar::add_days(plan.received_at, kRecordTargetDays) < plan.period_end + days{7})
    options.push_back({"CHR-39-RECORD", "outcome, actions, closed_at", plan.id, plan.received_at, {},
                       [&] { plan.closed = false; }});
  if (!plan.about_staff.empty() && plan.handled_by != plan.about_staff.front())
    options.push_back({"CHR-39-INDEPENDENCE", "handled_by (set to the staff complained about)", plan.id,
                       plan.received_at, {}, [&] { plan.handled_by = plan.about_staff.front(); }});
  if (plan.complainant == "child" && plan.child && !plan.measure_after &&
      sdk::Calendar::add_days(plan.received_at, 4) < plan.period_end) {
    // Drawn for every eligible complaint, planted or not, so that the stream stays aligned.
    ComplaintPlan::Measure m;
    m.applied_at = sdk::Calendar::add_days(plan.received_at, static_cast<int>(rng.between(1, 3))) +
                   minutes{rng.between(0, 60)};
    m.recorded_at = m.applied_at + minutes{rng.between(20, 120)};
    m.type = "loss_of_privilege";
    options.push_back({"CHR-39-REPRISAL", "measure added",
                       plan.measure_id, m.applied_at, {}, [&plan, m] { plan.measure_after = m; }});
  }
  return choose_breach(options, rate, rng, family(), plan.home, child);
}

}  // namespace carewatch::generator
