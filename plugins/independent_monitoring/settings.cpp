#include "settings.hpp"

#include <array>
#include <string>

namespace carewatch::plugins::independent_monitoring {

Settings Settings::from(const sdk::Parameters& params) {
  static constexpr std::array kKnown = {kLookbackMonths, kDispatchDay, kReviewIntervalMonths,
                                        kReviewReportDays};
  for (const auto& [key, value] : params.values()) {
    bool known = false;
    for (const std::string_view k : kKnown) known = known || key == k;
    if (!known)
      throw sdk::ParameterError(key,
                                "unknown parameter; expected one of lookback_months, dispatch_day, "
                                "review_interval_months, review_report_days");
  }
  Settings s;
  s.lookback_months_ =
      static_cast<int>(params.get_int(kLookbackMonths, kDefaultLookbackMonths, 1, kMaxLookbackMonths));
  s.dispatch_day_ = static_cast<int>(params.get_int(kDispatchDay, kDefaultDispatchDay, 1, kMaxDispatchDay));
  s.review_interval_months_ = static_cast<int>(
      params.get_int(kReviewIntervalMonths, kDefaultReviewIntervalMonths, 1, kDefaultReviewIntervalMonths));
  s.review_report_days_ = static_cast<int>(
      params.get_int(kReviewReportDays, kDefaultReviewReportDays, 1, kDefaultReviewReportDays));
  return s;
}

}  // namespace carewatch::plugins::independent_monitoring
