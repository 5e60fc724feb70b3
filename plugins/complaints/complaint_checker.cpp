#include "complaint_checker.hpp"

#include <algorithm>

#include "obligation.hpp"
#include "rule_catalogue.hpp"
#include "wording.hpp"

namespace carewatch::plugins::complaints {

namespace {

bool blank(std::string_view s) {
  return std::all_of(s.begin(), s.end(),
                     [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; });
}

// When a closing field took effect: a timestamp's own time, another field's revision time (at or before
// T by as-of selection); nullopt when absent or blank.
std::optional<sdk::TimePoint> done_at(const sdk::Record& complaint, std::string_view field) {
  const sdk::Value* v = complaint.field(field);
  if (!v || (v->is_string() && blank(v->as_string()))) return std::nullopt;
  if (auto t = complaint.ts(field)) return t;
  return complaint.recorded_at();
}

// "Complaint CMP-1" or "Complaint CMP-1 concerning child C-1".
std::string subject_phrase(const sdk::Record& complaint) {
  std::string out = "Complaint " + complaint.id();
  if (auto child = complaint.child(); child && !child->empty())
    out += " concerning child " + std::string(*child);
  return out;
}

}  // namespace

std::vector<sdk::RuleInfo> ComplaintChecker::rules() const {
  return complaints::rules({kRecord, kIndependence});
}

void ComplaintChecker::check(const sdk::Timeline& timeline, const sdk::Context& context,
                             sdk::Sink& sink) const {
  for (const sdk::Record* complaint : timeline.of_kind("complaint")) {
    check_record(*complaint, timeline, context, sink);
    check_independence(*complaint, timeline, context, sink);
  }
}

void ComplaintChecker::check_record(const sdk::Record& complaint, const sdk::Timeline& timeline,
                                    const sdk::Context& context, sdk::Sink& sink) const {
  const sdk::TimePoint as_of = context.as_of();
  const int days = settings_.record_target_days();
  // Calendar days on the Europe/London wall clock, so a clock change neither adds nor removes an hour.
  Obligation obligation(sdk::Calendar::add_days(complaint.when(), days));
  for (const char* field : {"outcome", "actions", "closed_at"})
    obligation.require(field, done_at(complaint, field));
  obligation.schedule(as_of, sink);
  if (obligation.state(as_of) != Obligation::State::overdue) return;

  sdk::Finding f;
  f.rule = std::string(kRecord);
  f.home = timeline.subject().home;
  f.child = std::string(complaint.child().value_or(""));
  f.evidence = {complaint.id()};
  f.due_at = obligation.deadline();
  f.summary = subject_phrase(complaint) + " has no " + join_and(obligation.outstanding(as_of)) + " " +
              within_practice_target(days, obligation.deadline()) + ".";
  sink.emit(std::move(f));
}

void ComplaintChecker::check_independence(const sdk::Record& complaint, const sdk::Timeline& timeline,
                                          const sdk::Context& context, sdk::Sink& sink) const {
  const auto handler = complaint.str("handled_by");
  if (!handler || blank(*handler) || !complaint.contains("about_staff", *handler)) return;
  // A complaint recorded ahead of its received_at is not yet being handled.
  if (complaint.when() > context.as_of()) {
    sink.look_again_at(complaint.when());
    return;
  }
  sdk::Finding f;
  f.rule = std::string(kIndependence);
  f.home = timeline.subject().home;
  f.child = std::string(complaint.child().value_or(""));
  f.staff = std::string(*handler);
  f.evidence = {complaint.id()};
  f.summary = subject_phrase(complaint) + " is handled by staff " + std::string(*handler) +
              ", who is one of the staff it is about.";
  sink.emit(std::move(f));
}

}  // namespace carewatch::plugins::complaints
