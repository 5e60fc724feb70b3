// MissingPlugin and its rule catalogue: the rules match RULES.md, the checkers together cover every rule
// once, the README documents every rule and parameter, and a home's month of missing episodes gives
// exactly the expected findings across both checkers.

#include "missing.hpp"

#include <algorithm>
#include <set>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include "rule_catalogue.hpp"
#include "test_support.hpp"

namespace carewatch::plugins::missing {
namespace {

using namespace testing;

struct Expected {
  std::string id;
  std::string clause;
  sdk::Severity severity;
  std::vector<std::string> roles;
};

// RULES.md's missing table, restated independently of the catalogue.
std::vector<Expected> rules_md() {
  return {
      {"MISS-RHI-72H",
       "Statutory guidance on children who run away or go missing from home or care (2014)",
       sdk::Severity::high,
       {"placing_authority", "registered_manager"}},
      {"MISS-REPORT",
       "Children's Homes (England) Regulations 2015 reg 34(4)",
       sdk::Severity::high,
       {"registered_manager", "placing_authority"}},
  };
}

// The catalogue gives every rule the id, clause, severity and roles RULES.md gives it, with a title.
TEST(MissingPluginTest, CatalogueMatchesRulesMd) {
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

// Both checkers are child-scoped, read missing episodes only, and between them declare every rule once.
TEST(MissingPluginTest, CheckersCoverEveryRuleOnce) {
  const MissingPlugin plugin;
  EXPECT_EQ(plugin.name(), "missing");
  const auto checkers = plugin.make_checkers();
  ASSERT_EQ(checkers.size(), 2u);
  std::vector<std::string> declared;
  std::set<std::string> names;
  for (const auto& c : checkers) {
    SCOPED_TRACE(c->name());
    names.insert(c->name());
    EXPECT_EQ(c->scope(), sdk::Scope::child);
    EXPECT_EQ(c->kinds(), std::vector<std::string>{"missing_episode"});
    for (const auto& r : c->rules()) declared.push_back(r.id);
  }
  EXPECT_EQ(names, (std::set<std::string>{"return_interviews", "missing_reports"}));
  std::vector<std::string> all;
  for (const auto& r : all_rules()) all.push_back(r.id);
  std::sort(declared.begin(), declared.end());
  std::sort(all.begin(), all.end());
  EXPECT_EQ(declared, all);
}

// The README documents every rule (id, clause, severity, roles) and every parameter.
TEST(MissingPluginTest, ReadmeDocumentsEveryRuleAndParameter) {
  const std::string readme = sdk::testing::read_file(CAREWATCH_MISSING_README);
  for (const sdk::RuleInfo& r : all_rules()) {
    SCOPED_TRACE(r.id);
    const auto row = readme.find("| " + r.id + " |");
    ASSERT_NE(row, std::string::npos) << "no table row for the rule";
    const std::string line = readme.substr(row, readme.find('\n', row) - row);
    EXPECT_NE(line.find(r.clause), std::string::npos) << line;
    EXPECT_NE(line.find(std::string(sdk::to_string(r.severity))), std::string::npos) << line;
    for (const auto& role : r.roles) EXPECT_NE(line.find(role), std::string::npos) << role << " in " << line;
  }
  for (const char* key : {"return_interview_hours", "report_target_hours"})
    EXPECT_NE(readme.find(std::string("`") + key + "`"), std::string::npos) << key;
}

// March 2025 in home H1, audited at noon on 1 April: six episodes for three children. One fully handled;
// one never told to the placing authority (the interview declined); one interviewed by someone not
// independent; one with no interview 72 h after the return (its late police report is on record, so it
// no longer counts); one returned on 31 March with its interview still in time; one child missing since
// the evening of 31 March, the placing authority not yet told but still within 24 h. An episode written
// on 2 April is not seen. Exactly the expected findings, and the earliest deadline ahead as the
// look-again.
TEST(MissingPluginTest, MonthOfAHomeGivesExactlyTheExpectedFindings) {
  std::vector<std::tuple<std::string, std::string, std::string>> found;
  std::optional<sdk::TimePoint> next_look;
  for (auto& checker : MissingPlugin().make_checkers()) {
    Harness h(std::move(checker));
    h.add_file(fixture("home.ndjson")).add_file(fixture("month.ndjson"));
    const auto result = h.run("2025-04-01T12:00:00Z");
    for (const sdk::Finding& f : result.findings) {
      found.emplace_back(f.rule, f.child, f.evidence.front());
      EXPECT_EQ(f.summary.find(kFreeText), std::string::npos) << f.summary;
      EXPECT_EQ(f.home, "H1");
    }
    if (result.next_look && (!next_look || *result.next_look < *next_look)) next_look = result.next_look;
  }
  std::sort(found.begin(), found.end());
  const std::vector<std::tuple<std::string, std::string, std::string>> expected = {
      {"MISS-REPORT", "C-1", "ME-302"},
      {"MISS-RHI-72H", "C-2", "ME-303"},
      {"MISS-RHI-72H", "C-2", "ME-304"},
  };
  EXPECT_EQ(found, expected);
  ASSERT_TRUE(next_look.has_value());
  EXPECT_EQ(sdk::format_timestamp(*next_look), "2025-04-01T20:00:01Z");
}

}  // namespace
}  // namespace carewatch::plugins::missing
