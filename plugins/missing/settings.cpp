#include "settings.hpp"

#include <array>
#include <string>

namespace carewatch::plugins::missing {

Settings Settings::from(const sdk::Parameters& params) {
  static constexpr std::array kKnown = {kReturnInterviewHours, kReportTargetHours};
  for (const auto& [key, value] : params.values()) {
    bool known = false;
    for (const std::string_view k : kKnown) known = known || key == k;
    if (!known)
      throw sdk::ParameterError(
          key, "unknown parameter; expected one of return_interview_hours, report_target_hours");
  }
  Settings s;
  s.return_interview_within_ = std::chrono::hours{
      params.get_int(kReturnInterviewHours, kDefaultReturnInterviewHours, 1, kDefaultReturnInterviewHours)};
  s.report_target_ = std::chrono::hours{
      params.get_int(kReportTargetHours, kDefaultReportTargetHours, 1, kMaxReportTargetHours)};
  return s;
}

}  // namespace carewatch::plugins::missing
