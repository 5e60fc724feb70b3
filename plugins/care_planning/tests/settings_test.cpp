// Settings: the plugin's nine parameters, their defaults and their validation, directly and through each
// checker's configure() as the host calls it.

#include "settings.hpp"

#include <memory>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "advocacy_checker.hpp"
#include "review_checker.hpp"
#include "visit_checker.hpp"
#include "visit_request_checker.hpp"

namespace carewatch::plugins::care_planning {
namespace {

struct Key {
  const char* name;
  std::int64_t max;
};

const std::vector<Key> kKeys = {
    {"first_visit_days", 28},     {"visit_interval_weeks", 26},   {"long_term_visit_interval_months", 24},
    {"first_year_months", 24},    {"request_working_days", 60},   {"first_review_working_days", 60},
    {"second_review_months", 24}, {"review_interval_months", 24}, {"advocacy_working_days", 60},
};

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

// With no parameters every interval has the default RULES.md gives it.
TEST(SettingsTest, DefaultsApplyWhenNothingIsConfigured) {
  const Settings s = Settings::from({});
  EXPECT_EQ(s.first_visit_days(), 7);
  EXPECT_EQ(s.visit_interval_weeks(), 6);
  EXPECT_EQ(s.long_term_visit_interval_months(), 3);
  EXPECT_EQ(s.first_year_months(), 12);
  EXPECT_EQ(s.request_working_days(), 10);
  EXPECT_EQ(s.first_review_working_days(), 20);
  EXPECT_EQ(s.second_review_months(), 3);
  EXPECT_EQ(s.review_interval_months(), 6);
  EXPECT_EQ(s.advocacy_working_days(), 20);
}

// Configured values in range are taken as given.
TEST(SettingsTest, ValuesInRangeAreTaken) {
  sdk::Parameters p;
  for (std::size_t i = 0; i < kKeys.size(); ++i) p.set(kKeys[i].name, static_cast<int>(i) + 1);
  const Settings s = Settings::from(p);
  EXPECT_EQ(s.first_visit_days(), 1);
  EXPECT_EQ(s.visit_interval_weeks(), 2);
  EXPECT_EQ(s.long_term_visit_interval_months(), 3);
  EXPECT_EQ(s.first_year_months(), 4);
  EXPECT_EQ(s.request_working_days(), 5);
  EXPECT_EQ(s.first_review_working_days(), 6);
  EXPECT_EQ(s.second_review_months(), 7);
  EXPECT_EQ(s.review_interval_months(), 8);
  EXPECT_EQ(s.advocacy_working_days(), 9);
}

// A value that is not an integer, or lies out of range, is refused naming its key; the bounds pass.
TEST(SettingsTest, BadValuesNameTheirKey) {
  for (const Key& key : kKeys) {
    SCOPED_TRACE(key.name);
    EXPECT_EQ(rejected_key(one(key.name, "7")), key.name);
    EXPECT_EQ(rejected_key(one(key.name, 1.5)), key.name);
    EXPECT_EQ(rejected_key(one(key.name, true)), key.name);
    EXPECT_EQ(rejected_key(one(key.name, 0)), key.name);
    EXPECT_EQ(rejected_key(one(key.name, -1)), key.name);
    EXPECT_EQ(rejected_key(one(key.name, static_cast<std::int64_t>(key.max + 1))), key.name);
    EXPECT_EQ(rejected_key(one(key.name, static_cast<std::int64_t>(key.max))), "");
    EXPECT_EQ(rejected_key(one(key.name, 1)), "");
  }
}

// A misspelt key is refused rather than leaving a deadline silently at its default.
TEST(SettingsTest, UnknownKeyIsRefusedByName) {
  EXPECT_EQ(rejected_key(one("request_workingdays", 5)), "request_workingdays");
  try {
    (void)Settings::from(one("request_workingdays", 5));
    ADD_FAILURE() << "accepted an unknown key";
  } catch (const sdk::ParameterError& e) {
    EXPECT_NE(std::string(e.what()).find("request_workingdays: unknown parameter"), std::string::npos)
        << e.what();
    EXPECT_NE(std::string(e.what()).find("request_working_days"), std::string::npos) << e.what();
  }
}

// Every checker validates in configure(), so the host learns of a bad value before any check runs.
TEST(SettingsTest, EveryCheckerRefusesBadParametersInConfigure) {
  const sdk::Parameters bad = one("review_interval_months", 0);
  std::unique_ptr<sdk::Checker> checkers[] = {
      std::make_unique<VisitChecker>(), std::make_unique<VisitRequestChecker>(),
      std::make_unique<ReviewChecker>(), std::make_unique<AdvocacyChecker>()};
  for (auto& c : checkers) {
    try {
      c->configure(bad);
      ADD_FAILURE() << c->name() << " accepted review_interval_months = 0";
    } catch (const sdk::ParameterError& e) {
      EXPECT_EQ(e.key(), "review_interval_months") << c->name();
    }
  }
}

}  // namespace
}  // namespace carewatch::plugins::care_planning
