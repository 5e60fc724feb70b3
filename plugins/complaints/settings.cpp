#include "settings.hpp"

#include <algorithm>
#include <array>
#include <string>

namespace carewatch::plugins::complaints {

Settings Settings::from(const sdk::Parameters& params) {
  static constexpr std::array kKnown = {kRecordTargetDays, kReprisalWindowDays};
  for (const auto& [key, value] : params.values()) {
    if (std::find(kKnown.begin(), kKnown.end(), key) == kKnown.end())
      throw sdk::ParameterError(
          key, "unknown parameter; expected one of record_target_days, reprisal_window_days");
  }
  Settings s;
  s.record_target_days_ =
      static_cast<int>(params.get_int(kRecordTargetDays, kDefaultRecordTargetDays, 1, kMaxRecordTargetDays));
  s.reprisal_window_days_ = static_cast<int>(
      params.get_int(kReprisalWindowDays, kDefaultReprisalWindowDays, 1, kMaxReprisalWindowDays));
  return s;
}

}  // namespace carewatch::plugins::complaints
