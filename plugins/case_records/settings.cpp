#include "settings.hpp"

#include <string>

namespace carewatch::plugins::case_records {

Settings Settings::from(const sdk::Parameters& params) {
  for (const auto& [key, value] : params.values())
    if (key != kProfileDays) throw sdk::ParameterError(key, "unknown parameter; expected profile_days");
  Settings s;
  s.profile_days_ = static_cast<int>(params.get_int(kProfileDays, kDefaultProfileDays, 1, kMaxProfileDays));
  return s;
}

}  // namespace carewatch::plugins::case_records
