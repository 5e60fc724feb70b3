#pragma once
// BreachOption and choose_breach(): the draw every planter of the restraint, missing, complaints and
// medication families makes for an eligible event. The draws are the same whatever the rate (one for
// "plant or not", one for which option), so the breaches planted at a lower rate are a subset of those
// planted at a higher one with the same seed.

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <carewatch/sdk/time.hpp>

#include "generator/planted_breach.hpp"
#include "generator/rng.hpp"

namespace carewatch::generator {

// One way to breach one rule on an event: `apply` edits the plan.
struct BreachOption {
  std::string rule;
  std::string what;      // what is left out (field names), for the manifest
  std::string evidence;  // the triggering record's id
  sdk::TimePoint trigger_at{};
  std::string stage;  // see PlantedBreach::stage; usually empty
  std::function<void()> apply;
};

// No breach when `options` is empty (the event is not eligible; nothing is drawn) or the draw says no;
// otherwise applies the chosen option and returns its manifest line.
std::optional<PlantedBreach> choose_breach(std::vector<BreachOption>& options, double rate, Rng& rng,
                                           std::string_view family, std::string_view home,
                                           std::string_view child);

}  // namespace carewatch::generator
