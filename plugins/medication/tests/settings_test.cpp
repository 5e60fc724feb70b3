// Settings: the medication parameters, their defaults and their validation, directly and through each
// checker's configure() as the host calls it.

#include "settings.hpp"

#include <memory>
#include <string>

#include <gtest/gtest.h>

#include "dose_record_checker.hpp"
#include "omitted_dose_checker.hpp"

namespace carewatch::plugins::medication {
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

// With no parameters the thresholds are RULES.md's: two omitted doses within 7 days.
TEST(SettingsTest, DefaultsApplyWhenNothingIsConfigured) {
  const Settings s = Settings::from({});
  EXPECT_EQ(s.omitted_threshold(), 2);
  EXPECT_EQ(s.omitted_window_days(), 7);
}

// Values in range are taken; wrong types and values out of range are refused naming their key.
TEST(SettingsTest, BadValuesNameTheirKey) {
  sdk::Parameters p;
  p.set("omitted_threshold", 50);
  p.set("omitted_window_days", 1);
  const Settings s = Settings::from(p);
  EXPECT_EQ(s.omitted_threshold(), 50);
  EXPECT_EQ(s.omitted_window_days(), 1);
  for (const char* key : {"omitted_threshold", "omitted_window_days"}) {
    EXPECT_EQ(rejected_key(one(key, "7")), key);
    EXPECT_EQ(rejected_key(one(key, 2.5)), key);
    EXPECT_EQ(rejected_key(one(key, 0)), key);
    EXPECT_EQ(rejected_key(one(key, 91)), key);
  }
  EXPECT_EQ(rejected_key(one("omitted_threshold", 1)), "omitted_threshold");
}

// A misspelt key is refused rather than leaving a threshold silently at its default, by both checkers.
TEST(SettingsTest, UnknownKeyIsRefusedByEveryChecker) {
  EXPECT_EQ(rejected_key(one("omitted_window", 14)), "omitted_window");
  std::unique_ptr<sdk::Checker> checkers[] = {std::make_unique<OmittedDoseChecker>(),
                                              std::make_unique<DoseRecordChecker>()};
  for (auto& c : checkers) {
    try {
      c->configure(one("omitted_window", 14));
      ADD_FAILURE() << c->name() << " accepted omitted_window";
    } catch (const sdk::ParameterError& e) {
      EXPECT_EQ(e.key(), "omitted_window") << c->name();
      EXPECT_NE(std::string(e.what()).find("unknown parameter"), std::string::npos) << e.what();
    }
  }
}

}  // namespace
}  // namespace carewatch::plugins::medication
