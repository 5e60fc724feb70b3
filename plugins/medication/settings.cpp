#include "settings.hpp"

#include <string>

namespace carewatch::plugins::medication {

Settings Settings::from(const sdk::Parameters& params) {
  for (const auto& [key, value] : params.values())
    if (key != kOmittedThreshold && key != kOmittedWindowDays)
      throw sdk::ParameterError(key,
                                "unknown parameter; expected one of omitted_threshold, omitted_window_days");
  Settings s;
  // A threshold of one would repeat every omitted dose as a pattern; the reason rule already sees each.
  s.omitted_threshold_ = static_cast<int>(params.get_int(kOmittedThreshold, kDefaultOmittedThreshold, 2, 50));
  s.omitted_window_days_ =
      static_cast<int>(params.get_int(kOmittedWindowDays, kDefaultOmittedWindowDays, 1, 90));
  return s;
}

}  // namespace carewatch::plugins::medication
