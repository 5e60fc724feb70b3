#pragma once
// The plugin's parameters ([plugins.independent_monitoring] in the configuration), validated once.
//
// Statutory figures (six months, 28 days) may be set tighter but never looser than the regulation: a
// longer value would switch part of the duty off. The reg 44 dispatch day is a believed deadline
// (RULES.md), so it is a parameter. Unknown keys are refused: a misspelt key would otherwise leave a
// deadline silently at its default.

#include <cstdint>
#include <string_view>

#include <carewatch/sdk/checker.hpp>

namespace carewatch::plugins::independent_monitoring {

class Settings {
 public:
  static constexpr std::string_view kLookbackMonths = "lookback_months";
  static constexpr std::string_view kDispatchDay = "dispatch_day";
  static constexpr std::string_view kReviewIntervalMonths = "review_interval_months";
  static constexpr std::string_view kReviewReportDays = "review_report_days";

  static constexpr std::int64_t kDefaultLookbackMonths = 24;
  static constexpr std::int64_t kMaxLookbackMonths = 120;
  static constexpr std::int64_t kDefaultDispatchDay = 28;
  static constexpr std::int64_t kMaxDispatchDay = 28;  // every month has a 28th day
  static constexpr std::int64_t kDefaultReviewIntervalMonths = 6;
  static constexpr std::int64_t kDefaultReviewReportDays = 28;

  // The defaults.
  Settings() = default;

  // Reads and validates `params`; throws sdk::ParameterError naming the key on a bad or unknown one.
  static Settings from(const sdk::Parameters& params);

  // How many of the most recent calendar months CHR-44-VISIT reports on.
  int lookback_months() const noexcept { return lookback_months_; }
  // CHR-44-DISPATCH: the report is due by the end of this day of the month after the visit.
  int dispatch_day() const noexcept { return dispatch_day_; }
  // CHR-45-REVIEW-6M: calendar months allowed between completed reviews.
  int review_interval_months() const noexcept { return review_interval_months_; }
  // CHR-45-REPORT-28D: calendar days from completion to the report reaching Ofsted.
  int review_report_days() const noexcept { return review_report_days_; }

 private:
  int lookback_months_ = static_cast<int>(kDefaultLookbackMonths);
  int dispatch_day_ = static_cast<int>(kDefaultDispatchDay);
  int review_interval_months_ = static_cast<int>(kDefaultReviewIntervalMonths);
  int review_report_days_ = static_cast<int>(kDefaultReviewReportDays);
};

}  // namespace carewatch::plugins::independent_monitoring
