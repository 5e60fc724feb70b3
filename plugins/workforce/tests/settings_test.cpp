// Settings: the workforce parameters, their defaults and their validation, directly and through every
// checker's configure() as the host calls it.

#include "settings.hpp"

#include <memory>
#include <string>

#include <gtest/gtest.h>

#include "manager_absence_checker.hpp"
#include "recruitment_checker.hpp"
#include "restraint_training_checker.hpp"
#include "supervision_checker.hpp"

namespace carewatch::plugins::workforce {
namespace {

constexpr const char* kKeys[] = {"required_references",       "l3_months",
                                 "supervision_interval_days", "appraisal_interval_months",
                                 "absence_threshold_days",    "absence_notice_months",
                                 "emergency_notice_days",     "return_notice_days"};

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

// With no parameters every threshold has its RULES.md default.
TEST(SettingsTest, DefaultsApplyWhenNothingIsConfigured) {
  const Settings s = Settings::from({});
  EXPECT_EQ(s.required_references(), 2);
  EXPECT_EQ(s.l3_months(), 24);
  EXPECT_EQ(s.supervision_interval_days(), 42);
  EXPECT_EQ(s.appraisal_interval_months(), 12);
  EXPECT_EQ(s.absence_threshold_days(), 28);
  EXPECT_EQ(s.absence_notice_months(), 1);
  EXPECT_EQ(s.emergency_notice_days(), 7);
  EXPECT_EQ(s.return_notice_days(), 7);
}

// Configured values in range are taken as given.
TEST(SettingsTest, ValuesInRangeAreTaken) {
  sdk::Parameters p;
  p.set("supervision_interval_days", 28);
  p.set("appraisal_interval_months", 6);
  p.set("required_references", 3);
  const Settings s = Settings::from(p);
  EXPECT_EQ(s.supervision_interval_days(), 28);
  EXPECT_EQ(s.appraisal_interval_months(), 6);
  EXPECT_EQ(s.required_references(), 3);
}

// A value that is not an integer, or is out of range, is refused naming its key.
TEST(SettingsTest, BadValuesNameTheirKey) {
  for (const char* key : kKeys) {
    EXPECT_EQ(rejected_key(one(key, "6")), key);
    EXPECT_EQ(rejected_key(one(key, 1.5)), key);
    EXPECT_EQ(rejected_key(one(key, -1)), key);
    EXPECT_EQ(rejected_key(one(key, 1000)), key);
  }
  EXPECT_EQ(rejected_key(one("supervision_interval_days", 0)), "supervision_interval_days");
  EXPECT_EQ(rejected_key(one("absence_notice_months", 0)), "");
}

// A misspelt key is refused rather than leaving a threshold silently at its default.
TEST(SettingsTest, UnknownKeyIsRefusedByName) {
  try {
    (void)Settings::from(one("supervision_days", 28));
    ADD_FAILURE() << "supervision_days accepted";
  } catch (const sdk::ParameterError& e) {
    EXPECT_EQ(e.key(), "supervision_days");
    EXPECT_NE(std::string(e.what()).find("supervision_days: unknown parameter"), std::string::npos)
        << e.what();
  }
}

// Every checker validates the whole table in configure(), so the host learns of a bad value before any
// check runs, whichever checker it configures first.
TEST(SettingsTest, EveryCheckerRefusesBadParametersInConfigure) {
  const sdk::Parameters bad = one("return_notice_days", 0);
  std::unique_ptr<sdk::Checker> checkers[] = {
      std::make_unique<RecruitmentChecker>(), std::make_unique<SupervisionChecker>(),
      std::make_unique<RestraintTrainingChecker>(), std::make_unique<ManagerAbsenceChecker>()};
  for (auto& c : checkers) {
    try {
      c->configure(bad);
      ADD_FAILURE() << c->name() << " accepted return_notice_days = 0";
    } catch (const sdk::ParameterError& e) {
      EXPECT_EQ(e.key(), "return_notice_days") << c->name();
    }
  }
}

}  // namespace
}  // namespace carewatch::plugins::workforce
