#pragma once
// The plugin's parameters ([plugins.case_records] in the configuration), validated once. Unknown keys
// are refused: a misspelt key would otherwise leave a deadline silently at its default.

#include <cstdint>
#include <string_view>

#include <carewatch/sdk/checker.hpp>

namespace carewatch::plugins::case_records {

class Settings {
 public:
  static constexpr std::string_view kProfileDays = "profile_days";

  // RULES.md: the child's record is complete 7 days after admission.
  static constexpr std::int64_t kDefaultProfileDays = 7;
  static constexpr std::int64_t kMaxProfileDays = 90;

  // The defaults.
  Settings() = default;

  // Reads and validates `params`; throws sdk::ParameterError naming the key on a bad or unknown one.
  static Settings from(const sdk::Parameters& params);

  int profile_days() const noexcept { return profile_days_; }

 private:
  int profile_days_ = static_cast<int>(kDefaultProfileDays);
};

}  // namespace carewatch::plugins::case_records
