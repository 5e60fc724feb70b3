// SeriousEventsPlugin and its rule catalogue: the rules match RULES.md, the checkers together cover every
// rule once, the README documents every rule and parameter, and a mixed fixture home gives exactly the
// expected findings across all three checkers.

#include "serious_events.hpp"

#include <algorithm>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include "rule_catalogue.hpp"
#include "test_support.hpp"

namespace carewatch::plugins::serious_events {
namespace {

using namespace testing;

const std::vector<std::string> kRmRi = {"registered_manager", "responsible_individual"};

struct Expected {
  std::string id;
  std::string clause;
  sdk::Severity severity;
  std::vector<std::string> roles;
};

// RULES.md's serious_events table, restated independently of the catalogue.
std::vector<Expected> rules_md() {
  const std::string chr = "Children's Homes (England) Regulations 2015 ";
  return {
      {"CHR-40-DEATH", chr + "reg 40(1)", sdk::Severity::critical, kRmRi},
      {"CHR-40-CSE", chr + "reg 40(4)(a)", sdk::Severity::critical, kRmRi},
      {"CHR-40-ALLEGATION", chr + "reg 40(4)(c)", sdk::Severity::critical, kRmRi},
      {"CHR-40-CP-ENQUIRY", chr + "reg 40(4)(d)", sdk::Severity::critical, kRmRi},
      {"CHR-40-POLICE", chr + "reg 40(4)(b)", sdk::Severity::high, {"registered_manager"}},
      {"CHR-40-DECISION", chr + "reg 40(4) with reg 13(2)(h)", sdk::Severity::high, kRmRi},
      {"CHR-40-SERIOUS", chr + "reg 40(4)", sdk::Severity::high, kRmRi},
      {"CHR-34-REFERRAL",
       chr + "reg 34(2)(b)-(c)",
       sdk::Severity::critical,
       {"registered_manager", "responsible_individual", "placing_authority", "host_authority"}},
      {"WT-LADO-1WD",
       "Working Together to Safeguard Children 2023, allegations against people who work with children",
       sdk::Severity::critical,
       {"registered_manager", "responsible_individual", "lado"}},
  };
}

// The catalogue gives every rule the id, clause, severity and roles RULES.md gives it, with a title.
TEST(SeriousEventsPluginTest, CatalogueMatchesRulesMd) {
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

// The three checkers are home-scoped, read notifications and placements, and between them declare every
// rule exactly once.
TEST(SeriousEventsPluginTest, CheckersCoverEveryRuleOnce) {
  const SeriousEventsPlugin plugin;
  EXPECT_EQ(plugin.name(), "serious_events");
  const auto checkers = plugin.make_checkers();
  ASSERT_EQ(checkers.size(), 3u);
  std::vector<std::string> declared;
  std::set<std::string> names;
  for (const auto& c : checkers) {
    SCOPED_TRACE(c->name());
    names.insert(c->name());
    EXPECT_EQ(c->scope(), sdk::Scope::home);
    const auto kinds = c->kinds();
    EXPECT_NE(std::find(kinds.begin(), kinds.end(), "notification"), kinds.end());
    EXPECT_NE(std::find(kinds.begin(), kinds.end(), "child"), kinds.end());
    for (const auto& r : c->rules()) declared.push_back(r.id);
  }
  EXPECT_EQ(names, (std::set<std::string>{"incidents", "allegations", "cp_enquiries"}));
  std::vector<std::string> all;
  for (const auto& r : all_rules()) all.push_back(r.id);
  std::sort(declared.begin(), declared.end());
  std::sort(all.begin(), all.end());
  EXPECT_EQ(declared, all);
}

// The README documents every rule (id, clause, severity, roles) and every parameter.
TEST(SeriousEventsPluginTest, ReadmeDocumentsEveryRuleAndParameter) {
  const std::string readme = sdk::testing::read_file(CAREWATCH_SERIOUS_EVENTS_README);
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
       {"without_delay_hours", "decision_target_hours", "referral_target_hours", "lado_working_days"})
    EXPECT_NE(readme.find(std::string("`") + key + "`"), std::string::npos) << key;
}

// A month of a home's records with compliant and breaching cases gives exactly the expected findings
// (rule and trigger) across the plugin's checkers, and the earliest pending deadline as the look-again.
TEST(SeriousEventsPluginTest, MixedFixtureHomeGivesExactlyTheExpectedFindings) {
  std::vector<std::pair<std::string, std::string>> found;
  std::optional<sdk::TimePoint> next_look;
  for (auto& checker : SeriousEventsPlugin().make_checkers()) {
    Harness h(std::move(checker));
    h.add_file(fixture("home.ndjson")).add_file(fixture("mixed_home.ndjson"));
    const auto result = h.run("2025-06-30T00:00:00Z");
    for (const sdk::Finding& f : result.findings) {
      found.emplace_back(f.rule, f.evidence.front());
      EXPECT_EQ(f.summary.find("free text"), std::string::npos) << f.summary;
      EXPECT_EQ(f.home, "H1");
    }
    if (result.next_look && (!next_look || *result.next_look < *next_look)) next_look = result.next_look;
  }
  std::sort(found.begin(), found.end());
  const std::vector<std::pair<std::string, std::string>> expected = {
      {"CHR-34-REFERRAL", "A-100"}, {"CHR-40-ALLEGATION", "A-101"}, {"CHR-40-CP-ENQUIRY", "CE-100#outcome"},
      {"CHR-40-CSE", "I-103"},      {"CHR-40-DECISION", "I-102"},   {"WT-LADO-1WD", "A-101"},
  };
  EXPECT_EQ(found, expected);
  ASSERT_TRUE(next_look.has_value());
  EXPECT_EQ(*next_look, at("2025-06-30T12:00:01Z"));
}

}  // namespace
}  // namespace carewatch::plugins::serious_events
