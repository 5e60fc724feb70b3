#include "recruitment_checker.hpp"

#include <optional>

#include "obligation.hpp"
#include "rule_catalogue.hpp"
#include "tenure.hpp"
#include "wording.hpp"

namespace carewatch::plugins::workforce {

std::vector<sdk::RuleInfo> RecruitmentChecker::rules() const {
  return workforce::rules({kPrestart, kLevel3});
}

void RecruitmentChecker::check(const sdk::Timeline& timeline, const sdk::Context& context,
                               sdk::Sink& sink) const {
  const sdk::Record* staff = timeline.reference();
  // Both duties fall on care roles only (reg 32(3)-(4) speak of staff who care for children).
  if (!staff || !staff->flag("care_role")) return;
  check_prestart(*staff, timeline, context, sink);
  check_level3(*staff, context, sink);
}

void RecruitmentChecker::check_prestart(const sdk::Record& staff, const sdk::Timeline& timeline,
                                        const sdk::Context& context, sdk::Sink& sink) const {
  // The first shift is the earliest of `first_shift_at` and the shifts on the roster, worked or not
  // yet: a future one is what the engine must look again at.
  std::optional<sdk::TimePoint> first = staff.ts("first_shift_at");
  const sdk::Record* first_record = nullptr;
  for (const sdk::Record* shift : timeline.of_kind("shift")) {
    if (shift->str("staff") != std::optional<std::string_view>(staff.id())) continue;
    if (!first || shift->when() < *first) first = shift->when();
    if (!first_record || shift->when() < first_record->when()) first_record = shift;
  }
  if (!first) return;
  if (first_record && first_record->when() != *first) first_record = nullptr;

  // A check counts only if dated at or before the first shift: a DBS certificate that arrived later
  // leaves the shifts before it unchecked, so the finding stays (closed only by acknowledgement).
  // References and employment history carry no date in RECORDS.md: the staff record as of T is taken
  // to show what was in place.
  auto dated_in_time = [&](std::string_view field) -> std::optional<sdk::TimePoint> {
    const auto t = staff.ts(field);
    if (!t || *t > *first) return std::nullopt;
    return t;
  };
  const auto undated = [&](bool done) -> std::optional<sdk::TimePoint> {
    return done ? std::optional<sdk::TimePoint>(staff.recorded_at()) : std::nullopt;
  };
  const auto dbs = dated_in_time("dbs_cleared_at");
  Obligation obligation(*first);
  obligation.require("an enhanced DBS check with barred list", dbs);
  obligation.require("identity verification", dated_in_time("identity_verified_at"));
  obligation.require(
      std::to_string(settings_.required_references()) + " references",
      undated(staff.integer("references_received").value_or(0) >= settings_.required_references()));
  obligation.require("an employment history check", undated(staff.flag("employment_history_checked")));

  const sdk::TimePoint as_of = context.as_of();
  obligation.schedule(as_of, sink);
  if (obligation.state(as_of) != Obligation::State::overdue) return;

  std::vector<std::string> evidence{staff.id()};
  if (first_record) evidence.push_back(first_record->id());
  std::string summary = "Staff " + staff.id() + " began work at " + sdk::format_timestamp(*first) +
                        " without " + join_and(obligation.outstanding(as_of)) +
                        " in place before the first shift " + due_clause(*first) + ".";
  sdk::Finding f = overdue_finding(kPrestart, timeline.subject().home, "", staff.id(), std::move(evidence),
                                   *first, std::move(summary));
  // RULES.md: critical when the DBS check is the one missing or late, high for the others.
  f.severity = dbs && *dbs <= as_of ? sdk::Severity::high : sdk::Severity::critical;
  sink.emit(std::move(f));
}

void RecruitmentChecker::check_level3(const sdk::Record& staff, const sdk::Context& context,
                                      sdk::Sink& sink) const {
  const auto started = staff.date("started_at");
  if (!started) return;
  // Two years after `started_at`, as local days: local midnight starting the anniversary (a 29 February
  // start falls due on 28 February).
  const sdk::TimePoint deadline =
      sdk::Calendar::start_of_day(sdk::Calendar::add_months(*started, settings_.l3_months()));
  Obligation obligation(deadline);
  const auto achieved = staff.date("l3_achieved_at");
  std::optional<sdk::TimePoint> done;
  if (achieved) done = sdk::Calendar::start_of_day(*achieved);
  // A deferral is undated: it counts from when the staff record saying so was written.
  if (staff.flag("l3_deferred") && (!done || staff.recorded_at() < *done)) done = staff.recorded_at();
  obligation.require("the level 3 qualification or a deferral", done);
  obligation.lapse_at(service_end(staff));

  const sdk::TimePoint as_of = context.as_of();
  obligation.schedule(as_of, sink);
  if (obligation.state(as_of) != Obligation::State::overdue) return;

  std::string summary = "Staff " + staff.id() +
                        " in a care role has neither achieved nor been deferred from the "
                        "level 3 qualification " +
                        months_phrase(settings_.l3_months()) + " after starting on " +
                        sdk::format_date(*started) + " " + due_clause(deadline) + ".";
  sink.emit(
      overdue_finding(kLevel3, staff.home(), "", staff.id(), {staff.id()}, deadline, std::move(summary)));
}

}  // namespace carewatch::plugins::workforce
