#include "generator/medication_planter.hpp"

#include "generator/breach_option.hpp"
#include "generator/vocabulary.hpp"

namespace carewatch::generator {

namespace {

sdk::TimePoint dose_time(const DosePlan& d) {
  return d.administered_at ? *d.administered_at : d.scheduled_at.value_or(d.recorded_at);
}

void omit(DosePlan& d, bool with_reason) {
  d.status = "omitted";
  d.administered_at.reset();
  d.administered_by.reset();
  d.reason = with_reason ? std::string(vocabulary::medication_reason()[3]) : std::string();
}

}  // namespace

std::optional<PlantedBreach> MedicationPlanter::plant(MedicationRoundPlan& plan, double rate, Rng& rng) {
  std::vector<BreachOption> options;
  std::vector<std::size_t> given;
  for (std::size_t i = 0; i < plan.doses.size(); ++i)
    if (plan.doses[i].status == "given" && plan.doses[i].administered_by && plan.doses[i].administered_at)
      given.push_back(i);
  if (!given.empty()) {
    // Drawn for every eligible round, planted or not, so that the stream stays aligned.
    const std::size_t k =
        given[static_cast<std::size_t>(rng.between(0, static_cast<std::int64_t>(given.size()) - 1))];
    DosePlan& d = plan.doses[k];
    options.push_back({"MED-RECORD", "administered_by", d.id, dose_time(d), {}, [&d] { d.administered_by.reset(); }});
  }
  if (plan.day % kOmissionEveryDays == 0) {
    // The day's earliest given regular dose, and the first given regular dose after it.
    DosePlan* first = nullptr;
    DosePlan* later = nullptr;
    for (auto& d : plan.doses)
      if (!d.prn && d.scheduled_at && d.status == "given" && (!first || *d.scheduled_at < *first->scheduled_at))
        first = &d;
    for (auto& d : plan.doses)
      if (first && !d.prn && d.scheduled_at && d.status == "given" && *d.scheduled_at > *first->scheduled_at &&
          (!later || *d.scheduled_at < *later->scheduled_at))
        later = &d;
    if (first)
      options.push_back({"MED-OMITTED", "administered_at, administered_by, reason (status omitted)", first->id,
                         *first->scheduled_at, {}, [first] { omit(*first, false); }});
    if (first && later)
      options.push_back({"MED-OMITTED", "two doses given that day (both omitted, with reasons)", later->id,
                         *later->scheduled_at, "pattern", [first, later] {
                           omit(*first, true);
                           omit(*later, true);
                         }});
  }
  return choose_breach(options, rate, rng, family(), plan.home, plan.child.id);
}

}  // namespace carewatch::generator
