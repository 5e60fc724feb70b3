#include "profile_checker.hpp"

#include "rule_catalogue.hpp"

namespace carewatch::plugins::case_records {

namespace {

bool blank(const sdk::Record& record, std::string_view field) {
  const auto s = record.str(field);
  return !s || s->find_first_not_of(" \t\r\n") == std::string_view::npos;
}

// "a", "a and b", "a, b and c".
std::string join_and(const std::vector<std::string>& parts) {
  std::string out;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (i > 0) out += i + 1 == parts.size() ? " and " : ", ";
    out += parts[i];
  }
  return out;
}

}  // namespace

std::vector<sdk::RuleInfo> ProfileChecker::rules() const {
  return case_records::rules({kProfile});
}

void ProfileChecker::check(const sdk::Timeline& timeline, const sdk::Context& context,
                           sdk::Sink& sink) const {
  const sdk::Record* child = timeline.reference();
  if (!child) return;
  const auto admitted = child->ts("admitted_at");
  if (!admitted) return;

  // placing_authority and date_of_birth are required at import, so in practice they are missing only
  // when blank (or, for the date, unreadable); social_worker and iro are optional fields.
  std::vector<std::string> missing;
  for (const char* field : {"placing_authority", "social_worker", "iro"})
    if (blank(*child, field)) missing.emplace_back(field);
  if (!child->date("date_of_birth")) missing.emplace_back("date_of_birth");
  if (missing.empty()) return;

  const int days = settings_.profile_days();
  const sdk::TimePoint due = sdk::Calendar::add_days(*admitted, days);
  if (context.as_of() <= due) {
    sink.look_again_at(due + sdk::Seconds{1});
    return;
  }
  sdk::Finding f;
  f.rule = std::string(kProfile);
  f.home = timeline.subject().home;
  f.child = timeline.subject().id;
  f.evidence = {child->id()};
  f.due_at = due;
  f.summary = "Child " + child->id() + "'s record is missing " + join_and(missing) + " " +
              std::to_string(days) + (days == 1 ? " day" : " days") + " after the placement at " +
              sdk::format_timestamp(*admitted) + " (due " + sdk::format_timestamp(due) + ").";
  sink.emit(std::move(f));
}

}  // namespace carewatch::plugins::case_records
