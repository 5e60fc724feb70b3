// WorkforcePlugin and its rule catalogue: the rules match RULES.md, the checkers together cover every
// rule once, the README documents every rule and parameter, and a month of a home's records gives
// exactly the expected findings across all four checkers.

#include "workforce.hpp"

#include <algorithm>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include "rule_catalogue.hpp"
#include "test_support.hpp"

namespace carewatch::plugins::workforce {
namespace {

using namespace testing;

struct Expected {
  std::string id;
  std::string clause;
  sdk::Severity severity;
  std::vector<std::string> roles;
};

// RULES.md's workforce table, restated independently of the catalogue.
std::vector<Expected> rules_md() {
  const std::string chr = "Children's Homes (England) Regulations 2015 ";
  const std::vector<std::string> rm = {"registered_manager"};
  const std::vector<std::string> rm_ri = {"registered_manager", "responsible_individual"};
  return {
      {"CHR-32-PRESTART", chr + "reg 32(3) and Schedule 2", sdk::Severity::critical, rm_ri},
      {"CHR-32-L3", chr + "reg 32(4)-(6)", sdk::Severity::medium, rm},
      {"CHR-33-SUPERVISION", chr + "reg 33(4)(b)", sdk::Severity::medium, rm},
      {"CHR-33-APPRAISAL", chr + "reg 33(4)(c)", sdk::Severity::low, rm},
      {"CHR-33-RESTRAINT-TRAINING", chr + "reg 33(4)(a)", sdk::Severity::high, rm_ri},
      {"CHR-48-ABSENCE", chr + "reg 48", sdk::Severity::medium, {"responsible_individual"}},
  };
}

// The catalogue gives every rule the id, clause, severity and roles RULES.md gives it, with a title.
TEST(WorkforcePluginTest, CatalogueMatchesRulesMd) {
  const auto expected = rules_md();
  const auto& actual = all_rules();
  ASSERT_EQ(actual.size(), expected.size());
  for (std::size_t i = 0; i < expected.size(); ++i) {
    SCOPED_TRACE(expected[i].id);
    EXPECT_EQ(actual[i].id, expected[i].id);
    EXPECT_EQ(actual[i].clause, expected[i].clause);
    EXPECT_EQ(actual[i].severity, expected[i].severity);
    EXPECT_EQ(actual[i].roles, expected[i].roles);
    EXPECT_FALSE(actual[i].title.empty());
    EXPECT_FALSE(actual[i].believed);
  }
}

// The four checkers are staff-scoped and between them declare every rule exactly once.
TEST(WorkforcePluginTest, CheckersCoverEveryRuleOnce) {
  const WorkforcePlugin plugin;
  EXPECT_EQ(plugin.name(), "workforce");
  const auto checkers = plugin.make_checkers();
  std::vector<std::string> declared;
  std::set<std::string> names;
  for (const auto& c : checkers) {
    names.insert(c->name());
    EXPECT_EQ(c->scope(), sdk::Scope::staff) << c->name();
    for (const auto& r : c->rules()) declared.push_back(r.id);
  }
  EXPECT_EQ(names,
            (std::set<std::string>{"recruitment", "supervision", "restraint_training", "manager_absence"}));
  std::vector<std::string> all;
  for (const auto& r : all_rules()) all.push_back(r.id);
  std::sort(declared.begin(), declared.end());
  std::sort(all.begin(), all.end());
  EXPECT_EQ(declared, all);
}

// The README documents every rule (id, clause, severity, roles) and every parameter.
TEST(WorkforcePluginTest, ReadmeDocumentsEveryRuleAndParameter) {
  const std::string readme = sdk::testing::read_file(CAREWATCH_WORKFORCE_README);
  for (const sdk::RuleInfo& r : all_rules()) {
    SCOPED_TRACE(r.id);
    const auto row = readme.find("| " + r.id + " |");
    ASSERT_NE(row, std::string::npos) << "no table row for the rule";
    const std::string line = readme.substr(row, readme.find('\n', row) - row);
    EXPECT_NE(line.find(r.clause), std::string::npos) << line;
    EXPECT_NE(line.find(std::string(sdk::to_string(r.severity))), std::string::npos) << line;
    for (const auto& role : r.roles) EXPECT_NE(line.find(role), std::string::npos) << role << " in " << line;
  }
  for (const char* key :
       {"required_references", "l3_months", "supervision_interval_days", "appraisal_interval_months",
        "absence_threshold_days", "absence_notice_months", "emergency_notice_days", "return_notice_days"})
    EXPECT_NE(readme.find(std::string("`") + key + "`"), std::string::npos) << key;
}

// July 2025 in home H1: a new starter who worked before the DBS certificate arrived, a senior without
// the level 3 qualification or a supervision since May, a care worker restraining after their training
// lapsed, and otherwise compliant staff (including the manager's notified emergency absence) give
// exactly those four findings and the earliest pending deadline as the look-again.
TEST(WorkforcePluginTest, MonthOfAHomeGivesExactlyTheExpectedFindings) {
  std::vector<std::pair<std::string, std::string>> found;
  std::optional<sdk::TimePoint> next_look;
  for (auto& checker : WorkforcePlugin().make_checkers()) {
    Harness h(std::move(checker));
    h.add_file(fixture("home.ndjson")).add_file(fixture("month.ndjson"));
    const auto result = h.run("2025-08-01T00:00:00Z");
    for (const sdk::Finding& f : result.findings) {
      found.emplace_back(f.rule, f.evidence.front());
      EXPECT_EQ(f.summary.find("free text"), std::string::npos) << f.summary;
      EXPECT_EQ(f.home, "H1");
      if (f.rule == "CHR-32-PRESTART") {
        EXPECT_EQ(f.severity, sdk::Severity::critical);
        EXPECT_EQ(f.evidence, (std::vector<std::string>{"S-CW2", "SH-20"}));
      }
    }
    if (result.next_look && (!next_look || *result.next_look < *next_look)) next_look = result.next_look;
  }
  std::sort(found.begin(), found.end());
  const std::vector<std::pair<std::string, std::string>> expected = {
      {"CHR-32-L3", "S-CW3"},
      {"CHR-32-PRESTART", "S-CW2"},
      {"CHR-33-RESTRAINT-TRAINING", "R-1"},
      {"CHR-33-SUPERVISION", "SUP-5"},
  };
  EXPECT_EQ(found, expected);
  // Agency worker S-AG's supervision of 1 July falls due 42 days later, at the same BST wall-clock time.
  ASSERT_TRUE(next_look.has_value());
  EXPECT_EQ(*next_look, at("2025-08-12T10:00:01Z"));
}

}  // namespace
}  // namespace carewatch::plugins::workforce
