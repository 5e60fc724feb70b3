// Settings: the plugin's four parameters, their defaults and their validation, directly and through a
// checker's configure() as the host calls it.

#include "settings.hpp"

#include <memory>
#include <string>

#include <gtest/gtest.h>

#include "allegation_checker.hpp"
#include "cp_enquiry_checker.hpp"
#include "incident_checker.hpp"

namespace carewatch::plugins::serious_events {
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

// With no parameters every target has its documented default.
TEST(SettingsTest, DefaultsApplyWhenNothingIsConfigured) {
  const Settings s = Settings::from({});
  EXPECT_EQ(s.without_delay(), std::chrono::hours{24});
  EXPECT_EQ(s.decision_target(), std::chrono::hours{24});
  EXPECT_EQ(s.referral_target(), std::chrono::hours{24});
  EXPECT_EQ(s.lado_working_days(), 1);
}

// Configured values in range are taken as given.
TEST(SettingsTest, ValuesInRangeAreTaken) {
  sdk::Parameters p;
  p.set("without_delay_hours", 6);
  p.set("decision_target_hours", 168);
  p.set("referral_target_hours", 1);
  p.set("lado_working_days", 10);
  const Settings s = Settings::from(p);
  EXPECT_EQ(s.without_delay(), std::chrono::hours{6});
  EXPECT_EQ(s.decision_target(), std::chrono::hours{168});
  EXPECT_EQ(s.referral_target(), std::chrono::hours{1});
  EXPECT_EQ(s.lado_working_days(), 10);
}

// A value that is not an integer is refused naming its key.
TEST(SettingsTest, NonIntegerValuesNameTheirKey) {
  for (const char* key :
       {"without_delay_hours", "decision_target_hours", "referral_target_hours", "lado_working_days"}) {
    EXPECT_EQ(rejected_key(one(key, "24")), key);
    EXPECT_EQ(rejected_key(one(key, 1.5)), key);
    EXPECT_EQ(rejected_key(one(key, true)), key);
  }
}

// Zero, negative and absurdly long targets are refused naming their key; the bounds themselves pass.
TEST(SettingsTest, OutOfRangeValuesNameTheirKey) {
  for (const char* key : {"without_delay_hours", "decision_target_hours", "referral_target_hours"}) {
    EXPECT_EQ(rejected_key(one(key, 0)), key);
    EXPECT_EQ(rejected_key(one(key, -24)), key);
    EXPECT_EQ(rejected_key(one(key, 169)), key);
    EXPECT_EQ(rejected_key(one(key, 168)), "");
  }
  EXPECT_EQ(rejected_key(one("lado_working_days", 0)), "lado_working_days");
  EXPECT_EQ(rejected_key(one("lado_working_days", 11)), "lado_working_days");
  EXPECT_EQ(rejected_key(one("lado_working_days", 10)), "");
}

// A misspelt key is refused rather than leaving a deadline silently at its default.
TEST(SettingsTest, UnknownKeyIsRefusedByName) {
  EXPECT_EQ(rejected_key(one("lado_working_day", 2)), "lado_working_day");
  try {
    (void)Settings::from(one("lado_working_day", 2));
  } catch (const sdk::ParameterError& e) {
    EXPECT_NE(std::string(e.what()).find("lado_working_day: unknown parameter"), std::string::npos)
        << e.what();
  }
}

// Every checker validates in configure(), so the host learns of a bad value before any check runs.
TEST(SettingsTest, EveryCheckerRefusesBadParametersInConfigure) {
  const sdk::Parameters bad = one("without_delay_hours", 0);
  std::unique_ptr<sdk::Checker> checkers[] = {std::make_unique<IncidentChecker>(),
                                              std::make_unique<AllegationChecker>(),
                                              std::make_unique<CpEnquiryChecker>()};
  for (auto& c : checkers) {
    try {
      c->configure(bad);
      ADD_FAILURE() << c->name() << " accepted without_delay_hours = 0";
    } catch (const sdk::ParameterError& e) {
      EXPECT_EQ(e.key(), "without_delay_hours") << c->name();
    }
  }
}

}  // namespace
}  // namespace carewatch::plugins::serious_events
