#include "generator/breach_option.hpp"

namespace carewatch::generator {

std::optional<PlantedBreach> choose_breach(std::vector<BreachOption>& options, double rate, Rng& rng,
                                           std::string_view family, std::string_view home,
                                           std::string_view child) {
  if (options.empty()) return std::nullopt;
  const bool planted = rng.chance(rate);
  const auto index = static_cast<std::size_t>(rng.between(0, static_cast<std::int64_t>(options.size()) - 1));
  if (!planted) return std::nullopt;
  BreachOption& option = options[index];
  option.apply();
  PlantedBreach breach;
  breach.family = family;
  breach.rule = option.rule;
  breach.evidence = option.evidence;
  breach.home = home;
  breach.child = child;
  breach.stage = option.stage;
  breach.what = option.what;
  breach.trigger_at = option.trigger_at;
  return breach;
}

}  // namespace carewatch::generator
