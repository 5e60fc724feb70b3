#include "restraint_training_checker.hpp"

#include <optional>

#include "rule_catalogue.hpp"

namespace carewatch::plugins::workforce {

std::vector<sdk::RuleInfo> RestraintTrainingChecker::rules() const {
  return workforce::rules({kRestraintTraining});
}

void RestraintTrainingChecker::check(const sdk::Timeline& timeline, const sdk::Context& context,
                                     sdk::Sink& sink) const {
  const sdk::Record* staff = timeline.reference();
  if (!staff) return;
  // Training is in date to the end of its expiry day; the expiry on the staff record as of T is the one
  // judged, so renewed training recorded since closes the finding, as RULES.md says.
  const std::optional<sdk::Date> expires = staff->date("restraint_training_expires");
  const sdk::TimePoint as_of = context.as_of();
  for (const sdk::Record* restraint : timeline.of_kind("restraint")) {
    if (restraint->str("used_by") != std::optional<std::string_view>(staff->id())) continue;
    if (restraint->when() > as_of) {
      sink.look_again_at(restraint->when());
      continue;
    }
    const sdk::Date day = sdk::Calendar::local_date(restraint->when());
    if (expires && day <= *expires) continue;
    sdk::Finding f;
    f.rule = std::string(kRestraintTraining);
    f.home = timeline.subject().home;
    f.child = std::string(restraint->child().value_or(""));
    f.staff = staff->id();
    f.evidence = {restraint->id(), staff->id()};
    // No deadline: the restraint was used without training, which no later date can undo.
    f.summary = "Staff " + staff->id() + " used restraint " + restraint->id() + " on " +
                sdk::format_date(day) +
                (expires ? " after their restraint training expired on " + sdk::format_date(*expires)
                         : " with no restraint training on record") +
                ".";
    sink.emit(std::move(f));
  }
}

}  // namespace carewatch::plugins::workforce
