#pragma once
// The plugin's parameters ([plugins.medication] in the configuration), validated once. Unknown keys are
// refused: a misspelt key would otherwise leave a threshold silently at its default. RULES.md marks the
// clause behind these thresholds "believed", so both are configurable.

#include <cstdint>
#include <string_view>

#include <carewatch/sdk/checker.hpp>

namespace carewatch::plugins::medication {

class Settings {
 public:
  static constexpr std::string_view kOmittedThreshold = "omitted_threshold";
  static constexpr std::string_view kOmittedWindowDays = "omitted_window_days";

  // RULES.md: two or more omitted doses for a child within 7 days.
  static constexpr std::int64_t kDefaultOmittedThreshold = 2;
  static constexpr std::int64_t kDefaultOmittedWindowDays = 7;

  // The defaults.
  Settings() = default;

  // Reads and validates `params`; throws sdk::ParameterError naming the key on a bad or unknown one.
  static Settings from(const sdk::Parameters& params);

  int omitted_threshold() const noexcept { return omitted_threshold_; }
  int omitted_window_days() const noexcept { return omitted_window_days_; }

 private:
  int omitted_threshold_ = static_cast<int>(kDefaultOmittedThreshold);
  int omitted_window_days_ = static_cast<int>(kDefaultOmittedWindowDays);
};

}  // namespace carewatch::plugins::medication
