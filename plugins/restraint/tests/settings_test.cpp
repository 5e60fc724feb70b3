// Settings: the plugin's four parameters, their defaults and their validation, directly and through each
// checker's configure() as the host calls it.

#include "settings.hpp"

#include <memory>
#include <string>

#include <gtest/gtest.h>

#include "late_record_checker.hpp"
#include "measure_checker.hpp"
#include "restraint_checker.hpp"

namespace carewatch::plugins::restraint {
namespace {

sdk::Parameters one(std::string key, sdk::Value value) {
  sdk::Parameters p;
  p.set(std::move(key), std::move(value));
  return p;
}

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

// With no parameters every limit has RULES.md's value and the prohibited list is RULES.md's.
TEST(SettingsTest, DefaultsApplyWhenNothingIsConfigured) {
  const Settings s = Settings::from({});
  EXPECT_EQ(s.record_within(), std::chrono::hours{24});
  EXPECT_EQ(s.review_within(), std::chrono::hours{48});
  EXPECT_EQ(s.child_spoken_within_days(), 5);
  EXPECT_EQ(
      s.prohibited_measures(),
      (std::vector<std::string>{"fine", "restricted_contact", "withheld_food", "withheld_medication",
                                "sleep_deprivation", "distinctive_clothing", "corporal", "intimate_search",
                                "withheld_aids", "group_punishment", "imposed_by_child"}));
  EXPECT_TRUE(s.is_prohibited("fine"));
  EXPECT_FALSE(s.is_prohibited("reparation"));
  EXPECT_FALSE(s.is_prohibited("loss_of_privilege"));
}

// Configured values in range are taken as given; a repeated measure type is kept once.
TEST(SettingsTest, ValuesInRangeAreTaken) {
  sdk::Parameters p;
  p.set("record_within_hours", 168);
  p.set("review_within_hours", 1);
  p.set("child_spoken_within_days", 28);
  p.set("prohibited_measures", sdk::Array{sdk::Value("fine"), sdk::Value("other"), sdk::Value("fine")});
  const Settings s = Settings::from(p);
  EXPECT_EQ(s.record_within(), std::chrono::hours{168});
  EXPECT_EQ(s.review_within(), std::chrono::hours{1});
  EXPECT_EQ(s.child_spoken_within_days(), 28);
  EXPECT_EQ(s.prohibited_measures(), (std::vector<std::string>{"fine", "other"}));
}

// A limit that is not an integer is refused naming its key.
TEST(SettingsTest, NonIntegerLimitsNameTheirKey) {
  for (const char* key : {"record_within_hours", "review_within_hours", "child_spoken_within_days"}) {
    EXPECT_EQ(rejected_key(one(key, "24")), key);
    EXPECT_EQ(rejected_key(one(key, 1.5)), key);
    EXPECT_EQ(rejected_key(one(key, true)), key);
  }
}

// Zero, negative and overlong limits are refused naming their key; the bounds themselves pass.
TEST(SettingsTest, OutOfRangeLimitsNameTheirKey) {
  const std::pair<const char*, int> maxima[] = {
      {"record_within_hours", 168}, {"review_within_hours", 336}, {"child_spoken_within_days", 28}};
  for (const auto& [key, max] : maxima) {
    EXPECT_EQ(rejected_key(one(key, 0)), key);
    EXPECT_EQ(rejected_key(one(key, -1)), key);
    EXPECT_EQ(rejected_key(one(key, max + 1)), key);
    EXPECT_EQ(rejected_key(one(key, max)), "");
    EXPECT_EQ(rejected_key(one(key, 1)), "");
  }
}

// The prohibited list must be a non-empty list of the format's measure types; the error names the key
// and the element.
TEST(SettingsTest, BadProhibitedListsNameTheKey) {
  EXPECT_EQ(rejected_key(one("prohibited_measures", "fine")), "prohibited_measures");
  EXPECT_EQ(rejected_key(one("prohibited_measures", sdk::Array{})), "prohibited_measures");
  EXPECT_EQ(rejected_key(one("prohibited_measures", sdk::Array{sdk::Value(3)})), "prohibited_measures");
  const auto [key, message] =
      rejection(one("prohibited_measures", sdk::Array{sdk::Value("fine"), sdk::Value("fines")}));
  EXPECT_EQ(key, "prohibited_measures");
  EXPECT_NE(message.find("prohibited_measures: element 2: not a measure type"), std::string::npos) << message;
}

// A misspelt key is refused rather than leaving a limit silently at its default.
TEST(SettingsTest, UnknownKeyIsRefusedByName) {
  const auto [key, message] = rejection(one("review_within_hour", 24));
  EXPECT_EQ(key, "review_within_hour");
  EXPECT_NE(message.find("review_within_hour: unknown parameter"), std::string::npos) << message;
}

// Every checker validates in configure(), so the host learns of a bad value before any check runs.
TEST(SettingsTest, EveryCheckerRefusesBadParametersInConfigure) {
  const sdk::Parameters bad = one("record_within_hours", 0);
  std::unique_ptr<sdk::Checker> checkers[] = {std::make_unique<LateRecordChecker>(),
                                              std::make_unique<RestraintChecker>(),
                                              std::make_unique<MeasureChecker>()};
  for (auto& c : checkers) {
    try {
      c->configure(bad);
      ADD_FAILURE() << c->name() << " accepted record_within_hours = 0";
    } catch (const sdk::ParameterError& e) {
      EXPECT_EQ(e.key(), "record_within_hours") << c->name();
    }
  }
}

}  // namespace
}  // namespace carewatch::plugins::restraint
