#include "medication.hpp"

#include "dose_record_checker.hpp"
#include "omitted_dose_checker.hpp"

namespace carewatch::plugins::medication {

std::string MedicationPlugin::description() const {
  return "Omitted doses and incomplete administration records of children's medicines (CHR reg 23, clause "
         "believed)";
}

std::vector<std::unique_ptr<sdk::Checker>> MedicationPlugin::make_checkers() const {
  std::vector<std::unique_ptr<sdk::Checker>> out;
  out.push_back(std::make_unique<OmittedDoseChecker>());
  out.push_back(std::make_unique<DoseRecordChecker>());
  return out;
}

}  // namespace carewatch::plugins::medication
