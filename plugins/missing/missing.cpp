#include "missing.hpp"

#include "missing_report_checker.hpp"
#include "return_interview_checker.hpp"

namespace carewatch::plugins::missing {

std::string MissingPlugin::description() const {
  return "Children missing from care: reporting to the police and the placing authority (CHR reg 34(4)) and "
         "independent return home interviews (statutory guidance, 2014)";
}

std::vector<std::unique_ptr<sdk::Checker>> MissingPlugin::make_checkers() const {
  std::vector<std::unique_ptr<sdk::Checker>> out;
  out.push_back(std::make_unique<ReturnInterviewChecker>());
  out.push_back(std::make_unique<MissingReportChecker>());
  return out;
}

}  // namespace carewatch::plugins::missing
