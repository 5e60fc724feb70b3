#include "generator/breach_choice.hpp"

#include <algorithm>

namespace carewatch::generator {

BreachChoice::BreachChoice(double rate, Rng& rng) : planted_(rng.chance(rate)), pick_(rng.unit()) {}

std::optional<PlantedBreach> BreachChoice::choose(std::string_view family, std::vector<PlantingOption>& options,
                                                  std::string_view home, std::string_view child) const {
  if (!planted_ || options.empty()) return std::nullopt;
  const auto index = std::min(options.size() - 1, static_cast<std::size_t>(pick_ * static_cast<double>(options.size())));
  PlantingOption& option = options[index];
  option.apply();
  PlantedBreach breach;
  breach.family = family;
  breach.rule = option.rule;
  breach.evidence = option.evidence;
  breach.stage = option.stage;
  breach.home = home;
  breach.child = child;
  breach.what = option.what;
  breach.trigger_at = option.trigger_at;
  return breach;
}

}  // namespace carewatch::generator
