#pragma once
// The plugin's parameters ([plugins.restraint] in the configuration), validated once.
//
// The hour and day limits are reg 35(3)'s own; they are parameters so that a deployment can follow a
// stricter provider policy. The prohibited measure types are a parameter because RULES.md marks the
// reg 19 list "believed". Unknown keys are refused: a misspelt key would otherwise leave a limit
// silently at its default.

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <carewatch/sdk/checker.hpp>

namespace carewatch::plugins::restraint {

class Settings {
 public:
  static constexpr std::string_view kRecordWithinHours = "record_within_hours";
  static constexpr std::string_view kReviewWithinHours = "review_within_hours";
  static constexpr std::string_view kChildSpokenWithinDays = "child_spoken_within_days";
  static constexpr std::string_view kProhibitedMeasures = "prohibited_measures";

  static constexpr std::int64_t kDefaultRecordHours = 24;
  static constexpr std::int64_t kDefaultReviewHours = 48;
  static constexpr std::int64_t kDefaultChildDays = 5;
  static constexpr std::int64_t kMaxRecordHours = 168;  // a week: beyond it the record is not contemporaneous
  static constexpr std::int64_t kMaxReviewHours = 336;
  static constexpr std::int64_t kMaxChildDays = 28;

  // The defaults.
  Settings();

  // Reads and validates `params`; throws sdk::ParameterError naming the key on a bad or unknown one.
  static Settings from(const sdk::Parameters& params);

  // RULES.md's reg 19 list (fine, withheld_food, restricted_contact, ...), in the schema's order.
  static std::vector<std::string> default_prohibited_measures();

  std::chrono::hours record_within() const noexcept { return record_within_; }
  std::chrono::hours review_within() const noexcept { return review_within_; }
  int child_spoken_within_days() const noexcept { return child_spoken_within_days_; }
  const std::vector<std::string>& prohibited_measures() const noexcept { return prohibited_measures_; }
  bool is_prohibited(std::string_view measure_type) const noexcept;

 private:
  std::chrono::hours record_within_{kDefaultRecordHours};
  std::chrono::hours review_within_{kDefaultReviewHours};
  int child_spoken_within_days_ = static_cast<int>(kDefaultChildDays);
  std::vector<std::string> prohibited_measures_;
};

}  // namespace carewatch::plugins::restraint
