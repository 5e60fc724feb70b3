// ComplaintsPlugin and its rule catalogue: the rules match RULES.md, the checkers together cover every
// rule once, the README documents every rule and parameter, and a home's month of records gives exactly
// the expected findings across both checkers.

#include "complaints.hpp"

#include <algorithm>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include "rule_catalogue.hpp"
#include "test_support.hpp"

namespace carewatch::plugins::complaints {
namespace {

using namespace testing;

struct Expected {
  std::string id;
  std::string clause;
  sdk::Severity severity;
  std::vector<std::string> roles;
};

// RULES.md's complaints table, restated independently of the catalogue.
std::vector<Expected> rules_md() {
  const std::string chr = "Children's Homes (England) Regulations 2015 ";
  const std::vector<std::string> rm_ri = {"registered_manager", "responsible_individual"};
  return {
      {"CHR-39-RECORD", chr + "reg 39(3)", sdk::Severity::medium, {"registered_manager"}},
      {"CHR-39-INDEPENDENCE", chr + "reg 39(2)", sdk::Severity::high, rm_ri},
      {"CHR-39-REPRISAL", chr + "reg 39(4)", sdk::Severity::high, rm_ri},
  };
}

// The catalogue gives every rule the id, clause, severity and roles RULES.md gives it, with a title.
TEST(ComplaintsPluginTest, CatalogueMatchesRulesMd) {
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

// A home-scoped checker reads complaints; a child-scoped one reads complaints, measures and restraints;
// between them they declare every rule exactly once.
TEST(ComplaintsPluginTest, CheckersCoverEveryRuleOnce) {
  const ComplaintsPlugin plugin;
  EXPECT_EQ(plugin.name(), "complaints");
  const auto checkers = plugin.make_checkers();
  ASSERT_EQ(checkers.size(), 2u);
  EXPECT_EQ(checkers[0]->name(), "complaints");
  EXPECT_EQ(checkers[0]->scope(), sdk::Scope::home);
  EXPECT_EQ(checkers[0]->kinds(), std::vector<std::string>{"complaint"});
  EXPECT_EQ(checkers[1]->name(), "reprisals");
  EXPECT_EQ(checkers[1]->scope(), sdk::Scope::child);
  EXPECT_EQ(checkers[1]->kinds(), (std::vector<std::string>{"complaint", "measure", "restraint"}));
  std::vector<std::string> declared;
  for (const auto& c : checkers)
    for (const auto& r : c->rules()) declared.push_back(r.id);
  std::vector<std::string> all;
  for (const auto& r : all_rules()) all.push_back(r.id);
  std::sort(declared.begin(), declared.end());
  std::sort(all.begin(), all.end());
  EXPECT_EQ(declared, all);
}

// The README documents every rule (id, clause, severity, roles), every parameter, and says the
// reprisal rule is a heuristic.
TEST(ComplaintsPluginTest, ReadmeDocumentsEveryRuleAndParameter) {
  const std::string readme = sdk::testing::read_file(CAREWATCH_COMPLAINTS_README);
  for (const sdk::RuleInfo& r : all_rules()) {
    SCOPED_TRACE(r.id);
    const auto row = readme.find("| " + r.id + " |");
    ASSERT_NE(row, std::string::npos) << "no table row for the rule";
    const std::string line = readme.substr(row, readme.find('\n', row) - row);
    EXPECT_NE(line.find(r.clause), std::string::npos) << line;
    EXPECT_NE(line.find(std::string(sdk::to_string(r.severity))), std::string::npos) << line;
    for (const auto& role : r.roles) EXPECT_NE(line.find(role), std::string::npos) << role << " in " << line;
  }
  for (const char* key : {"record_target_days", "reprisal_window_days"})
    EXPECT_NE(readme.find(std::string("`") + key + "`"), std::string::npos) << key;
  const auto row = readme.find("| CHR-39-REPRISAL |");
  ASSERT_NE(row, std::string::npos);
  EXPECT_NE(readme.substr(row, readme.find('\n', row) - row).find("heuristic"), std::string::npos);
}

// A month of a home's records (March 2025, across the start of BST) with compliant and breaching
// complaints gives exactly the expected findings (rule, trigger, child, staff, due), none of them quoting
// free text, and the earliest pending deadline as the look-again.
TEST(ComplaintsPluginTest, MonthOfAHomeGivesExactlyTheExpectedFindings) {
  std::vector<std::string> found;  // "rule trigger child staff due"
  std::optional<sdk::TimePoint> next_look;
  for (auto& checker : ComplaintsPlugin().make_checkers()) {
    Harness h(std::move(checker));
    h.add_file(fixture("home.ndjson")).add_file(fixture("month.ndjson"));
    const auto result = h.run("2025-04-01T00:00:00+01:00");
    for (const sdk::Finding& f : result.findings) {
      found.push_back(f.rule + " " + f.evidence.front() + " " + (f.child.empty() ? "-" : f.child) + " " +
                      (f.staff.empty() ? "-" : f.staff) + " " +
                      (f.due_at ? sdk::format_timestamp(*f.due_at) : "-"));
      EXPECT_EQ(f.summary.find(kFreeText), std::string::npos) << f.summary;
      EXPECT_EQ(f.home, "H1");
    }
    if (result.next_look && (!next_look || *result.next_look < *next_look)) next_look = result.next_look;
  }
  std::sort(found.begin(), found.end());
  const std::vector<std::string> expected = {
      "CHR-39-INDEPENDENCE CMP-103 C-2 S-3 -",
      "CHR-39-RECORD CMP-102 - - 2025-03-20T09:00:00Z",
      "CHR-39-REPRISAL M-100 C-2 S-3 -",
      "CHR-39-REPRISAL R-101 C-1 S-1 -",
  };
  EXPECT_EQ(found, expected);
  ASSERT_TRUE(next_look.has_value());
  EXPECT_EQ(sdk::format_timestamp(*next_look), "2025-04-01T10:00:01Z");
}

}  // namespace
}  // namespace carewatch::plugins::complaints
