#include "late_record_checker.hpp"

#include "restraint_record.hpp"
#include "rule_catalogue.hpp"
#include "wording.hpp"

namespace carewatch::plugins::restraint {

std::vector<sdk::RuleInfo> LateRecordChecker::rules() const {
  return restraint::rules({kRecord24h});
}

void LateRecordChecker::check(const sdk::Timeline& timeline, const sdk::Context& context,
                              sdk::Sink& sink) const {
  (void)context;  // a visible record's first recording time is already fixed; nothing waits on T
  const std::string& child = timeline.subject().id;
  for (const sdk::Record& record : timeline.records()) {
    const bool is_restraint = record.kind() == "restraint";
    if (!is_restraint && record.kind() != "measure") continue;
    if (is_restraint && ehcp_exempt(record)) continue;
    const sdk::TimePoint deadline = record.when() + settings_.record_within();
    if (record.first_recorded_at() <= deadline) continue;

    sdk::Finding f;
    f.rule = std::string(kRecord24h);
    f.home = timeline.subject().home;
    f.child = child;
    f.evidence = {record.id()};
    f.due_at = deadline;
    f.summary = subject_phrase(record, child) + " was first recorded at " +
                sdk::format_timestamp(record.first_recorded_at()) + ", more than " +
                hours_text(settings_.record_within()) + " after it " +
                (is_restraint ? "started " : "was applied ") + due_clause(deadline) + ".";
    sink.emit(std::move(f));
  }
}

}  // namespace carewatch::plugins::restraint
