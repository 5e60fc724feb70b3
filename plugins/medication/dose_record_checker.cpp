#include "dose_record_checker.hpp"

#include <optional>

#include "rule_catalogue.hpp"

namespace carewatch::plugins::medication {

std::vector<sdk::RuleInfo> DoseRecordChecker::rules() const {
  return medication::rules({kRecord});
}

void DoseRecordChecker::check(const sdk::Timeline& timeline, const sdk::Context& context,
                              sdk::Sink& sink) const {
  const std::string& child = timeline.subject().id;
  for (const sdk::Record* dose : timeline.of_kind("medication")) {
    if (dose->child() != std::optional<std::string_view>(child) || dose->str("status") != "given") continue;
    if (dose->when() > context.as_of()) {
      sink.look_again_at(dose->when());
      continue;
    }
    std::vector<std::string> missing;
    if (dose->str("administered_by").value_or("").empty()) missing.emplace_back("who gave it");
    if (!dose->ts("administered_at")) missing.emplace_back("when it was given");
    if (missing.empty()) continue;
    sdk::Finding f;
    f.rule = std::string(kRecord);
    f.home = timeline.subject().home;
    f.child = child;
    f.evidence = {dose->id()};
    // No deadline: the record is incomplete as written; it closes when a revision adds the fields.
    f.summary = "Dose " + dose->id() + " for child " + child + " at " + sdk::format_timestamp(dose->when()) +
                " is recorded as given without " +
                (missing.size() == 2 ? missing[0] + " or " + missing[1] : missing[0]) + ".";
    sink.emit(std::move(f));
  }
}

}  // namespace carewatch::plugins::medication
