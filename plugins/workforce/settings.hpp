#pragma once
// The plugin's parameters ([plugins.workforce] in the configuration), validated once. Unknown keys are
// refused: a misspelt key would otherwise leave a threshold silently at its default. Every checker of the
// plugin reads the same table, so each accepts every key.

#include <cstdint>
#include <string_view>

#include <carewatch/sdk/checker.hpp>

namespace carewatch::plugins::workforce {

class Settings {
 public:
  static constexpr std::string_view kRequiredReferences = "required_references";
  static constexpr std::string_view kLevel3Months = "l3_months";
  static constexpr std::string_view kSupervisionIntervalDays = "supervision_interval_days";
  static constexpr std::string_view kAppraisalIntervalMonths = "appraisal_interval_months";
  static constexpr std::string_view kAbsenceThresholdDays = "absence_threshold_days";
  static constexpr std::string_view kAbsenceNoticeMonths = "absence_notice_months";
  static constexpr std::string_view kEmergencyNoticeDays = "emergency_notice_days";
  static constexpr std::string_view kReturnNoticeDays = "return_notice_days";

  // Schedule 2: two written references.
  static constexpr std::int64_t kDefaultRequiredReferences = 2;
  // Reg 32(4)-(6): the level 3 qualification within two years of starting.
  static constexpr std::int64_t kDefaultLevel3Months = 24;
  // RULES.md: the provider's supervision interval, six weeks unless configured.
  static constexpr std::int64_t kDefaultSupervisionIntervalDays = 42;
  // Reg 33(4)(c): appraised not less than once every year.
  static constexpr std::int64_t kDefaultAppraisalIntervalMonths = 12;
  // Reg 48: an absence of 28 days or more; notice one month before, within one week in an emergency;
  // the return within 7 days.
  static constexpr std::int64_t kDefaultAbsenceThresholdDays = 28;
  static constexpr std::int64_t kDefaultAbsenceNoticeMonths = 1;
  static constexpr std::int64_t kDefaultEmergencyNoticeDays = 7;
  static constexpr std::int64_t kDefaultReturnNoticeDays = 7;

  // The defaults.
  Settings() = default;

  // Reads and validates `params`; throws sdk::ParameterError naming the key on a bad or unknown one.
  static Settings from(const sdk::Parameters& params);

  int required_references() const noexcept { return required_references_; }
  int l3_months() const noexcept { return l3_months_; }
  int supervision_interval_days() const noexcept { return supervision_interval_days_; }
  int appraisal_interval_months() const noexcept { return appraisal_interval_months_; }
  int absence_threshold_days() const noexcept { return absence_threshold_days_; }
  int absence_notice_months() const noexcept { return absence_notice_months_; }
  int emergency_notice_days() const noexcept { return emergency_notice_days_; }
  int return_notice_days() const noexcept { return return_notice_days_; }

 private:
  int required_references_ = static_cast<int>(kDefaultRequiredReferences);
  int l3_months_ = static_cast<int>(kDefaultLevel3Months);
  int supervision_interval_days_ = static_cast<int>(kDefaultSupervisionIntervalDays);
  int appraisal_interval_months_ = static_cast<int>(kDefaultAppraisalIntervalMonths);
  int absence_threshold_days_ = static_cast<int>(kDefaultAbsenceThresholdDays);
  int absence_notice_months_ = static_cast<int>(kDefaultAbsenceNoticeMonths);
  int emergency_notice_days_ = static_cast<int>(kDefaultEmergencyNoticeDays);
  int return_notice_days_ = static_cast<int>(kDefaultReturnNoticeDays);
};

}  // namespace carewatch::plugins::workforce
