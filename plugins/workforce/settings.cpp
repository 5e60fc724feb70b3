#include "settings.hpp"

#include <array>
#include <string>

namespace carewatch::plugins::workforce {

namespace {

int read(const sdk::Parameters& params, std::string_view key, std::int64_t fallback, std::int64_t min,
         std::int64_t max) {
  return static_cast<int>(params.get_int(key, fallback, min, max));
}

}  // namespace

Settings Settings::from(const sdk::Parameters& params) {
  static constexpr std::array kKnown = {
      kRequiredReferences,   kLevel3Months,        kSupervisionIntervalDays, kAppraisalIntervalMonths,
      kAbsenceThresholdDays, kAbsenceNoticeMonths, kEmergencyNoticeDays,     kReturnNoticeDays};
  for (const auto& [key, value] : params.values()) {
    bool known = false;
    for (const std::string_view k : kKnown) known = known || key == k;
    if (!known) {
      std::string expected;
      for (const std::string_view k : kKnown) expected += (expected.empty() ? "" : ", ") + std::string(k);
      throw sdk::ParameterError(key, "unknown parameter; expected one of " + expected);
    }
  }
  Settings s;
  s.required_references_ = read(params, kRequiredReferences, kDefaultRequiredReferences, 1, 10);
  s.l3_months_ = read(params, kLevel3Months, kDefaultLevel3Months, 1, 120);
  s.supervision_interval_days_ =
      read(params, kSupervisionIntervalDays, kDefaultSupervisionIntervalDays, 1, 366);
  s.appraisal_interval_months_ =
      read(params, kAppraisalIntervalMonths, kDefaultAppraisalIntervalMonths, 1, 36);
  s.absence_threshold_days_ = read(params, kAbsenceThresholdDays, kDefaultAbsenceThresholdDays, 1, 366);
  s.absence_notice_months_ = read(params, kAbsenceNoticeMonths, kDefaultAbsenceNoticeMonths, 0, 12);
  s.emergency_notice_days_ = read(params, kEmergencyNoticeDays, kDefaultEmergencyNoticeDays, 1, 90);
  s.return_notice_days_ = read(params, kReturnNoticeDays, kDefaultReturnNoticeDays, 1, 90);
  return s;
}

}  // namespace carewatch::plugins::workforce
