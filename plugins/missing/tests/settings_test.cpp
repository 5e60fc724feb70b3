// Settings: the plugin's two parameters, their defaults and their validation, directly and through each
// checker's configure() as the host calls it.

#include "settings.hpp"

#include <memory>
#include <string>
#include <utility>

#include <gtest/gtest.h>

#include "missing_report_checker.hpp"
#include "return_interview_checker.hpp"
#include "test_support.hpp"

namespace carewatch::plugins::missing {
namespace {

using testing::one;

// The key and message of the ParameterError reading `params` raises, or empty strings when accepted.
std::pair<std::string, std::string> rejection(const sdk::Parameters& params) {
  try {
    (void)Settings::from(params);
  } catch (const sdk::ParameterError& e) {
    return {e.key(), e.what()};
  }
  return {};
}
std::string rejected_key(const sdk::Parameters& params) {
  return rejection(params).first;
}

// With no parameters the interview is due in 72 h and the reports in 24 h.
TEST(SettingsTest, DefaultsApplyWhenNothingIsConfigured) {
  const Settings s = Settings::from({});
  EXPECT_EQ(s.return_interview_within(), std::chrono::hours{72});
  EXPECT_EQ(s.report_target(), std::chrono::hours{24});
}

// Configured values in range are taken as given.
TEST(SettingsTest, ValuesInRangeAreTaken) {
  sdk::Parameters p;
  p.set("return_interview_hours", 48);
  p.set("report_target_hours", 2);
  const Settings s = Settings::from(p);
  EXPECT_EQ(s.return_interview_within(), std::chrono::hours{48});
  EXPECT_EQ(s.report_target(), std::chrono::hours{2});
}

// A value that is not an integer is refused naming its key.
TEST(SettingsTest, NonIntegerValuesNameTheirKey) {
  for (const char* key : {"return_interview_hours", "report_target_hours"}) {
    EXPECT_EQ(rejected_key(one(key, "24")), key);
    EXPECT_EQ(rejected_key(one(key, 1.5)), key);
    EXPECT_EQ(rejected_key(one(key, false)), key);
  }
}

// Zero, negative and too-long values are refused naming their key: the interview may not be allowed more
// than the guidance's 72 h, the reports no more than a week; the bounds pass.
TEST(SettingsTest, OutOfRangeValuesNameTheirKey) {
  const std::pair<const char*, int> bounds[] = {{"return_interview_hours", 72}, {"report_target_hours", 168}};
  for (const auto& [key, max] : bounds) {
    EXPECT_EQ(rejected_key(one(key, 0)), key);
    EXPECT_EQ(rejected_key(one(key, -24)), key);
    EXPECT_EQ(rejected_key(one(key, max + 1)), key);
    EXPECT_EQ(rejected_key(one(key, max)), "");
    EXPECT_EQ(rejected_key(one(key, 1)), "");
  }
}

// A misspelt key is refused by name rather than leaving a deadline silently at its default.
TEST(SettingsTest, UnknownKeyIsRefusedByName) {
  const auto [key, message] = rejection(one("rhi_hours", 48));
  EXPECT_EQ(key, "rhi_hours");
  EXPECT_NE(message.find("rhi_hours: unknown parameter"), std::string::npos) << message;
}

// Both checkers validate in configure(), so the host learns of a bad value before any check runs.
TEST(SettingsTest, EveryCheckerRefusesBadParametersInConfigure) {
  const sdk::Parameters bad = one("report_target_hours", 0);
  std::unique_ptr<sdk::Checker> checkers[] = {std::make_unique<ReturnInterviewChecker>(),
                                              std::make_unique<MissingReportChecker>()};
  for (auto& c : checkers) {
    try {
      c->configure(bad);
      ADD_FAILURE() << c->name() << " accepted report_target_hours = 0";
    } catch (const sdk::ParameterError& e) {
      EXPECT_EQ(e.key(), "report_target_hours") << c->name();
    }
  }
}

}  // namespace
}  // namespace carewatch::plugins::missing
