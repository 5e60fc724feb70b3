// Settings: the plugin's four parameters, their defaults and their validation, directly and through each
// checker's configure() as the host calls it.

#include "settings.hpp"

#include <memory>
#include <string>
#include <utility>

#include <gtest/gtest.h>

#include "monthly_visit_checker.hpp"
#include "quality_review_checker.hpp"
#include "test_support.hpp"
#include "visit_report_checker.hpp"

namespace carewatch::plugins::independent_monitoring {
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

// With no parameters every value is RULES.md's (and the look-back its documented 24 months).
TEST(SettingsTest, DefaultsApplyWhenNothingIsConfigured) {
  const Settings s = Settings::from({});
  EXPECT_EQ(s.lookback_months(), 24);
  EXPECT_EQ(s.dispatch_day(), 28);
  EXPECT_EQ(s.review_interval_months(), 6);
  EXPECT_EQ(s.review_report_days(), 28);
}

// Configured values in range are taken as given.
TEST(SettingsTest, ValuesInRangeAreTaken) {
  sdk::Parameters p;
  p.set("lookback_months", 120);
  p.set("dispatch_day", 1);
  p.set("review_interval_months", 3);
  p.set("review_report_days", 14);
  const Settings s = Settings::from(p);
  EXPECT_EQ(s.lookback_months(), 120);
  EXPECT_EQ(s.dispatch_day(), 1);
  EXPECT_EQ(s.review_interval_months(), 3);
  EXPECT_EQ(s.review_report_days(), 14);
}

// A value that is not an integer is refused naming its key.
TEST(SettingsTest, NonIntegerValuesNameTheirKey) {
  for (const char* key :
       {"lookback_months", "dispatch_day", "review_interval_months", "review_report_days"}) {
    EXPECT_EQ(rejected_key(one(key, "6")), key);
    EXPECT_EQ(rejected_key(one(key, 1.5)), key);
    EXPECT_EQ(rejected_key(one(key, true)), key);
  }
}

// Zero, negative, and values past the bounds are refused naming their key: a look-back beyond ten years,
// a day some month lacks, and statutory intervals made longer than the regulation; the bounds pass.
TEST(SettingsTest, OutOfRangeValuesNameTheirKey) {
  const std::pair<const char*, int> bounds[] = {{"lookback_months", 120},
                                                {"dispatch_day", 28},
                                                {"review_interval_months", 6},
                                                {"review_report_days", 28}};
  for (const auto& [key, max] : bounds) {
    EXPECT_EQ(rejected_key(one(key, 0)), key);
    EXPECT_EQ(rejected_key(one(key, -1)), key);
    EXPECT_EQ(rejected_key(one(key, max + 1)), key);
    EXPECT_EQ(rejected_key(one(key, max)), "");
    EXPECT_EQ(rejected_key(one(key, 1)), "");
  }
}

// A misspelt key is refused by name rather than leaving a deadline silently at its default.
TEST(SettingsTest, UnknownKeyIsRefusedByName) {
  const auto [key, message] = rejection(one("lookback_month", 12));
  EXPECT_EQ(key, "lookback_month");
  EXPECT_NE(message.find("lookback_month: unknown parameter"), std::string::npos) << message;
}

// Every checker validates in configure(), so the host learns of a bad value before any check runs.
TEST(SettingsTest, EveryCheckerRefusesBadParametersInConfigure) {
  const sdk::Parameters bad = one("dispatch_day", 31);
  std::unique_ptr<sdk::Checker> checkers[] = {std::make_unique<MonthlyVisitChecker>(),
                                              std::make_unique<VisitReportChecker>(),
                                              std::make_unique<QualityReviewChecker>()};
  for (auto& c : checkers) {
    try {
      c->configure(bad);
      ADD_FAILURE() << c->name() << " accepted dispatch_day = 31";
    } catch (const sdk::ParameterError& e) {
      EXPECT_EQ(e.key(), "dispatch_day") << c->name();
    }
  }
}

}  // namespace
}  // namespace carewatch::plugins::independent_monitoring
