#include "generator/options.hpp"

#include <gtest/gtest.h>

#include <stdexcept>
#include <string>

namespace carewatch::generator {
namespace {

std::string error_of(const Options& o) {
  try {
    validate(o);
  } catch (const std::invalid_argument& e) {
    return e.what();
  }
  return {};
}

// The defaults describe the documented demo: 3 homes, 90 days from Monday 2025-01-06.
TEST(OptionsTest, DefaultsAreTheDocumentedDemo) {
  const Options o;
  EXPECT_NO_THROW(validate(o));
  EXPECT_EQ(sdk::format_date(o.start), "2025-01-06");
  EXPECT_EQ(sdk::format_date(o.end_date()), "2025-04-05");
  EXPECT_EQ(o.homes, 3);
  EXPECT_EQ(o.breach_rate, 0.0);
  EXPECT_EQ(o.families, std::vector<std::string>{"serious_events"});
}

// Each out-of-range option is rejected with a message naming the option.
TEST(OptionsTest, RejectsOutOfRangeValuesNamingTheOption) {
  Options o;
  o.days = 0;
  EXPECT_NE(error_of(o).find("--days"), std::string::npos);
  o = Options{};
  o.homes = 0;
  EXPECT_NE(error_of(o).find("--homes"), std::string::npos);
  o = Options{};
  o.children_per_home = 21;
  EXPECT_NE(error_of(o).find("--children"), std::string::npos);
  o = Options{};
  o.staff_per_home = minimum_staff(o.children_per_home) - 1;
  EXPECT_NE(error_of(o).find("--staff"), std::string::npos);
  o = Options{};
  o.breach_rate = 1.5;
  EXPECT_NE(error_of(o).find("--breach-rate"), std::string::npos);
  o = Options{};
  o.families = {"no_such_family"};
  EXPECT_NE(error_of(o).find("no_such_family"), std::string::npos);
}

// A family list is split on commas, trimmed and de-duplicated; empty and unknown names are errors.
TEST(OptionsTest, ParsesFamilyLists) {
  EXPECT_EQ(parse_families("serious_events"), std::vector<std::string>{"serious_events"});
  EXPECT_EQ(parse_families(" serious_events , serious_events"), std::vector<std::string>{"serious_events"});
  EXPECT_THROW(parse_families(""), std::invalid_argument);
  EXPECT_THROW(parse_families("serious_events,"), std::invalid_argument);
  EXPECT_THROW(parse_families("restraint_x"), std::invalid_argument);
  EXPECT_EQ(parse_families("workforce,care_planning,case_records,independent_monitoring"),
            (std::vector<std::string>{"workforce", "care_planning", "case_records", "independent_monitoring"}));
}

// `all` stands for every family a planter exists for, in known_families() order, and combines with names.
TEST(OptionsTest, AllMeansEveryKnownFamily) {
  std::vector<std::string> every;
  for (const auto f : known_families()) every.emplace_back(f);
  EXPECT_EQ(parse_families("all"), every);
  EXPECT_EQ(parse_families("medication,all"), parse_families("medication,all,medication"));
  EXPECT_EQ(parse_families("medication,all").front(), "medication");
  EXPECT_EQ(parse_families("medication,all").size(), every.size());
  for (const char* f : {"serious_events", "restraint", "missing", "complaints", "medication"})
    EXPECT_EQ(parse_families(f), std::vector<std::string>{f});
}

}  // namespace
}  // namespace carewatch::generator
