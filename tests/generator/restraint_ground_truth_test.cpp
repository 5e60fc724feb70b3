// The generator's restraint ground truth checked against the real restraint checkers: the plugin's logic run
// through the SDK's checker harness, as the engine would run it, over data with restraint breaches planted
// in its restraints and measures, audited eight days after the period.
#include <gtest/gtest.h>

#include <set>
#include <string>

#include "family_ground_truth.hpp"
#include "restraint.hpp"

namespace carewatch::generator {
namespace {

using testing::TruthKey;

constexpr std::string_view kFamily = "restraint";

std::set<TruthKey> restraint_findings(const testing::GeneratedData& data, const Options& o) {
  return testing::findings(data, o, plugins::restraint::RestraintPlugin().make_checkers());
}

Options planted(Options o, double rate) {
  o.breach_rate = rate;
  o.families = {std::string(kFamily)};
  return o;
}

// Compliant data (breach rate 0) raises no restraint finding in any of the shapes.
TEST(RestraintGroundTruthTest, CompliantDataRaisesNoFinding) {
  for (const auto& shape : testing::ground_truth_shapes()) {
    const auto o = planted(shape, 0.0);
    const auto data = testing::generate(o);
    ASSERT_TRUE(data.breaches.empty());
    testing::expect_same(restraint_findings(data, o), {});
  }
}

// With a fifth and with half of the eligible events breached, in every shape, the findings are exactly
// the manifest: same rule, same triggering record, same home and child.
TEST(RestraintGroundTruthTest, FindingsEqualTheManifest) {
  std::size_t planted_count = 0;
  for (const double rate : {0.2, 0.5}) {
    for (const auto& shape : testing::ground_truth_shapes()) {
      const auto o = planted(shape, rate);
      const auto data = testing::generate(o);
      SCOPED_TRACE("seed " + std::to_string(o.seed) + " rate " + std::to_string(rate));
      const auto expected = testing::manifest(data, kFamily);
      EXPECT_EQ(expected.size(), data.breaches.size()) << "only restraint breaches are planted";
      planted_count += expected.size();
      testing::expect_same(restraint_findings(data, o), expected);
    }
  }
  EXPECT_GT(planted_count, 0u);
}

// With every eligible event breached, every rule of the family is planted somewhere across the shapes,
// and the findings are still exactly the manifest.
TEST(RestraintGroundTruthTest, EveryRuleIsPlantedAndFoundWhenEveryEventIsBreached) {
  std::set<std::string> rules;
  for (const auto& shape : testing::ground_truth_shapes()) {
    const auto o = planted(shape, 1.0);
    const auto data = testing::generate(o);
    SCOPED_TRACE("seed " + std::to_string(o.seed));
    for (const auto& b : data.breaches) rules.insert(b.rule);
    testing::expect_same(restraint_findings(data, o), testing::manifest(data, kFamily));
  }
  EXPECT_EQ(rules, (std::set<std::string>{"CHR-35-RECORD-24H", "CHR-35-RECORD-CONTENT", "CHR-35-USER-48H", "CHR-35-CHILD-5D",
                                  "CHR-35-EHCP", "CHR-20-PURPOSE", "CHR-19-PROHIBITED"}));
}

// Planting changes only the breached records, and breaches planted at a lower rate are a
// subset of those planted at a higher one with the same seed.
TEST(RestraintGroundTruthTest, PlantingChangesOnlyTheBreachedRecords) {
  testing::expect_planting_is_local(testing::ground_truth_shapes().front(), kFamily, 0.6);
}

}  // namespace
}  // namespace carewatch::generator
