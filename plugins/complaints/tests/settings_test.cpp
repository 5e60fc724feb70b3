// Settings: the plugin's two parameters, their defaults and their validation, directly and through each
// checker's configure() as the host calls it.

#include "settings.hpp"

#include <memory>
#include <string>

#include <gtest/gtest.h>

#include "complaint_checker.hpp"
#include "reprisal_checker.hpp"

namespace carewatch::plugins::complaints {
namespace {

sdk::Parameters one(std::string key, sdk::Value value) {
  sdk::Parameters p;
  p.set(std::move(key), std::move(value));
  return p;
}

// The key a ParameterError names when reading `params`, or "" when they are accepted.
std::string rejected_key(const sdk::Parameters& params) {
  try {
    (void)Settings::from(params);
  } catch (const sdk::ParameterError& e) {
    return e.key();
  }
  return {};
}

// With no parameters the target and the window have RULES.md's values.
TEST(SettingsTest, DefaultsApplyWhenNothingIsConfigured) {
  const Settings s = Settings::from({});
  EXPECT_EQ(s.record_target_days(), 28);
  EXPECT_EQ(s.reprisal_window_days(), 14);
}

// Configured values in range are taken as given.
TEST(SettingsTest, ValuesInRangeAreTaken) {
  sdk::Parameters p;
  p.set("record_target_days", 365);
  p.set("reprisal_window_days", 1);
  const Settings s = Settings::from(p);
  EXPECT_EQ(s.record_target_days(), 365);
  EXPECT_EQ(s.reprisal_window_days(), 1);
}

// Values that are not integers, or out of range, are refused naming their key; the bounds pass.
TEST(SettingsTest, BadValuesNameTheirKey) {
  const std::pair<const char*, int> maxima[] = {{"record_target_days", 365}, {"reprisal_window_days", 90}};
  for (const auto& [key, max] : maxima) {
    EXPECT_EQ(rejected_key(one(key, "28")), key);
    EXPECT_EQ(rejected_key(one(key, 2.5)), key);
    EXPECT_EQ(rejected_key(one(key, false)), key);
    EXPECT_EQ(rejected_key(one(key, 0)), key);
    EXPECT_EQ(rejected_key(one(key, -3)), key);
    EXPECT_EQ(rejected_key(one(key, max + 1)), key);
    EXPECT_EQ(rejected_key(one(key, max)), "");
    EXPECT_EQ(rejected_key(one(key, 1)), "");
  }
}

// A misspelt key is refused rather than leaving a value silently at its default.
TEST(SettingsTest, UnknownKeyIsRefusedByName) {
  try {
    (void)Settings::from(one("reprisal_days", 7));
    ADD_FAILURE() << "reprisal_days accepted";
  } catch (const sdk::ParameterError& e) {
    EXPECT_EQ(e.key(), "reprisal_days");
    EXPECT_NE(std::string(e.what()).find("reprisal_days: unknown parameter"), std::string::npos) << e.what();
  }
}

// Every checker validates in configure(), so the host learns of a bad value before any check runs.
TEST(SettingsTest, EveryCheckerRefusesBadParametersInConfigure) {
  const sdk::Parameters bad = one("reprisal_window_days", 0);
  std::unique_ptr<sdk::Checker> checkers[] = {std::make_unique<ComplaintChecker>(),
                                              std::make_unique<ReprisalChecker>()};
  for (auto& c : checkers) {
    try {
      c->configure(bad);
      ADD_FAILURE() << c->name() << " accepted reprisal_window_days = 0";
    } catch (const sdk::ParameterError& e) {
      EXPECT_EQ(e.key(), "reprisal_window_days") << c->name();
    }
  }
}

}  // namespace
}  // namespace carewatch::plugins::complaints
