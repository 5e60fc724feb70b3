// CaseRecordsPlugin and its rule catalogue: the rules match RULES.md (the reserved CHR-37-VISITORS is
// not declared, and the README says why), the checkers together cover every rule once, the README
// documents every rule and parameter, and a home's month of records gives exactly the expected findings.

#include "case_records.hpp"

#include <algorithm>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "rule_catalogue.hpp"
#include "test_support.hpp"

namespace carewatch::plugins::case_records {
namespace {

using namespace testing;

// The catalogue gives every active rule the id, clause, severity and roles RULES.md gives it, with a
// title, and every rule has someone to escalate to.
TEST(CaseRecordsPluginTest, CatalogueMatchesRulesMd) {
  const std::string chr = "Children's Homes (England) Regulations 2015 ";
  const auto& rules = all_rules();
  ASSERT_EQ(rules.size(), 2u);
  EXPECT_EQ(rules[0].id, "CHR-36-SIGNED");
  EXPECT_EQ(rules[0].clause, chr + "reg 36(1)(b)-(c)");
  EXPECT_EQ(rules[1].id, "CHR-36-PROFILE");
  EXPECT_EQ(rules[1].clause, chr + "reg 36, Schedule 3");
  for (const auto& r : rules) {
    SCOPED_TRACE(r.id);
    EXPECT_EQ(r.severity, sdk::Severity::medium);
    EXPECT_EQ(r.roles, std::vector<std::string>{"registered_manager"});
    EXPECT_FALSE(r.title.empty());
    EXPECT_FALSE(r.believed);
  }
}

// The reserved rule is not declared by any checker: it can never fire and has no one to escalate to.
TEST(CaseRecordsPluginTest, ReservedVisitorsRuleIsNotDeclared) {
  for (const auto& checker : CaseRecordsPlugin().make_checkers())
    for (const auto& r : checker->rules()) EXPECT_NE(r.id, "CHR-37-VISITORS") << checker->name();
}

// The two checkers are child-scoped and between them declare every rule exactly once.
TEST(CaseRecordsPluginTest, CheckersCoverEveryRuleOnce) {
  const CaseRecordsPlugin plugin;
  EXPECT_EQ(plugin.name(), "case_records");
  const auto checkers = plugin.make_checkers();
  ASSERT_EQ(checkers.size(), 2u);
  std::vector<std::string> declared;
  std::set<std::string> names;
  for (const auto& c : checkers) {
    names.insert(c->name());
    EXPECT_EQ(c->scope(), sdk::Scope::child) << c->name();
    for (const auto& r : c->rules()) declared.push_back(r.id);
  }
  EXPECT_EQ(names, (std::set<std::string>{"daily_logs", "profiles"}));
  std::sort(declared.begin(), declared.end());
  EXPECT_EQ(declared, (std::vector<std::string>{"CHR-36-PROFILE", "CHR-36-SIGNED"}));
}

// The README documents every rule (id, clause, severity, roles), the parameter, and the reserved rule
// with the reason it is not declared.
TEST(CaseRecordsPluginTest, ReadmeDocumentsEveryRuleAndParameter) {
  const std::string readme = sdk::testing::read_file(CAREWATCH_CASE_RECORDS_README);
  for (const sdk::RuleInfo& r : all_rules()) {
    SCOPED_TRACE(r.id);
    const auto row = readme.find("| " + r.id + " |");
    ASSERT_NE(row, std::string::npos) << "no table row for the rule";
    const std::string line = readme.substr(row, readme.find('\n', row) - row);
    EXPECT_NE(line.find(r.clause), std::string::npos) << line;
    EXPECT_NE(line.find(std::string(sdk::to_string(r.severity))), std::string::npos) << line;
    for (const auto& role : r.roles) EXPECT_NE(line.find(role), std::string::npos) << role << " in " << line;
  }
  EXPECT_NE(readme.find("`profile_days`"), std::string::npos);
  const auto reserved = readme.find("| CHR-37-VISITORS |");
  ASSERT_NE(reserved, std::string::npos);
  EXPECT_NE(readme.substr(reserved, readme.find('\n', reserved) - reserved).find("reserved"),
            std::string::npos);
}

// A home's March 2025 (three admissions, a month of daily logs for four children) gives exactly the
// expected findings (rule, trigger, child, staff, due), none quoting free text, and the pending profile
// deadline as the look-again.
TEST(CaseRecordsPluginTest, MonthOfAHomeGivesExactlyTheExpectedFindings) {
  std::vector<std::string> found;  // "rule trigger child staff due"
  std::optional<sdk::TimePoint> next_look;
  for (auto& checker : CaseRecordsPlugin().make_checkers()) {
    Harness h(std::move(checker));
    h.add_file(fixture("home.ndjson")).add_file(fixture("month.ndjson"));
    const auto result = h.run("2025-04-01T00:00:00+01:00");
    for (const sdk::Finding& f : result.findings) {
      found.push_back(f.rule + " " + f.evidence.front() + " " + f.child + " " +
                      (f.staff.empty() ? "-" : f.staff) + " " +
                      (f.due_at ? sdk::format_timestamp(*f.due_at) : "-"));
      EXPECT_EQ(f.summary.find(kFreeText), std::string::npos) << f.summary;
      EXPECT_EQ(f.home, "H1");
    }
    if (result.next_look && (!next_look || *result.next_look < *next_look)) next_look = result.next_look;
  }
  std::sort(found.begin(), found.end());
  const std::vector<std::string> expected = {
      "CHR-36-PROFILE C-3 C-3 - 2025-03-27T15:00:00Z",
      "CHR-36-SIGNED DL-105 C-1 S-1 -",
      "CHR-36-SIGNED DL-106 C-1 S-2 -",
  };
  EXPECT_EQ(found, expected);
  EXPECT_EQ(stamp(next_look), "2025-04-02T09:00:01Z");
}

}  // namespace
}  // namespace carewatch::plugins::case_records
