#include "generator/breach_planter.hpp"

#include <stdexcept>

#include "generator/care_planning_planter.hpp"
#include "generator/case_records_planter.hpp"
#include "generator/complaints_planter.hpp"
#include "generator/independent_monitoring_planter.hpp"
#include "generator/medication_planter.hpp"
#include "generator/missing_planter.hpp"
#include "generator/restraint_planter.hpp"
#include "generator/serious_events_planter.hpp"
#include "generator/workforce_planter.hpp"

namespace carewatch::generator {

std::vector<std::unique_ptr<BreachPlanter>> make_planters(const std::vector<std::string>& families) {
  std::vector<std::unique_ptr<BreachPlanter>> out;
  for (const auto& family : families) {
    if (family == "serious_events")
      out.push_back(std::make_unique<SeriousEventsPlanter>());
    else if (family == "independent_monitoring")
      out.push_back(std::make_unique<IndependentMonitoringPlanter>());
    else if (family == "workforce")
      out.push_back(std::make_unique<WorkforcePlanter>());
    else if (family == "case_records")
      out.push_back(std::make_unique<CaseRecordsPlanter>());
    else if (family == "care_planning")
      out.push_back(std::make_unique<CarePlanningPlanter>());
    else if (family == "restraint")
      out.push_back(std::make_unique<RestraintPlanter>());
    else if (family == "missing")
      out.push_back(std::make_unique<MissingPlanter>());
    else if (family == "complaints")
      out.push_back(std::make_unique<ComplaintsPlanter>());
    else if (family == "medication")
      out.push_back(std::make_unique<MedicationPlanter>());
    else
      throw std::invalid_argument("no breach planter for family '" + family + "'");
  }
  return out;
}

}  // namespace carewatch::generator
