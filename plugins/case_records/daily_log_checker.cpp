#include "daily_log_checker.hpp"

#include "rule_catalogue.hpp"

namespace carewatch::plugins::case_records {

std::vector<sdk::RuleInfo> DailyLogChecker::rules() const {
  return case_records::rules({kSigned});
}

void DailyLogChecker::check(const sdk::Timeline& timeline, const sdk::Context& context,
                            sdk::Sink& sink) const {
  for (const sdk::Record* log : timeline.of_kind("daily_log")) {
    std::vector<std::string> problems;
    // A signature dated after T is not yet given; the entry is judged again when it is.
    const auto signed_at = log->ts("signed_at");
    if (!signed_at || *signed_at > context.as_of()) problems.emplace_back("has no signed_at");
    if (signed_at && *signed_at > context.as_of()) sink.look_again_at(*signed_at);
    const std::string author(log->str("author").value_or(""));
    // Without recorded_by the source system does not say who wrote the entry, so nothing contradicts the
    // author.
    const auto recorded_by = log->recorded_by();
    if (recorded_by && !recorded_by->empty() && *recorded_by != author)
      problems.push_back("is authored by staff " + author + " but recorded by staff " +
                         std::string(*recorded_by));
    if (problems.empty()) continue;

    sdk::Finding f;
    f.rule = std::string(kSigned);
    f.home = timeline.subject().home;
    f.child = timeline.subject().id;
    f.staff = author;
    f.evidence = {log->id()};
    f.summary = "Daily log " + log->id() + " for child " + timeline.subject().id + " at " +
                sdk::format_timestamp(log->when()) + " " + problems.front() +
                (problems.size() > 1 ? " and " + problems.back() : std::string()) + ".";
    sink.emit(std::move(f));
  }
}

}  // namespace carewatch::plugins::case_records
