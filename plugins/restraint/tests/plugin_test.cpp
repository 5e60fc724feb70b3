// RestraintPlugin and its rule catalogue: the rules match RULES.md, the checkers together cover every rule
// once, the README documents every rule and parameter, and a home's month of records gives exactly the
// expected findings across all three checkers.

#include "restraint.hpp"

#include <algorithm>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include "rule_catalogue.hpp"
#include "test_support.hpp"

namespace carewatch::plugins::restraint {
namespace {

using namespace testing;

struct Expected {
  std::string id;
  std::string clause;
  sdk::Severity severity;
  std::vector<std::string> roles;
  bool believed;
};

// RULES.md's restraint table, restated independently of the catalogue.
std::vector<Expected> rules_md() {
  const std::string chr = "Children's Homes (England) Regulations 2015 ";
  const std::vector<std::string> rm = {"registered_manager"};
  const std::vector<std::string> rm_ri = {"registered_manager", "responsible_individual"};
  return {
      {"CHR-35-RECORD-24H", chr + "reg 35(3)(a)", sdk::Severity::high, rm, false},
      {"CHR-35-RECORD-CONTENT", chr + "reg 35(3)(a)(i)-(viii)", sdk::Severity::high, rm, false},
      {"CHR-35-USER-48H", chr + "reg 35(3)(b)", sdk::Severity::high, rm_ri, false},
      {"CHR-35-CHILD-5D", chr + "reg 35(3)(c)", sdk::Severity::high, {"registered_manager", "iro"}, false},
      {"CHR-35-EHCP", chr + "reg 35(4)", sdk::Severity::high, rm, false},
      {"CHR-20-PURPOSE", chr + "reg 20", sdk::Severity::critical, rm_ri, false},
      {"CHR-19-PROHIBITED",
       chr + "reg 19",
       sdk::Severity::critical,
       {"registered_manager", "responsible_individual", "lado"},
       true},
  };
}

// The catalogue gives every rule the id, clause, severity, roles and "believed" mark RULES.md gives it.
TEST(RestraintPluginTest, CatalogueMatchesRulesMd) {
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

// The three checkers are child-scoped, read only restraints and measures, and between them declare
// every rule exactly once.
TEST(RestraintPluginTest, CheckersCoverEveryRuleOnce) {
  const RestraintPlugin plugin;
  EXPECT_EQ(plugin.name(), "restraint");
  const auto checkers = plugin.make_checkers();
  ASSERT_EQ(checkers.size(), 3u);
  std::vector<std::string> declared;
  std::set<std::string> names;
  for (const auto& c : checkers) {
    SCOPED_TRACE(c->name());
    names.insert(c->name());
    EXPECT_EQ(c->scope(), sdk::Scope::child);
    for (const auto& kind : c->kinds()) EXPECT_TRUE(kind == "restraint" || kind == "measure") << kind;
    for (const auto& r : c->rules()) declared.push_back(r.id);
  }
  EXPECT_EQ(names, (std::set<std::string>{"late_records", "restraints", "measures"}));
  std::vector<std::string> all;
  for (const auto& r : all_rules()) all.push_back(r.id);
  std::sort(declared.begin(), declared.end());
  std::sort(all.begin(), all.end());
  EXPECT_EQ(declared, all);
}

// The README documents every rule (id, clause, severity, roles, believed) and every parameter.
TEST(RestraintPluginTest, ReadmeDocumentsEveryRuleAndParameter) {
  const std::string readme = sdk::testing::read_file(CAREWATCH_RESTRAINT_README);
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
  for (const char* key :
       {"record_within_hours", "review_within_hours", "child_spoken_within_days", "prohibited_measures"})
    EXPECT_NE(readme.find(std::string("`") + key + "`"), std::string::npos) << key;
}

// A month of an open home's records (October 2025, across the end of BST) with compliant and breaching
// restraints and measures gives exactly the expected findings (rule, trigger, child, due), none of them
// quoting free text, and the earliest pending deadline as the look-again.
TEST(RestraintPluginTest, MonthOfAHomeGivesExactlyTheExpectedFindings) {
  std::vector<std::string> found;  // "rule trigger child due"
  std::optional<sdk::TimePoint> next_look;
  for (auto& checker : RestraintPlugin().make_checkers()) {
    Harness h(std::move(checker));
    h.add_file(fixture("home.ndjson")).add_file(fixture("month.ndjson"));
    const auto result = h.run("2025-11-01T00:00:00Z");
    for (const sdk::Finding& f : result.findings) {
      found.push_back(f.rule + " " + f.evidence.front() + " " + f.child + " " +
                      (f.due_at ? sdk::format_timestamp(*f.due_at) : "-"));
      EXPECT_EQ(f.summary.find(kFreeText), std::string::npos) << f.summary;
      EXPECT_EQ(f.home, "H1");
    }
    if (result.next_look && (!next_look || *result.next_look < *next_look)) next_look = result.next_look;
  }
  std::sort(found.begin(), found.end());
  const std::vector<std::string> expected = {
      "CHR-19-PROHIBITED M-102 C-1 -",
      "CHR-19-PROHIBITED M-103 C-2 -",
      "CHR-20-PURPOSE R-104 C-1 -",
      "CHR-35-CHILD-5D R-104 C-1 2025-10-27T18:00:00Z",
      "CHR-35-EHCP R-105 C-2 2025-10-25T10:00:00Z",
      "CHR-35-RECORD-24H M-103 C-2 2025-10-29T18:00:00Z",
      "CHR-35-RECORD-24H R-102 C-1 2025-10-11T20:00:00Z",
      "CHR-35-RECORD-CONTENT R-103 C-2 2025-10-15T13:00:00Z",
      "CHR-35-USER-48H R-105 C-2 2025-10-26T10:00:00Z",
  };
  EXPECT_EQ(found, expected);
  ASSERT_TRUE(next_look.has_value());
  EXPECT_EQ(sdk::format_timestamp(*next_look), "2025-11-01T15:00:01Z");
}

}  // namespace
}  // namespace carewatch::plugins::restraint
