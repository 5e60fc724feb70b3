// CarePlanningPlugin and its rule catalogue: the rules match RULES.md, the checkers together cover every
// rule once, the README documents every rule and parameter, and a home's month of records gives exactly
// the expected findings across all four checkers.

#include "care_planning.hpp"

#include <algorithm>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "rule_catalogue.hpp"
#include "test_support.hpp"

namespace carewatch::plugins::care_planning {
namespace {

using namespace testing;

struct Expected {
  std::string id;
  std::string clause;
  sdk::Severity severity;
  std::vector<std::string> roles;
  bool believed;
};

// RULES.md's care_planning table, restated independently of the catalogue.
std::vector<Expected> rules_md() {
  const std::string cppcr = "Care Planning, Placement and Case Review (England) Regulations 2010 ";
  const std::string chr = "Children's Homes (England) Regulations 2015 ";
  const std::vector<std::string> pa_iro = {"placing_authority", "iro"};
  return {
      {"CPPCR-28-FIRST-VISIT", cppcr + "reg 28(2)(a)", sdk::Severity::high, pa_iro, false},
      {"CPPCR-28-VISIT", cppcr + "reg 28(2)(b)-(c)", sdk::Severity::high, pa_iro, false},
      {"CPPCR-29-SEEN-ALONE", cppcr + "reg 29", sdk::Severity::medium, pa_iro, false},
      {"CHILD-VISIT-REQUEST",
       cppcr + "reg 28 (visits whenever reasonably requested)",
       sdk::Severity::high,
       {"placing_authority", "iro", "registered_manager"},
       true},
      {"CPPCR-33-REVIEW", cppcr + "reg 33", sdk::Severity::high, {"iro", "placing_authority"}, false},
      {"CHR-7-VOICE", chr + "reg 7(2)(a)", sdk::Severity::medium, {"iro", "registered_manager"}, false},
      {"CHR-7-ADVOCACY", chr + "reg 7(2)(b)", sdk::Severity::high, {"registered_manager", "iro"}, false},
  };
}

// The catalogue gives every rule the id, clause, severity, roles and believed mark RULES.md gives it,
// with a title.
TEST(CarePlanningPluginTest, CatalogueMatchesRulesMd) {
  const auto expected = rules_md();
  const auto& actual = all_rules();
  ASSERT_EQ(actual.size(), expected.size());
  for (std::size_t i = 0; i < expected.size(); ++i) {
    SCOPED_TRACE(expected[i].id);
    EXPECT_EQ(actual[i].id, expected[i].id);
    EXPECT_EQ(actual[i].clause, expected[i].clause);
    EXPECT_EQ(actual[i].severity, expected[i].severity);
    EXPECT_EQ(actual[i].roles, expected[i].roles);
    EXPECT_EQ(actual[i].believed, expected[i].believed);
    EXPECT_FALSE(actual[i].title.empty());
  }
}

// The four checkers are child-scoped, declare no reference kinds, and between them declare every rule
// exactly once.
TEST(CarePlanningPluginTest, CheckersCoverEveryRuleOnce) {
  const CarePlanningPlugin plugin;
  EXPECT_EQ(plugin.name(), "care_planning");
  const auto checkers = plugin.make_checkers();
  ASSERT_EQ(checkers.size(), 4u);
  std::vector<std::string> declared;
  std::set<std::string> names;
  for (const auto& c : checkers) {
    SCOPED_TRACE(c->name());
    names.insert(c->name());
    EXPECT_EQ(c->scope(), sdk::Scope::child);
    EXPECT_FALSE(c->kinds().empty());
    for (const auto& r : c->rules()) declared.push_back(r.id);
  }
  EXPECT_EQ(names, (std::set<std::string>{"visits", "visit_requests", "reviews", "advocacy"}));
  std::vector<std::string> all;
  for (const auto& r : all_rules()) all.push_back(r.id);
  std::sort(declared.begin(), declared.end());
  std::sort(all.begin(), all.end());
  EXPECT_EQ(declared, all);
}

// The README documents every rule (id, clause, severity, roles) and every parameter, and marks the
// believed rule.
TEST(CarePlanningPluginTest, ReadmeDocumentsEveryRuleAndParameter) {
  const std::string readme = sdk::testing::read_file(CAREWATCH_CARE_PLANNING_README);
  for (const sdk::RuleInfo& r : all_rules()) {
    SCOPED_TRACE(r.id);
    const auto row = readme.find("| " + r.id + " |");
    ASSERT_NE(row, std::string::npos) << "no table row for the rule";
    const std::string line = readme.substr(row, readme.find('\n', row) - row);
    EXPECT_NE(line.find(r.clause), std::string::npos) << line;
    EXPECT_NE(line.find(std::string(sdk::to_string(r.severity))), std::string::npos) << line;
    for (const auto& role : r.roles) EXPECT_NE(line.find(role), std::string::npos) << role << " in " << line;
    EXPECT_EQ(line.find("believed") != std::string::npos, r.believed) << line;
  }
  for (const char* key : {"first_visit_days", "visit_interval_weeks", "long_term_visit_interval_months",
                          "first_year_months", "request_working_days", "first_review_working_days",
                          "second_review_months", "review_interval_months", "advocacy_working_days"})
    EXPECT_NE(readme.find(std::string("`") + key + "`"), std::string::npos) << key;
}

// A home's records to the end of March 2025 (five children: a settled long-term placement, a child
// moved from another home whose visits lapsed, a short placement that ended, a non-verbal child admitted
// in March, a child whose social worker has not come) give exactly the expected findings (rule,
// trigger, child, due), none quoting free text, and the earliest pending deadline as the look-again.
TEST(CarePlanningPluginTest, MonthOfAHomeGivesExactlyTheExpectedFindings) {
  std::vector<std::string> found;  // "rule trigger child due"
  std::optional<sdk::TimePoint> next_look;
  for (auto& checker : CarePlanningPlugin().make_checkers()) {
    Harness h(std::move(checker));
    h.add_file(fixture("home.ndjson")).add_file(fixture("month.ndjson"));
    const auto result = h.run("2025-04-01T00:00:00+01:00");
    for (const sdk::Finding& f : result.findings) {
      found.push_back(f.rule + " " + f.evidence.front() + " " + f.child + " " +
                      (f.due_at ? sdk::format_timestamp(*f.due_at) : "-"));
      EXPECT_EQ(f.summary.find(kFreeText), std::string::npos) << f.summary;
      EXPECT_EQ(f.home, "H1");
      EXPECT_TRUE(f.staff.empty());
    }
    if (result.next_look && (!next_look || *result.next_look < *next_look)) next_look = result.next_look;
  }
  std::sort(found.begin(), found.end());
  const std::vector<std::string> expected = {
      "CHILD-VISIT-REQUEST VR-301 C-3 2025-03-28T10:00:00Z",
      "CHR-7-ADVOCACY C-2 C-2 2025-03-31T13:00:00Z",
      "CHR-7-VOICE RV-201 C-2 -",
      "CPPCR-28-FIRST-VISIT C-4 C-4 2025-03-24T10:00:00Z",
      "CPPCR-28-VISIT V-302 C-3 2025-01-27T10:00:00Z",
      "CPPCR-28-VISIT V-303 C-3 2025-03-28T10:00:00Z",
      "CPPCR-29-SEEN-ALONE V-201 C-2 -",
  };
  EXPECT_EQ(found, expected);
  EXPECT_EQ(stamp(next_look), "2025-04-14T09:00:01Z");
}

}  // namespace
}  // namespace carewatch::plugins::care_planning
