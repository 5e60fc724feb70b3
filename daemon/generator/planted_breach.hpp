#pragma once
// PlantedBreach: one line of the manifest, the ground truth a checker's findings are compared with.

#include <string>

#include <carewatch/sdk/time.hpp>

namespace carewatch::generator {

struct PlantedBreach {
  std::string family;    // e.g. "serious_events"
  std::string rule;      // the rule id that must fire, e.g. "WT-LADO-1WD"
  std::string evidence;  // id of the triggering record (the record the finding is about)
  std::string home;
  std::string child;  // empty when the event concerns no child
  // For a rule with one duty per stage of its record (CHR-40-CP-ENQUIRY: initial, outcome), the stage
  // whose duty was breached; empty otherwise.
  std::string stage;
  std::string what;             // what was left out, e.g. "lado_referred_at"; field names only
  sdk::TimePoint trigger_at{};  // when the rule's clock started (orders the manifest)

  // One manifest line (no newline), keys sorted: child (null when none), evidence, family, home, rule,
  // stage (only when set), trigger_at, what.
  std::string to_json() const;
};

}  // namespace carewatch::generator
