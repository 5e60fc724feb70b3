#include "complaints.hpp"

#include "complaint_checker.hpp"
#include "reprisal_checker.hpp"

namespace carewatch::plugins::complaints {

std::string ComplaintsPlugin::description() const {
  return "Complaints (CHR reg 39): records of outcome and action, independent handling, and no reprisal "
         "against a child who complained";
}

std::vector<std::unique_ptr<sdk::Checker>> ComplaintsPlugin::make_checkers() const {
  std::vector<std::unique_ptr<sdk::Checker>> out;
  out.push_back(std::make_unique<ComplaintChecker>());
  out.push_back(std::make_unique<ReprisalChecker>());
  return out;
}

}  // namespace carewatch::plugins::complaints
