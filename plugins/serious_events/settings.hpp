#pragma once
// The plugin's parameters ([plugins.serious_events] in the configuration), validated once.
//
// "Without delay" and "prompt" have no number in law; the hour targets below are practice targets and
// every finding that uses one says so. Unknown keys are refused too: a misspelt key would otherwise
// leave a safeguarding deadline silently at its default.

#include <chrono>
#include <cstdint>
#include <string_view>

#include <carewatch/sdk/checker.hpp>

namespace carewatch::plugins::serious_events {

class Settings {
 public:
  static constexpr std::string_view kWithoutDelayHours = "without_delay_hours";
  static constexpr std::string_view kDecisionTargetHours = "decision_target_hours";
  static constexpr std::string_view kReferralTargetHours = "referral_target_hours";
  static constexpr std::string_view kLadoWorkingDays = "lado_working_days";

  static constexpr std::int64_t kDefaultHours = 24;
  static constexpr std::int64_t kMaxHours = 168;  // a week: beyond it nothing is "without delay"
  static constexpr std::int64_t kDefaultLadoWorkingDays = 1;
  static constexpr std::int64_t kMaxLadoWorkingDays = 10;

  // The defaults.
  Settings() = default;

  // Reads and validates `params`; throws sdk::ParameterError naming the key on a bad or unknown one.
  static Settings from(const sdk::Parameters& params);

  std::chrono::hours without_delay() const noexcept { return without_delay_; }
  std::chrono::hours decision_target() const noexcept { return decision_target_; }
  std::chrono::hours referral_target() const noexcept { return referral_target_; }
  int lado_working_days() const noexcept { return lado_working_days_; }

 private:
  std::chrono::hours without_delay_{kDefaultHours};
  std::chrono::hours decision_target_{kDefaultHours};
  std::chrono::hours referral_target_{kDefaultHours};
  int lado_working_days_ = static_cast<int>(kDefaultLadoWorkingDays);
};

}  // namespace carewatch::plugins::serious_events
