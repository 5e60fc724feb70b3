#pragma once
// BreachChoice: the draw the periodic-duty planters (independent_monitoring, care_planning,
// case_records, workforce) share. Which breaches an event is eligible for can depend on what was
// planted before it (a visit whose predecessor was left out), so the draw must not: every offered event
// consumes exactly two draws, whatever the rate and however many options it has. The same seed then
// gives the same draws to every event at every rate, and the breaches planted at a lower rate are a
// subset of those planted at a higher one.

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <carewatch/sdk/time.hpp>

#include "generator/planted_breach.hpp"
#include "generator/rng.hpp"

namespace carewatch::generator {

// One way to breach one rule on an event: the manifest line it makes and the edit that plants it.
struct PlantingOption {
  std::string rule;
  std::string what;      // what is left out; field names only
  std::string evidence;  // the record the finding is triggered by
  std::string stage;     // the trigger's suffix after '#', if the rule names one
  sdk::TimePoint trigger_at{};
  std::function<void()> apply;
};

class BreachChoice {
 public:
  BreachChoice(double rate, Rng& rng);

  // Whether this event is to carry a breach (drawn at construction).
  bool planted() const noexcept { return planted_; }
  // The chosen option applied, as a manifest line; nullopt when not planted or nothing is eligible.
  std::optional<PlantedBreach> choose(std::string_view family, std::vector<PlantingOption>& options,
                                      std::string_view home, std::string_view child) const;

 private:
  bool planted_ = false;
  double pick_ = 0.0;
};

}  // namespace carewatch::generator
