#pragma once
// The plugin's parameters ([plugins.complaints] in the configuration), validated once.
//
// Reg 39 sets no time limit for recording a complaint's outcome, so the 28 days are a practice target
// and every finding that uses them says so; the reprisal window is a heuristic's width. Unknown keys
// are refused: a misspelt key would otherwise leave a value silently at its default.

#include <cstdint>
#include <string_view>

#include <carewatch/sdk/checker.hpp>

namespace carewatch::plugins::complaints {

class Settings {
 public:
  static constexpr std::string_view kRecordTargetDays = "record_target_days";
  static constexpr std::string_view kReprisalWindowDays = "reprisal_window_days";

  static constexpr std::int64_t kDefaultRecordTargetDays = 28;
  static constexpr std::int64_t kDefaultReprisalWindowDays = 14;
  static constexpr std::int64_t kMaxRecordTargetDays = 365;
  static constexpr std::int64_t kMaxReprisalWindowDays = 90;

  // The defaults.
  Settings() = default;

  // Reads and validates `params`; throws sdk::ParameterError naming the key on a bad or unknown one.
  static Settings from(const sdk::Parameters& params);

  int record_target_days() const noexcept { return record_target_days_; }
  int reprisal_window_days() const noexcept { return reprisal_window_days_; }

 private:
  int record_target_days_ = static_cast<int>(kDefaultRecordTargetDays);
  int reprisal_window_days_ = static_cast<int>(kDefaultReprisalWindowDays);
};

}  // namespace carewatch::plugins::complaints
