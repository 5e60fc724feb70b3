// MedicationPlugin and its rule catalogue: the rules match RULES.md (both clauses believed), the checkers
// together cover every rule once, the README documents every rule and parameter and says the clauses are
// believed, and a month of a home's medication records gives exactly the expected findings.

#include "medication.hpp"

#include <algorithm>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include "rule_catalogue.hpp"
#include "test_support.hpp"

namespace carewatch::plugins::medication {
namespace {

using namespace testing;

// The catalogue gives each rule RULES.md's id, clause, severity and roles, marked believed.
TEST(MedicationPluginTest, CatalogueMatchesRulesMd) {
  const auto& rules = all_rules();
  ASSERT_EQ(rules.size(), 2u);
  const std::string clause = "Children's Homes (England) Regulations 2015 reg 23 (believed)";
  EXPECT_EQ(rules[0].id, "MED-OMITTED");
  EXPECT_EQ(rules[0].severity, sdk::Severity::high);
  EXPECT_EQ(rules[0].roles, (std::vector<std::string>{"registered_manager", "placing_authority"}));
  EXPECT_EQ(rules[1].id, "MED-RECORD");
  EXPECT_EQ(rules[1].severity, sdk::Severity::medium);
  EXPECT_EQ(rules[1].roles, std::vector<std::string>{"registered_manager"});
  for (const auto& r : rules) {
    EXPECT_EQ(r.clause, clause) << r.id;
    EXPECT_TRUE(r.believed) << r.id;
    EXPECT_FALSE(r.title.empty()) << r.id;
  }
}

// The two checkers are child-scoped, read medication only, and declare every rule exactly once.
TEST(MedicationPluginTest, CheckersCoverEveryRuleOnce) {
  const MedicationPlugin plugin;
  EXPECT_EQ(plugin.name(), "medication");
  std::vector<std::string> declared;
  std::set<std::string> names;
  for (const auto& c : plugin.make_checkers()) {
    names.insert(c->name());
    EXPECT_EQ(c->scope(), sdk::Scope::child) << c->name();
    EXPECT_EQ(c->kinds(), std::vector<std::string>{"medication"}) << c->name();
    for (const auto& r : c->rules()) declared.push_back(r.id);
  }
  EXPECT_EQ(names, (std::set<std::string>{"omitted_doses", "dose_records"}));
  std::sort(declared.begin(), declared.end());
  EXPECT_EQ(declared, (std::vector<std::string>{"MED-OMITTED", "MED-RECORD"}));
}

// The README documents every rule (id, clause, severity, roles), every parameter, and that the clause is
// believed.
TEST(MedicationPluginTest, ReadmeDocumentsEveryRuleAndParameter) {
  const std::string readme = sdk::testing::read_file(CAREWATCH_MEDICATION_README);
  for (const sdk::RuleInfo& r : all_rules()) {
    SCOPED_TRACE(r.id);
    const auto row = readme.find("| " + r.id + " |");
    ASSERT_NE(row, std::string::npos) << "no table row for the rule";
    const std::string line = readme.substr(row, readme.find('\n', row) - row);
    EXPECT_NE(line.find(r.clause), std::string::npos) << line;
    EXPECT_NE(line.find(std::string(sdk::to_string(r.severity))), std::string::npos) << line;
    for (const auto& role : r.roles) EXPECT_NE(line.find(role), std::string::npos) << role << " in " << line;
  }
  for (const char* key : {"omitted_threshold", "omitted_window_days"})
    EXPECT_NE(readme.find(std::string("`") + key + "`"), std::string::npos) << key;
  EXPECT_NE(readme.find("**believed**"), std::string::npos);
}

// March 2025 in home H1 for two children: a given dose missing who gave it, another missing when, an
// omission with no reason, and two omissions four days apart across the clock change, among compliant
// doses, give exactly those four findings and nothing to look at again.
TEST(MedicationPluginTest, MonthOfAHomeGivesExactlyTheExpectedFindings) {
  std::vector<std::pair<std::string, std::string>> found;
  for (auto& checker : MedicationPlugin().make_checkers()) {
    Harness h(std::move(checker));
    h.add_file(fixture("home.ndjson")).add_file(fixture("month.ndjson"));
    const auto result = h.run("2025-04-01T00:00:00Z");
    for (const sdk::Finding& f : result.findings) {
      found.emplace_back(f.rule, f.evidence.front());
      EXPECT_EQ(f.summary.find("free text"), std::string::npos) << f.summary;
      EXPECT_EQ(f.summary.find("named medicine"), std::string::npos) << f.summary;
      EXPECT_EQ(f.home, "H1");
    }
    EXPECT_FALSE(result.next_look.has_value());
  }
  std::sort(found.begin(), found.end());
  const std::vector<std::pair<std::string, std::string>> expected = {
      {"MED-OMITTED", "M-110#pattern"},
      {"MED-OMITTED", "M-202"},
      {"MED-RECORD", "M-106"},
      {"MED-RECORD", "M-203"},
  };
  EXPECT_EQ(found, expected);
}

}  // namespace
}  // namespace carewatch::plugins::medication
