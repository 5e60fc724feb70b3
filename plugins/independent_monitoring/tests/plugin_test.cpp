// IndependentMonitoringPlugin and its rule catalogue: the rules match RULES.md, the checkers together
// cover every rule once, the README documents every rule and parameter, and a home's first half-year of
// records gives exactly the expected findings across the three checkers.

#include "independent_monitoring.hpp"

#include <algorithm>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include "home_history.hpp"
#include "rule_catalogue.hpp"
#include "test_support.hpp"

namespace carewatch::plugins::independent_monitoring {
namespace {

using namespace testing;

struct Expected {
  std::string id;
  std::string clause;
  sdk::Severity severity;
  std::vector<std::string> roles;
  bool believed;
};

// RULES.md's independent_monitoring table, restated independently of the catalogue.
std::vector<Expected> rules_md() {
  const std::string chr = "Children's Homes (England) Regulations 2015 ";
  const std::vector<std::string> rm_ri = {"registered_manager", "responsible_individual"};
  return {
      {"CHR-44-VISIT", chr + "reg 44(1)", sdk::Severity::high, rm_ri, false},
      {"CHR-44-PRIVATE",
       chr + "reg 44(2)",
       sdk::Severity::medium,
       {"responsible_individual", "independent_person"},
       false},
      {"CHR-44-DISPATCH", chr + "reg 44(7)-(8) (deadline believed)", sdk::Severity::medium, rm_ri, true},
      {"CHR-44-RECOMMENDATION", chr + "reg 44(5)", sdk::Severity::medium, rm_ri, false},
      {"CHR-45-REVIEW-6M", chr + "reg 45(1)-(2)", sdk::Severity::medium, rm_ri, false},
      {"CHR-45-REPORT-28D", chr + "reg 45(3)", sdk::Severity::medium, rm_ri, false},
      {"CHR-45-CONSULTATION", chr + "reg 45(5)", sdk::Severity::medium, {"responsible_individual"}, false},
  };
}

// The catalogue gives every rule the id, clause, severity, roles and "believed" mark RULES.md gives it.
TEST(IndependentMonitoringPluginTest, CatalogueMatchesRulesMd) {
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

// The three checkers are home-scoped and between them declare every rule exactly once; those that date
// the home read every kind HomeHistory counts, so they all date it alike.
TEST(IndependentMonitoringPluginTest, CheckersCoverEveryRuleOnce) {
  const IndependentMonitoringPlugin plugin;
  EXPECT_EQ(plugin.name(), "independent_monitoring");
  const auto checkers = plugin.make_checkers();
  ASSERT_EQ(checkers.size(), 3u);
  std::vector<std::string> declared;
  std::set<std::string> names;
  for (const auto& c : checkers) {
    SCOPED_TRACE(c->name());
    names.insert(c->name());
    EXPECT_EQ(c->scope(), sdk::Scope::home);
    const auto kinds = c->kinds();
    EXPECT_NE(std::find(kinds.begin(), kinds.end(), "reg44_visit"), kinds.end());
    EXPECT_NE(std::find(kinds.begin(), kinds.end(), "child"), kinds.end());
    if (c->name() != "reg44_reports") {
      for (const std::string_view k : HomeHistory::kHistoryKinds)
        EXPECT_NE(std::find(kinds.begin(), kinds.end(), k), kinds.end()) << k;
    }
    for (const auto& r : c->rules()) declared.push_back(r.id);
  }
  EXPECT_EQ(names, (std::set<std::string>{"reg44_visits", "reg44_reports", "reg45_reviews"}));
  std::vector<std::string> all;
  for (const auto& r : all_rules()) all.push_back(r.id);
  std::sort(declared.begin(), declared.end());
  std::sort(all.begin(), all.end());
  EXPECT_EQ(declared, all);
}

// The README documents every rule (id, clause, severity, roles) and every parameter.
TEST(IndependentMonitoringPluginTest, ReadmeDocumentsEveryRuleAndParameter) {
  const std::string readme = sdk::testing::read_file(CAREWATCH_INDEPENDENT_MONITORING_README);
  for (const sdk::RuleInfo& r : all_rules()) {
    SCOPED_TRACE(r.id);
    const auto row = readme.find("| " + r.id + " |");
    ASSERT_NE(row, std::string::npos) << "no table row for the rule";
    const std::string line = readme.substr(row, readme.find('\n', row) - row);
    EXPECT_NE(line.find(r.clause), std::string::npos) << line;
    EXPECT_NE(line.find(std::string(sdk::to_string(r.severity))), std::string::npos) << line;
    for (const auto& role : r.roles) EXPECT_NE(line.find(role), std::string::npos) << role << " in " << line;
  }
  for (const char* key : {"lookback_months", "dispatch_day", "review_interval_months", "review_report_days"})
    EXPECT_NE(readme.find(std::string("`") + key + "`"), std::string::npos) << key;
}

// Home H1's first half of 2025, audited on 1 July: March's only visit was withdrawn and June's came at
// 00:30 BST on 1 July, so two months lack a visit; the April and May visits spoke to no child in private
// (June's does not record the count yet, so the run stands); February's report never reached the
// placing authorities and May's never reached the RI; a January recommendation was never decided;
// January's reg 45 review left out parents and its report never went to Ofsted. Exactly those findings,
// and the earliest deadline ahead as the look-again.
TEST(IndependentMonitoringPluginTest, HalfYearOfAHomeGivesExactlyTheExpectedFindings) {
  std::vector<std::pair<std::string, std::string>> found;
  std::optional<sdk::TimePoint> next_look;
  for (auto& checker : IndependentMonitoringPlugin().make_checkers()) {
    Harness h(std::move(checker));
    h.add_file(fixture("home.ndjson")).add_file(fixture("half_year.ndjson"));
    const auto result = h.run("2025-07-01T12:00:00Z");
    for (const sdk::Finding& f : result.findings) {
      found.emplace_back(f.rule, f.evidence.front());
      EXPECT_EQ(f.summary.find(kFreeText), std::string::npos) << f.summary;
      EXPECT_EQ(f.home, "H1");
      EXPECT_TRUE(f.child.empty());
    }
    if (result.next_look && (!next_look || *result.next_look < *next_look)) next_look = result.next_look;
  }
  std::sort(found.begin(), found.end());
  const std::vector<std::pair<std::string, std::string>> expected = {
      {"CHR-44-DISPATCH", "R44-2502"},    {"CHR-44-DISPATCH", "R44-2505"},
      {"CHR-44-PRIVATE", "R44-2505"},     {"CHR-44-RECOMMENDATION", "R44-2501#REC-02"},
      {"CHR-44-VISIT", "H1#2025-03"},     {"CHR-44-VISIT", "H1#2025-06"},
      {"CHR-45-CONSULTATION", "RV-2501"}, {"CHR-45-REPORT-28D", "RV-2501"},
  };
  EXPECT_EQ(found, expected);
  ASSERT_TRUE(next_look.has_value());
  // The next reg 45 review is due six months after 16:00 GMT on 31 January: 16:00 BST on 31 July.
  EXPECT_EQ(sdk::format_timestamp(*next_look), "2025-07-31T15:00:01Z");
}

}  // namespace
}  // namespace carewatch::plugins::independent_monitoring
