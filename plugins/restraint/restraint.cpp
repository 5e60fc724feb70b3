#include "restraint.hpp"

#include "late_record_checker.hpp"
#include "measure_checker.hpp"
#include "restraint_checker.hpp"

namespace carewatch::plugins::restraint {

std::string RestraintPlugin::description() const {
  return "Behaviour management: restraint and measure records and reviews (CHR reg 35), lawful purpose "
         "of restraint (CHR reg 20) and prohibited measures (CHR reg 19)";
}

std::vector<std::unique_ptr<sdk::Checker>> RestraintPlugin::make_checkers() const {
  std::vector<std::unique_ptr<sdk::Checker>> out;
  out.push_back(std::make_unique<LateRecordChecker>());
  out.push_back(std::make_unique<RestraintChecker>());
  out.push_back(std::make_unique<MeasureChecker>());
  return out;
}

}  // namespace carewatch::plugins::restraint
