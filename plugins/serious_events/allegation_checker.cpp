#include "allegation_checker.hpp"

#include "authorities.hpp"
#include "notification_duty.hpp"
#include "obligation.hpp"
#include "rule_catalogue.hpp"
#include "wording.hpp"

namespace carewatch::plugins::serious_events {

std::vector<sdk::RuleInfo> AllegationChecker::rules() const {
  return serious_events::rules({kAllegation, kReferral, kLado});
}

void AllegationChecker::check(const sdk::Timeline& timeline, const sdk::Context& context,
                              sdk::Sink& sink) const {
  const NotificationIndex index(timeline);
  for (const sdk::Record* allegation : timeline.of_kind("allegation")) {
    check_notification(*allegation, timeline, index, context, sink);
    check_referral(*allegation, timeline, context, sink);
    check_lado(*allegation, timeline, context, sink);
  }
}

void AllegationChecker::check_notification(const sdk::Record& allegation, const sdk::Timeline& timeline,
                                           const NotificationIndex& index, const sdk::Context& context,
                                           sdk::Sink& sink) const {
  const std::string staff(allegation.str("against_staff").value_or(""));
  const bool against_home = allegation.flag("against_home");
  if (staff.empty() && !against_home) return;

  NotificationDuty duty;
  duty.rule = kAllegation;
  duty.about = allegation.id();
  duty.trigger = allegation.id();
  duty.child = std::string(allegation.child().value_or(""));
  duty.staff = staff;
  // With no child named there is no placing authority to tell: Ofsted alone is notified.
  duty.recipients = {"ofsted"};
  if (!duty.child.empty()) duty.recipients.push_back("placing_authority");
  duty.deadline = allegation.when() + settings_.without_delay();
  duty.target = settings_.without_delay();
  std::vector<std::string> against;
  if (!staff.empty()) against.push_back("staff " + staff);
  if (against_home) against.emplace_back("the home");
  duty.what = "Allegation " + allegation.id() + " against " + join_and(against);
  if (!duty.child.empty()) duty.what += " concerning child " + duty.child;
  enforce(duty, index, timeline.subject().home, context, sink);
}

void AllegationChecker::check_referral(const sdk::Record& allegation, const sdk::Timeline& timeline,
                                       const sdk::Context& context, sdk::Sink& sink) const {
  // An allegation that names a child is read as an allegation of abuse of that child (reg 34(2)).
  const auto child = allegation.child();
  if (!child || child->empty()) return;

  const sdk::TimePoint as_of = context.as_of();
  Obligation obligation(allegation.when() + settings_.referral_target());
  obligation.require(recipient_label("placing_authority"), allegation.ts("placing_authority_referred_at"));
  if (host_differs_from_placing(timeline, *child))
    obligation.require(recipient_label("host_authority"), allegation.ts("host_authority_referred_at"));
  obligation.schedule(as_of, sink);
  if (obligation.state(as_of) != Obligation::State::overdue) return;

  std::string summary = "Allegation " + allegation.id() + " concerning child " + std::string(*child) +
                        " was not referred to " + join_and(obligation.outstanding(as_of)) + " " +
                        within_practice_target(settings_.referral_target(), obligation.deadline()) + ".";
  sink.emit(overdue_finding(kReferral, timeline.subject().home, *child,
                            allegation.str("against_staff").value_or(""), {allegation.id()},
                            obligation.deadline(), std::move(summary)));
}

void AllegationChecker::check_lado(const sdk::Record& allegation, const sdk::Timeline& timeline,
                                   const sdk::Context& context, sdk::Sink& sink) const {
  const auto staff = allegation.str("against_staff");
  if (!staff || staff->empty() || allegation.strings("limbs").empty()) return;

  const sdk::TimePoint as_of = context.as_of();
  const int working_days = settings_.lado_working_days();
  Obligation obligation(context.calendar().add_working_days(allegation.when(), working_days));
  obligation.require(recipient_label("lado"), allegation.ts("lado_referred_at"));
  obligation.schedule(as_of, sink);
  if (obligation.state(as_of) != Obligation::State::overdue) return;

  std::string summary = "Allegation " + allegation.id() + " against staff " + std::string(*staff) +
                        " was not referred to the LADO within " + std::to_string(working_days) +
                        (working_days == 1 ? " working day " : " working days ") +
                        due_clause(obligation.deadline()) + ".";
  sink.emit(overdue_finding(kLado, timeline.subject().home, allegation.child().value_or(""), *staff,
                            {allegation.id()}, obligation.deadline(), std::move(summary)));
}

}  // namespace carewatch::plugins::serious_events
