#pragma once
// PlantedBreach: one line of the manifest, the ground truth a checker's findings are compared with.

#include <string>

#include <carewatch/sdk/time.hpp>

namespace carewatch::generator {

struct PlantedBreach {
  std::string family;    // e.g. "serious_events"
  std::string rule;      // the rule id that must fire, e.g. "WT-LADO-1WD"
  std::string evidence;  // id of the triggering record (the finding's first evidence id)
  std::string home;
  std::string child;            // empty when the event concerns no child
  std::string what;             // what was left out, e.g. "lado_referred_at"; ids and field names only
  sdk::TimePoint trigger_at{};  // when the rule's clock started (orders the manifest)

  // One manifest line (no newline): {"child":..,"evidence":..,"family":..,"home":..,"rule":..,"what":..}
  std::string to_json() const;
};

}  // namespace carewatch::generator
