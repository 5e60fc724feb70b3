#include "manager_absence_checker.hpp"

#include <algorithm>
#include <optional>

#include "obligation.hpp"
#include "rule_catalogue.hpp"
#include "tenure.hpp"
#include "wording.hpp"

namespace carewatch::plugins::workforce {

namespace {

sdk::Date plus_days(sdk::Date d, int n) {
  return sdk::Date{std::chrono::sys_days{d} + sdk::days{n}};
}

}  // namespace

std::vector<sdk::RuleInfo> ManagerAbsenceChecker::rules() const {
  return workforce::rules({kAbsence});
}

void ManagerAbsenceChecker::check(const sdk::Timeline& timeline, const sdk::Context& context,
                                  sdk::Sink& sink) const {
  for (const sdk::Record* absence : timeline.of_kind("manager_absence"))
    if (absence->str("staff") == std::optional<std::string_view>(timeline.subject().id))
      check_absence(*absence, timeline, context, sink);
}

void ManagerAbsenceChecker::check_absence(const sdk::Record& absence, const sdk::Timeline& timeline,
                                          const sdk::Context& context, sdk::Sink& sink) const {
  const auto starts = absence.date("starts_on");
  if (!starts) return;
  const auto ends = absence.date("ends_on");
  const int threshold = settings_.absence_threshold_days();
  // `ends_on` is the last day of absence, so starts_on..ends_on counts both ends. An open-ended absence
  // reaches the threshold at the end of its threshold-th day; a shorter, ended one never does.
  sdk::TimePoint qualifies_at = sdk::TimePoint::min();
  if (ends) {
    const auto length = (std::chrono::sys_days{*ends} - std::chrono::sys_days{*starts}).count() + 1;
    if (length < threshold) return;
  } else {
    qualifies_at = end_of_day(plus_days(*starts, threshold - 1));
  }

  const sdk::TimePoint as_of = context.as_of();
  const std::string& home = timeline.subject().home;
  const std::string& staff = timeline.subject().id;
  const bool emergency = absence.flag("emergency");
  // "Within N days of a date" is read as by the end of the N-th local day after it; "one month before"
  // as by the end of the local day a calendar month before `starts_on`.
  const sdk::TimePoint notice_due =
      emergency ? end_of_day(plus_days(*starts, settings_.emergency_notice_days()))
                : end_of_day(sdk::Calendar::add_months(*starts, -settings_.absence_notice_months()));
  Obligation notice(notice_due);
  notice.require("Ofsted", absence.ts("ofsted_notified_at"));
  if (as_of < qualifies_at) {
    // Not yet 28 days long: the duty exists only once it is, and then may already be overdue.
    if (notice.state(as_of) != Obligation::State::met)
      sink.look_again_at(std::max(qualifies_at, notice_due + sdk::Seconds{1}));
    return;
  }
  notice.schedule(as_of, sink);
  if (notice.state(as_of) == Obligation::State::overdue) {
    std::string when = emergency
                           ? "within " + days_phrase(settings_.emergency_notice_days()) + " of its start"
                           : months_phrase(settings_.absence_notice_months()) + " before it began";
    std::string summary = "Absence " + absence.id() + " of registered manager " + staff + " from " +
                          sdk::format_date(*starts) + ", of " + days_phrase(threshold) +
                          " or more, was not notified to Ofsted " + when + " " + due_clause(notice_due) + ".";
    sink.emit(overdue_finding(kAbsence, home, "", staff, {absence.id()}, notice_due, std::move(summary)));
  }

  if (!ends) return;
  const sdk::TimePoint return_due = end_of_day(plus_days(*ends, settings_.return_notice_days()));
  Obligation back(return_due);
  back.require("Ofsted", absence.ts("return_notified_at"));
  back.schedule(as_of, sink);
  if (back.state(as_of) != Obligation::State::overdue) return;
  // A second duty of the same record: its own trigger, so each escalation resolves on its own.
  std::string summary = "The return of registered manager " + staff + " from absence " + absence.id() +
                        " ending " + sdk::format_date(*ends) + " was not notified to Ofsted within " +
                        days_phrase(settings_.return_notice_days()) + " " + due_clause(return_due) + ".";
  sink.emit(
      overdue_finding(kAbsence, home, "", staff, {absence.id() + "#return"}, return_due, std::move(summary)));
}

}  // namespace carewatch::plugins::workforce
