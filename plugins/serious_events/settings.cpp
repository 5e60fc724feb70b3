#include "settings.hpp"

#include <array>
#include <string>

namespace carewatch::plugins::serious_events {

Settings Settings::from(const sdk::Parameters& params) {
  static constexpr std::array kKnown = {kWithoutDelayHours, kDecisionTargetHours, kReferralTargetHours,
                                        kLadoWorkingDays};
  for (const auto& [key, value] : params.values()) {
    bool known = false;
    for (const std::string_view k : kKnown) known = known || key == k;
    if (!known)
      throw sdk::ParameterError(key,
                                "unknown parameter; expected one of without_delay_hours, "
                                "decision_target_hours, referral_target_hours, lado_working_days");
  }
  Settings s;
  s.without_delay_ = std::chrono::hours{params.get_int(kWithoutDelayHours, kDefaultHours, 1, kMaxHours)};
  s.decision_target_ = std::chrono::hours{params.get_int(kDecisionTargetHours, kDefaultHours, 1, kMaxHours)};
  s.referral_target_ = std::chrono::hours{params.get_int(kReferralTargetHours, kDefaultHours, 1, kMaxHours)};
  s.lado_working_days_ =
      static_cast<int>(params.get_int(kLadoWorkingDays, kDefaultLadoWorkingDays, 1, kMaxLadoWorkingDays));
  return s;
}

}  // namespace carewatch::plugins::serious_events
