#pragma once
// The plugin's parameters ([plugins.missing] in the configuration), validated once.
//
// The 72 hours for a return home interview come from the statutory guidance: a deployment may hold
// itself to fewer, never more (a longer value would switch part of the duty off). Reporting a missing
// child has no number in law; its target is practice, and every finding that uses it says so. Unknown
// keys are refused: a misspelt key would otherwise leave a deadline silently at its default.

#include <chrono>
#include <cstdint>
#include <string_view>

#include <carewatch/sdk/checker.hpp>

namespace carewatch::plugins::missing {

class Settings {
 public:
  static constexpr std::string_view kReturnInterviewHours = "return_interview_hours";
  static constexpr std::string_view kReportTargetHours = "report_target_hours";

  static constexpr std::int64_t kDefaultReturnInterviewHours = 72;
  static constexpr std::int64_t kDefaultReportTargetHours = 24;
  static constexpr std::int64_t kMaxReportTargetHours = 168;  // a week: beyond it nothing is prompt

  // The defaults.
  Settings() = default;

  // Reads and validates `params`; throws sdk::ParameterError naming the key on a bad or unknown one.
  static Settings from(const sdk::Parameters& params);

  // MISS-RHI-72H: from `returned_at` to the independent return home interview.
  std::chrono::hours return_interview_within() const noexcept { return return_interview_within_; }
  // MISS-REPORT: from `missing_from` to the police report and the placing authority's notification.
  std::chrono::hours report_target() const noexcept { return report_target_; }

 private:
  std::chrono::hours return_interview_within_{kDefaultReturnInterviewHours};
  std::chrono::hours report_target_{kDefaultReportTargetHours};
};

}  // namespace carewatch::plugins::missing
