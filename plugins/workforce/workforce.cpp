#include "workforce.hpp"

#include "manager_absence_checker.hpp"
#include "recruitment_checker.hpp"
#include "restraint_training_checker.hpp"
#include "supervision_checker.hpp"

namespace carewatch::plugins::workforce {

std::string WorkforcePlugin::description() const {
  return "Staff recruitment checks and qualification (CHR reg 32, Schedule 2), supervision, appraisal and "
         "restraint training (CHR reg 33) and notice of the registered manager's absence (CHR reg 48)";
}

std::vector<std::unique_ptr<sdk::Checker>> WorkforcePlugin::make_checkers() const {
  std::vector<std::unique_ptr<sdk::Checker>> out;
  out.push_back(std::make_unique<RecruitmentChecker>());
  out.push_back(std::make_unique<SupervisionChecker>());
  out.push_back(std::make_unique<RestraintTrainingChecker>());
  out.push_back(std::make_unique<ManagerAbsenceChecker>());
  return out;
}

}  // namespace carewatch::plugins::workforce
