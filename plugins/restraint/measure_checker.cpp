#include "measure_checker.hpp"

#include "rule_catalogue.hpp"
#include "wording.hpp"

namespace carewatch::plugins::restraint {

std::vector<sdk::RuleInfo> MeasureChecker::rules() const {
  return restraint::rules({kProhibited});
}

void MeasureChecker::check(const sdk::Timeline& timeline, const sdk::Context& context,
                           sdk::Sink& sink) const {
  for (const sdk::Record* measure : timeline.of_kind("measure")) {
    const auto type = measure->str("type");
    if (!type || !settings_.is_prohibited(*type)) continue;
    // A measure recorded before it is applied (a planned one) is not yet used.
    if (measure->when() > context.as_of()) {
      sink.look_again_at(measure->when());
      continue;
    }
    sdk::Finding f;
    f.rule = std::string(kProhibited);
    f.home = timeline.subject().home;
    f.child = timeline.subject().id;
    f.staff = std::string(measure->str("applied_by").value_or(""));
    f.evidence = {measure->id()};
    f.summary = subject_phrase(*measure, timeline.subject().id) + ", applied at " +
                sdk::format_timestamp(measure->when()) + ", is of the prohibited type " + std::string(*type) +
                ".";
    sink.emit(std::move(f));
  }
}

}  // namespace carewatch::plugins::restraint
