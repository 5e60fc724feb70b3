// The generator's ground truth checked against the real independent_monitoring checkers (reg 44 visits
// and reports, reg 45 reviews), run through the SDK's checker harness over generated data audited a
// week after the period.
#include <gtest/gtest.h>

#include <set>
#include <string>

#include "family_audit.hpp"
#include "independent_monitoring.hpp"

namespace carewatch::generator {
namespace {

using testing::audit_time;
using testing::expect_same;
using testing::family_options;
using testing::manifest_keys;
using testing::plugin_findings;

constexpr std::string_view kFamily = "independent_monitoring";

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
  return plugin_findings(plugins::independent_monitoring::IndependentMonitoringPlugin(), data, audit_time(o));
}

// Compliant data (breach_rate 0) raises no independent_monitoring finding in any shape.
TEST(IndependentMonitoringGroundTruthTest, CompliantDataRaisesNoFinding) {
  for (const auto& s : kShapes) {
    SCOPED_TRACE("seed " + std::to_string(s.seed));
    const auto o = options(s, 0.0);
    const auto data = testing::generate(o);
    ASSERT_TRUE(data.breaches.empty());
    expect_same(findings(data, o), {});
  }
}

// At several rates, in every shape, the findings are exactly the manifest: same rule, same triggering
// record (and month or recommendation), same home.
TEST(IndependentMonitoringGroundTruthTest, FindingsEqualTheManifest) {
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

// Over a few seeds, every independent_monitoring rule is planted at least once, and the findings are
// still exactly the manifest.
TEST(IndependentMonitoringGroundTruthTest, EveryRuleIsPlanted) {
  std::set<std::string> rules;
  for (std::uint64_t seed = 1; seed <= 8; ++seed) {
    SCOPED_TRACE("seed " + std::to_string(seed));
    const auto o = family_options(kFamily, seed, 100, 2, 4, 1.0);
    const auto data = testing::generate(o);
    for (const auto& b : data.breaches) rules.insert(b.rule);
    expect_same(findings(data, o), manifest_keys(data, kFamily));
  }
  EXPECT_EQ(rules, (std::set<std::string>{"CHR-44-VISIT", "CHR-44-PRIVATE", "CHR-44-DISPATCH",
                                          "CHR-44-RECOMMENDATION", "CHR-45-REVIEW-6M", "CHR-45-REPORT-28D",
                                          "CHR-45-CONSULTATION"}));
}

}  // namespace
}  // namespace carewatch::generator
