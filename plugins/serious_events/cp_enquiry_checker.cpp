#include "cp_enquiry_checker.hpp"

#include "notification_duty.hpp"
#include "notification_index.hpp"
#include "rule_catalogue.hpp"

namespace carewatch::plugins::serious_events {

std::vector<sdk::RuleInfo> CpEnquiryChecker::rules() const {
  return serious_events::rules({kCpEnquiry});
}

void CpEnquiryChecker::check(const sdk::Timeline& timeline, const sdk::Context& context,
                             sdk::Sink& sink) const {
  const NotificationIndex index(timeline);
  for (const sdk::Record* enquiry : timeline.of_kind("cp_enquiry")) {
    const sdk::Record& e = *enquiry;
    NotificationDuty start;
    start.rule = kCpEnquiry;
    start.about = e.id();
    start.trigger = e.id();
    start.child = std::string(e.child().value_or(""));
    start.staff = std::string(e.str("staff").value_or(""));
    // Reg 40(4) notifications go to Ofsted and each relevant person; with no child named there is no
    // placing authority to tell.
    start.recipients = {"ofsted"};
    if (!start.child.empty()) start.recipients.push_back("placing_authority");
    start.target = settings_.without_delay();
    const std::string what = "child protection enquiry " + e.id() +
                             (start.child.empty() ? std::string() : " for child " + start.child);

    const sdk::TimePoint started = e.when();
    start.deadline = started + settings_.without_delay();
    // A notification with no stage is read as the initial one; it must not predate the enquiry.
    start.accept = [started](const sdk::Record& n) {
      const auto stage = n.str("stage");
      return (!stage || *stage == "initial") && *n.ts("sent_at") >= started;
    };
    start.what = "The start of " + what;
    enforce(start, index, timeline.subject().home, context, sink);

    const auto outcome_at = e.ts("outcome_at");
    if (!outcome_at) continue;
    NotificationDuty outcome = start;
    outcome.trigger = e.id() + std::string(kOutcomeSuffix);
    outcome.deadline = *outcome_at + settings_.without_delay();
    // Only a notification marked as the outcome, sent once the outcome was known, reports it.
    outcome.accept = [at = *outcome_at](const sdk::Record& n) {
      return n.str("stage") == "outcome" && *n.ts("sent_at") >= at;
    };
    outcome.what = "The outcome of " + what;
    enforce(outcome, index, timeline.subject().home, context, sink);
  }
}

}  // namespace carewatch::plugins::serious_events
