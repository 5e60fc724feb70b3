#include "reprisal_checker.hpp"

#include "rule_catalogue.hpp"
#include "wording.hpp"

namespace carewatch::plugins::complaints {

std::vector<sdk::RuleInfo> ReprisalChecker::rules() const {
  return complaints::rules({kReprisal});
}

void ReprisalChecker::check(const sdk::Timeline& timeline, const sdk::Context& context,
                            sdk::Sink& sink) const {
  const std::string& child = timeline.subject().id;
  const int days = settings_.reprisal_window_days();

  // Complaints made by this child: the complainant is the child and the complaint names them. A
  // complaint made for the child by someone else (family, advocate) is not counted.
  std::vector<const sdk::Record*> complaints;
  for (const sdk::Record* c : timeline.of_kind("complaint"))
    if (c->str("complainant") == "child" && c->child() == child) complaints.push_back(c);
  if (complaints.empty()) return;

  for (const sdk::Record& event : timeline.records()) {
    const bool is_measure = event.kind() == "measure";
    if (!is_measure && event.kind() != "restraint") continue;
    // The window is (received_at, received_at + N calendar days] on the local wall clock; something
    // done at the very moment of the complaint cannot be a response to it.
    std::vector<std::string> after;
    for (const sdk::Record* c : complaints)
      if (c->when() < event.when() && event.when() <= sdk::Calendar::add_days(c->when(), days))
        after.push_back(c->id());
    if (after.empty()) continue;
    // A measure or restraint recorded ahead of its time has not happened yet.
    if (event.when() > context.as_of()) {
      sink.look_again_at(event.when());
      continue;
    }

    sdk::Finding f;
    f.rule = std::string(kReprisal);
    f.home = timeline.subject().home;
    f.child = child;
    f.staff = std::string(event.str(is_measure ? "applied_by" : "used_by").value_or(""));
    f.evidence = {event.id()};
    f.evidence.insert(f.evidence.end(), after.begin(), after.end());
    const std::string what = is_measure ? "Measure " + event.id() + " (" +
                                              std::string(event.str("type").value_or("unknown type")) +
                                              ") was applied to child "
                                        : "Restraint " + event.id() + " was used on child ";
    f.summary = what + child + " at " + sdk::format_timestamp(event.when()) + ", within " + days_text(days) +
                " after the child's " + (after.size() == 1 ? "complaint " : "complaints ") + join_and(after) +
                "; review whether it was a reprisal (a timing heuristic, not a finding of fact).";
    sink.emit(std::move(f));
  }
}

}  // namespace carewatch::plugins::complaints
