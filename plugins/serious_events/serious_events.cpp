#include "serious_events.hpp"

#include "allegation_checker.hpp"
#include "cp_enquiry_checker.hpp"
#include "incident_checker.hpp"

namespace carewatch::plugins::serious_events {

std::string SeriousEventsPlugin::description() const {
  return "Notifications of serious events (CHR reg 40), referrals of allegations (CHR reg 34) and LADO "
         "referrals (Working Together 2023)";
}

std::vector<std::unique_ptr<sdk::Checker>> SeriousEventsPlugin::make_checkers() const {
  std::vector<std::unique_ptr<sdk::Checker>> out;
  out.push_back(std::make_unique<IncidentChecker>());
  out.push_back(std::make_unique<AllegationChecker>());
  out.push_back(std::make_unique<CpEnquiryChecker>());
  return out;
}

}  // namespace carewatch::plugins::serious_events
