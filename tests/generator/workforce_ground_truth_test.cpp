// The generator's ground truth checked against the real workforce checkers (recruitment checks,
// qualification, supervision, appraisal and restraint training), run through the SDK's checker harness
// over generated data audited a week after the period.
#include <gtest/gtest.h>

#include <chrono>
#include <map>
#include <optional>
#include <set>
#include <string>

#include <carewatch/sdk/calendar.hpp>
#include <carewatch/sdk/record.hpp>

#include "family_audit.hpp"
#include "workforce.hpp"

namespace carewatch::generator {
namespace {

using testing::audit_time;
using testing::expect_same;
using testing::family_options;
using testing::manifest_keys;
using testing::plugin_findings;

constexpr std::string_view kFamily = "workforce";

struct Shape {
  std::uint64_t seed;
  sdk::Date start;
  int days, homes, children;
};

// Several seeds and shapes: a long run across two clock changes and a year end, one starting on the
// 31st, one short run ending mid-month, and one-child homes (which are empty while a place is vacant).
const Shape kShapes[] = {
    {3, sdk::Date{std::chrono::year{2025}, std::chrono::January, std::chrono::day{6}}, 400, 2, 3},
    {17, sdk::Date{std::chrono::year{2024}, std::chrono::March, std::chrono::day{31}}, 200, 2, 5},
    {29, sdk::Date{std::chrono::year{2025}, std::chrono::October, std::chrono::day{14}}, 75, 2, 3},
    {41, sdk::Date{std::chrono::year{2025}, std::chrono::May, std::chrono::day{1}}, 200, 2, 1},
};

Options options(const Shape& s, double rate) {
  Options o = family_options(kFamily, s.seed, s.days, s.homes, s.children, rate);
  o.start = s.start;
  return o;
}

std::set<testing::FindingKey> findings(const testing::GeneratedData& data, const Options& o) {
  return plugin_findings(plugins::workforce::WorkforcePlugin(), data, audit_time(o));
}

// Compliant data (breach_rate 0) raises no workforce finding in any shape.
TEST(WorkforceGroundTruthTest, CompliantDataRaisesNoFinding) {
  for (const auto& s : kShapes) {
    SCOPED_TRACE("seed " + std::to_string(s.seed));
    const auto o = options(s, 0.0);
    const auto data = testing::generate(o);
    ASSERT_TRUE(data.breaches.empty());
    expect_same(findings(data, o), {});
  }
}

// At several rates, in every shape, the findings are exactly the manifest: same rule, same triggering
// record, same home.
TEST(WorkforceGroundTruthTest, FindingsEqualTheManifest) {
  for (const auto& s : kShapes) {
    for (const double rate : {0.4, 1.0}) {
      SCOPED_TRACE("seed " + std::to_string(s.seed) + " rate " + std::to_string(rate));
      const auto o = options(s, rate);
      const auto data = testing::generate(o);
      ASSERT_FALSE(data.breaches.empty());
      expect_same(findings(data, o), manifest_keys(data, kFamily));
    }
  }
}

// Over a few seeds, every plantable workforce rule is planted at least once, and the findings are
// still exactly the manifest.
TEST(WorkforceGroundTruthTest, EveryRuleIsPlanted) {
  std::set<std::string> rules;
  for (std::uint64_t seed = 1; seed <= 8; ++seed) {
    SCOPED_TRACE("seed " + std::to_string(seed));
    const auto o = family_options(kFamily, seed, 100, 2, 4, 1.0);
    const auto data = testing::generate(o);
    for (const auto& b : data.breaches) rules.insert(b.rule);
    expect_same(findings(data, o), manifest_keys(data, kFamily));
  }
  EXPECT_EQ(rules, (std::set<std::string>{"CHR-32-PRESTART", "CHR-32-L3", "CHR-33-SUPERVISION",
                                          "CHR-33-APPRAISAL", "CHR-33-RESTRAINT-TRAINING", "CHR-48-ABSENCE"}));
}

// A manager's absence is planted both ways (no notice; no return notice, stage `return`), and each
// planted one is found exactly, with no other workforce finding.
TEST(WorkforceGroundTruthTest, BothAbsenceDutiesArePlanted) {
  std::set<std::string> stages;
  for (std::uint64_t seed = 1; seed <= 6; ++seed) {
    SCOPED_TRACE("seed " + std::to_string(seed));
    const auto o = family_options(kFamily, seed, 365, 3, 3, 1.0);
    const auto data = testing::generate(o);
    for (const auto& b : data.breaches)
      if (b.rule == "CHR-48-ABSENCE") stages.insert(b.stage);
    expect_same(findings(data, o), manifest_keys(data, kFamily));
  }
  EXPECT_EQ(stages, (std::set<std::string>{"", "return"}));
}

// The registered manager is absent on some days of a long period, and works no shift on any of them.
TEST(WorkforceGroundTruthTest, AbsentManagerWorksNoShift) {
  const auto o = family_options(kFamily, 5, 730, 3, 3, 0.0);
  const auto data = testing::generate(o);
  std::map<std::string, std::pair<sdk::Date, sdk::Date>> absences;  // latest revision per id
  std::vector<const sdk::Record*> shifts;
  const auto records = data.records();
  for (const auto& r : records) {
    if (r.kind() == "manager_absence" && r.date("ends_on"))
      absences[r.id()] = {*r.date("starts_on"), *r.date("ends_on")};
    if (r.kind() == "shift") shifts.push_back(&r);
  }
  ASSERT_GE(absences.size(), 3u);
  for (const auto& [id, span] : absences) {
    EXPECT_GE((std::chrono::sys_days{span.second} - std::chrono::sys_days{span.first}).count() + 1, 28) << id;
    const std::string home = id.substr(4, id.find('-', 4) - 4);
    const std::string manager = "S-" + home + "-01";
    for (const auto* shift : shifts) {
      if (shift->str("staff") != std::optional<std::string_view>(manager)) continue;
      const auto day = sdk::Calendar::local_date(*shift->ts("start"));
      EXPECT_FALSE(std::chrono::sys_days{span.first} <= std::chrono::sys_days{day} &&
                   std::chrono::sys_days{day} <= std::chrono::sys_days{span.second})
          << id << " " << shift->id();
    }
  }
}

}  // namespace
}  // namespace carewatch::generator
