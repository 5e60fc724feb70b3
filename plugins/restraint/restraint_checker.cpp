#include "restraint_checker.hpp"

#include "obligation.hpp"
#include "restraint_record.hpp"
#include "rule_catalogue.hpp"
#include "wording.hpp"

namespace carewatch::plugins::restraint {

namespace {

sdk::Finding finding(std::string_view rule, const sdk::Timeline& timeline, const sdk::Record& restraint,
                     std::optional<sdk::TimePoint> due, std::string summary, std::string staff = {}) {
  sdk::Finding f;
  f.rule = std::string(rule);
  f.home = timeline.subject().home;
  f.child = timeline.subject().id;
  f.staff = std::move(staff);
  f.evidence = {restraint.id()};
  f.due_at = due;
  f.summary = std::move(summary);
  return f;
}

}  // namespace

std::vector<sdk::RuleInfo> RestraintChecker::rules() const {
  return restraint::rules({kRecordContent, kUser48h, kChild5d, kEhcp, kPurpose});
}

void RestraintChecker::check(const sdk::Timeline& timeline, const sdk::Context& context,
                             sdk::Sink& sink) const {
  for (const sdk::Record* restraint : timeline.of_kind("restraint")) {
    check_purpose(*restraint, timeline, context, sink);
    check_ehcp(*restraint, timeline, context, sink);
    if (ehcp_exempt(*restraint)) continue;
    check_content(*restraint, timeline, context, sink);
    check_review(*restraint, timeline, context, sink);
    check_child_spoken_to(*restraint, timeline, context, sink);
  }
}

void RestraintChecker::check_content(const sdk::Record& restraint, const sdk::Timeline& timeline,
                                     const sdk::Context& context, sdk::Sink& sink) const {
  Obligation obligation(restraint.when() + settings_.record_within());
  for (std::string& item : missing_content(restraint)) obligation.require(std::move(item), std::nullopt);
  obligation.schedule(context.as_of(), sink);
  if (obligation.state(context.as_of()) != Obligation::State::overdue) return;
  sink.emit(finding(kRecordContent, timeline, restraint, obligation.deadline(),
                    subject_phrase(restraint, timeline.subject().id) + " is missing " +
                        join_and(obligation.outstanding(context.as_of())) + " " +
                        hours_text(settings_.record_within()) + " after it started " +
                        due_clause(obligation.deadline()) + "."));
}

void RestraintChecker::check_review(const sdk::Record& restraint, const sdk::Timeline& timeline,
                                    const sdk::Context& context, sdk::Sink& sink) const {
  Obligation obligation(restraint.when() + settings_.review_within());
  obligation.require("user_spoken_to_at", answered_at(restraint, "user_spoken_to_at"));
  obligation.require("reviewer_signed_at", answered_at(restraint, "reviewer_signed_at"));
  // The signature must be attributable to the registered manager or an authorised person.
  obligation.require("reviewed_by", answered_at(restraint, "reviewed_by"));
  obligation.schedule(context.as_of(), sink);
  if (obligation.state(context.as_of()) != Obligation::State::overdue) return;
  sink.emit(finding(kUser48h, timeline, restraint, obligation.deadline(),
                    subject_phrase(restraint, timeline.subject().id) + " has no " +
                        join_and(obligation.outstanding(context.as_of())) + " within " +
                        hours_text(settings_.review_within()) + " of its start " +
                        due_clause(obligation.deadline()) + "."));
}

void RestraintChecker::check_child_spoken_to(const sdk::Record& restraint, const sdk::Timeline& timeline,
                                             const sdk::Context& context, sdk::Sink& sink) const {
  const int days = settings_.child_spoken_within_days();
  // "Within 5 days": calendar days on the Europe/London wall clock, so a clock change in between
  // neither adds nor removes an hour.
  Obligation obligation(sdk::Calendar::add_days(restraint.when(), days));
  obligation.require("child_spoken_to_at", answered_at(restraint, "child_spoken_to_at"));
  obligation.schedule(context.as_of(), sink);
  if (obligation.state(context.as_of()) != Obligation::State::overdue) return;
  sink.emit(finding(kChild5d, timeline, restraint, obligation.deadline(),
                    subject_phrase(restraint, timeline.subject().id) + " has no child_spoken_to_at within " +
                        days_text(days) + " of its start " + due_clause(obligation.deadline()) + "."));
}

void RestraintChecker::check_ehcp(const sdk::Record& restraint, const sdk::Timeline& timeline,
                                  const sdk::Context& context, sdk::Sink& sink) const {
  if (!restraint.flag("ehcp_planned") || answered(restraint, "ehcp_reference")) return;
  // The reference is part of the record, so it has the record's own time limit to appear.
  Obligation obligation(restraint.when() + settings_.record_within());
  obligation.require("ehcp_reference", std::nullopt);
  obligation.schedule(context.as_of(), sink);
  if (obligation.state(context.as_of()) != Obligation::State::overdue) return;
  sink.emit(finding(kEhcp, timeline, restraint, obligation.deadline(),
                    subject_phrase(restraint, timeline.subject().id) +
                        " is marked ehcp_planned but has no ehcp_reference, so the reg 35(4) exemption "
                        "cannot be shown " +
                        due_clause(obligation.deadline()) + "."));
}

void RestraintChecker::check_purpose(const sdk::Record& restraint, const sdk::Timeline& timeline,
                                     const sdk::Context& context, sdk::Sink& sink) const {
  const sdk::TimePoint as_of = context.as_of();
  const std::string staff(restraint.str("used_by").value_or(""));
  const auto purpose = restraint.str("purpose");
  if (!purpose) {
    // A record may be completed within the reg 35(3)(a) limit; a purpose still missing then means the
    // restraint cannot be shown to have been lawful.
    Obligation obligation(restraint.when() + settings_.record_within());
    obligation.require("purpose", std::nullopt);
    obligation.schedule(as_of, sink);
    if (obligation.state(as_of) != Obligation::State::overdue) return;
    sink.emit(finding(kPurpose, timeline, restraint, obligation.deadline(),
                      subject_phrase(restraint, timeline.subject().id) + " records no purpose " +
                          hours_text(settings_.record_within()) + " after it started " +
                          due_clause(obligation.deadline()) + ".",
                      staff));
    return;
  }
  if (*purpose != "prevent_absconding") return;
  // Reg 20(2): preventing absconding is a lawful purpose only in a secure children's home. A home whose
  // record is missing or silent cannot be shown to be secure.
  const sdk::Record* home = timeline.home_record();
  if (home && home->flag("secure")) return;
  if (restraint.when() > as_of) {
    sink.look_again_at(restraint.when());
    return;
  }
  sink.emit(finding(kPurpose, timeline, restraint, std::nullopt,
                    subject_phrase(restraint, timeline.subject().id) +
                        " was used to prevent absconding in home " + timeline.subject().home +
                        ", which is not recorded as a secure children's home.",
                    staff));
}

}  // namespace carewatch::plugins::restraint
