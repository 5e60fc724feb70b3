// Settings: the plugin's one parameter, its default and its validation, directly and through each
// checker's configure() as the host calls it.

#include "settings.hpp"

#include <memory>
#include <string>

#include <gtest/gtest.h>

#include "daily_log_checker.hpp"
#include "profile_checker.hpp"

namespace carewatch::plugins::case_records {
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

// With no parameters the profile is due 7 days after admission; a value in range is taken.
TEST(SettingsTest, DefaultAppliesAndValuesInRangeAreTaken) {
  EXPECT_EQ(Settings::from({}).profile_days(), 7);
  EXPECT_EQ(Settings::from(one("profile_days", 14)).profile_days(), 14);
}

// A value that is not an integer, or lies out of range, is refused naming its key; the bounds pass.
TEST(SettingsTest, BadValuesNameTheirKey) {
  EXPECT_EQ(rejected_key(one("profile_days", "7")), "profile_days");
  EXPECT_EQ(rejected_key(one("profile_days", 7.5)), "profile_days");
  EXPECT_EQ(rejected_key(one("profile_days", false)), "profile_days");
  EXPECT_EQ(rejected_key(one("profile_days", 0)), "profile_days");
  EXPECT_EQ(rejected_key(one("profile_days", 91)), "profile_days");
  EXPECT_EQ(rejected_key(one("profile_days", 1)), "");
  EXPECT_EQ(rejected_key(one("profile_days", 90)), "");
}

// A misspelt key is refused rather than leaving the deadline silently at its default.
TEST(SettingsTest, UnknownKeyIsRefusedByName) {
  try {
    (void)Settings::from(one("profile_day", 5));
    ADD_FAILURE() << "accepted an unknown key";
  } catch (const sdk::ParameterError& e) {
    EXPECT_EQ(e.key(), "profile_day");
    EXPECT_NE(std::string(e.what()).find("profile_day: unknown parameter; expected profile_days"),
              std::string::npos)
        << e.what();
  }
}

// Both checkers validate in configure(), so the host learns of a bad value before any check runs.
TEST(SettingsTest, EveryCheckerRefusesBadParametersInConfigure) {
  std::unique_ptr<sdk::Checker> checkers[] = {std::make_unique<DailyLogChecker>(),
                                              std::make_unique<ProfileChecker>()};
  for (auto& c : checkers) {
    for (const auto& [key, bad] :
         {std::pair{"profile_days", sdk::Value(0)}, std::pair{"signing_hours", sdk::Value(4)}}) {
      try {
        c->configure(one(key, bad));
        ADD_FAILURE() << c->name() << " accepted " << key;
      } catch (const sdk::ParameterError& e) {
        EXPECT_EQ(e.key(), key) << c->name();
      }
    }
  }
}

}  // namespace
}  // namespace carewatch::plugins::case_records
