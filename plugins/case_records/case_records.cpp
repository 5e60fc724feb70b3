#include "case_records.hpp"

#include "daily_log_checker.hpp"
#include "profile_checker.hpp"

namespace carewatch::plugins::case_records {

std::string CaseRecordsPlugin::description() const {
  return "Signed daily logs and the child's case record (CHR reg 36, Schedule 3)";
}

std::vector<std::unique_ptr<sdk::Checker>> CaseRecordsPlugin::make_checkers() const {
  std::vector<std::unique_ptr<sdk::Checker>> out;
  out.push_back(std::make_unique<DailyLogChecker>());
  out.push_back(std::make_unique<ProfileChecker>());
  return out;
}

}  // namespace carewatch::plugins::case_records
