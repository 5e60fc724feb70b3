#include "care_planning.hpp"

#include "advocacy_checker.hpp"
#include "review_checker.hpp"
#include "visit_checker.hpp"
#include "visit_request_checker.hpp"

namespace carewatch::plugins::care_planning {

std::string CarePlanningPlugin::description() const {
  return "Social worker visits and seeing the child alone (CPPCR regs 28-29), children's requests for a "
         "visit, looked-after child reviews (CPPCR reg 33), and the child's views and advocacy (CHR reg 7)";
}

std::vector<std::unique_ptr<sdk::Checker>> CarePlanningPlugin::make_checkers() const {
  std::vector<std::unique_ptr<sdk::Checker>> out;
  out.push_back(std::make_unique<VisitChecker>());
  out.push_back(std::make_unique<VisitRequestChecker>());
  out.push_back(std::make_unique<ReviewChecker>());
  out.push_back(std::make_unique<AdvocacyChecker>());
  return out;
}

}  // namespace carewatch::plugins::care_planning
