#include "independent_monitoring.hpp"

#include "monthly_visit_checker.hpp"
#include "quality_review_checker.hpp"
#include "visit_report_checker.hpp"

namespace carewatch::plugins::independent_monitoring {

std::string IndependentMonitoringPlugin::description() const {
  return "Independent person's monthly visits and reports (CHR reg 44) and the six-monthly quality of care "
         "review (CHR reg 45)";
}

std::vector<std::unique_ptr<sdk::Checker>> IndependentMonitoringPlugin::make_checkers() const {
  std::vector<std::unique_ptr<sdk::Checker>> out;
  out.push_back(std::make_unique<MonthlyVisitChecker>());
  out.push_back(std::make_unique<VisitReportChecker>());
  out.push_back(std::make_unique<QualityReviewChecker>());
  return out;
}

}  // namespace carewatch::plugins::independent_monitoring
