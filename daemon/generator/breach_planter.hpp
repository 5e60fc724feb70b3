#pragma once
// BreachPlanter: plants breaches of one rule family into the plans of eligible events. The generator
// offers every plan to each enabled planter in turn; the first one that plants stops the offer, so an
// event carries at most one planted breach. A planter draws only from the Rng it is handed (a stream
// separate from the world's), so planting never changes what else is generated.
//
// To add a family (restraint, independent_monitoring, workforce, ...): add a plan type to plans.hpp
// if its events are not yet planned, an overload of plant() for it here (default: not eligible), a
// subclass, and its name to known_families() and make_planters().

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "generator/plans.hpp"
#include "generator/planted_breach.hpp"
#include "generator/rng.hpp"

namespace carewatch::generator {

class BreachPlanter {
 public:
  virtual ~BreachPlanter() = default;
  virtual std::string_view family() const = 0;

  // Each overload: if the event is eligible and the planter decides (with probability `rate`) to plant,
  // edits the plan so that exactly one rule of the family fires on it and returns what was planted.
  // The generator offers only events whose trigger lies inside the period, and the staff records
  // (written before it).
  virtual std::optional<PlantedBreach> plant(IncidentPlan&, double /*rate*/, Rng&) { return std::nullopt; }
  virtual std::optional<PlantedBreach> plant(AllegationPlan&, double /*rate*/, Rng&) { return std::nullopt; }
  virtual std::optional<PlantedBreach> plant(CpEnquiryPlan&, double /*rate*/, Rng&) { return std::nullopt; }
  // independent_monitoring
  virtual std::optional<PlantedBreach> plant(Reg44VisitPlan&, double /*rate*/, Rng&) { return std::nullopt; }
  virtual std::optional<PlantedBreach> plant(Reg45ReviewPlan&, double /*rate*/, Rng&) { return std::nullopt; }
  // workforce
  virtual std::optional<PlantedBreach> plant(StaffRecordPlan&, double /*rate*/, Rng&) { return std::nullopt; }
  virtual std::optional<PlantedBreach> plant(StaffMeetingPlan&, double /*rate*/, Rng&) { return std::nullopt; }
  virtual std::optional<PlantedBreach> plant(ManagerAbsencePlan&, double /*rate*/, Rng&) {
    return std::nullopt;
  }
  // case_records, care_planning
  virtual std::optional<PlantedBreach> plant(PlacementPlan&, double /*rate*/, Rng&) { return std::nullopt; }
  virtual std::optional<PlantedBreach> plant(DailyLogPlan&, double /*rate*/, Rng&) { return std::nullopt; }
  virtual std::optional<PlantedBreach> plant(VisitPlan&, double /*rate*/, Rng&) { return std::nullopt; }
  virtual std::optional<PlantedBreach> plant(ReviewPlan&, double /*rate*/, Rng&) { return std::nullopt; }
  // restraint, missing, complaints, medication
  virtual std::optional<PlantedBreach> plant(RestraintPlan&, double /*rate*/, Rng&) { return std::nullopt; }
  virtual std::optional<PlantedBreach> plant(MeasurePlan&, double /*rate*/, Rng&) { return std::nullopt; }
  virtual std::optional<PlantedBreach> plant(MissingEpisodePlan&, double /*rate*/, Rng&) {
    return std::nullopt;
  }
  virtual std::optional<PlantedBreach> plant(ComplaintPlan&, double /*rate*/, Rng&) { return std::nullopt; }
  virtual std::optional<PlantedBreach> plant(MedicationRoundPlan&, double /*rate*/, Rng&) {
    return std::nullopt;
  }
};

// One planter per name in `families` (names as validated by Options).
std::vector<std::unique_ptr<BreachPlanter>> make_planters(const std::vector<std::string>& families);

}  // namespace carewatch::generator
