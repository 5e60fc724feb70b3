// The generator's medication ground truth checked against the real medication checkers: the plugin's logic run
// through the SDK's checker harness, as the engine would run it, over data with medication breaches planted
// in its medication rounds, audited eight days after the period.
#include <gtest/gtest.h>

#include <set>
#include <string>

#include "family_ground_truth.hpp"
#include "medication.hpp"

namespace carewatch::generator {
namespace {

using testing::TruthKey;

constexpr std::string_view kFamily = "medication";

std::set<TruthKey> medication_findings(const testing::GeneratedData& data, const Options& o) {
  return testing::findings(data, o, plugins::medication::MedicationPlugin().make_checkers());
}

Options planted(Options o, double rate) {
  o.breach_rate = rate;
  o.families = {std::string(kFamily)};
  return o;
}

// Compliant data (breach rate 0) raises no medication finding in any of the shapes.
TEST(MedicationGroundTruthTest, CompliantDataRaisesNoFinding) {
  for (const auto& shape : testing::ground_truth_shapes()) {
    const auto o = planted(shape, 0.0);
    const auto data = testing::generate(o);
    ASSERT_TRUE(data.breaches.empty());
    testing::expect_same(medication_findings(data, o), {});
  }
}

// With a fifth and with half of the eligible events breached, in every shape, the findings are exactly
// the manifest: same rule, same triggering record, same home and child.
TEST(MedicationGroundTruthTest, FindingsEqualTheManifest) {
  std::size_t planted_count = 0;
  for (const double rate : {0.2, 0.5}) {
    for (const auto& shape : testing::ground_truth_shapes()) {
      const auto o = planted(shape, rate);
      const auto data = testing::generate(o);
      SCOPED_TRACE("seed " + std::to_string(o.seed) + " rate " + std::to_string(rate));
      const auto expected = testing::manifest(data, kFamily);
      EXPECT_EQ(expected.size(), data.breaches.size()) << "only medication breaches are planted";
      planted_count += expected.size();
      testing::expect_same(medication_findings(data, o), expected);
    }
  }
  EXPECT_GT(planted_count, 0u);
}

// With every eligible event breached, every rule of the family is planted somewhere across the shapes,
// and the findings are still exactly the manifest.
TEST(MedicationGroundTruthTest, EveryRuleIsPlantedAndFoundWhenEveryEventIsBreached) {
  std::set<std::string> rules;
  for (const auto& shape : testing::ground_truth_shapes()) {
    const auto o = planted(shape, 1.0);
    const auto data = testing::generate(o);
    SCOPED_TRACE("seed " + std::to_string(o.seed));
    for (const auto& b : data.breaches) rules.insert(b.rule);
    testing::expect_same(medication_findings(data, o), testing::manifest(data, kFamily));
  }
  EXPECT_EQ(rules, (std::set<std::string>{"MED-OMITTED", "MED-RECORD"}));
}

// Both limbs of MED-OMITTED are planted: an omitted dose without a reason (the dose is the trigger) and
// the pattern of two omitted doses within seven days (the later dose, marked #pattern).
TEST(MedicationGroundTruthTest, BothLimbsOfTheOmittedDoseRuleArePlanted) {
  std::set<std::string> stages;
  const auto data = testing::generate(planted(testing::ground_truth_shapes().front(), 1.0));
  for (const auto& b : data.breaches)
    if (b.rule == "MED-OMITTED") stages.insert(b.stage);
  EXPECT_EQ(stages, (std::set<std::string>{"", "pattern"}));
}

// Planting changes only the breached records (and, for a planted pattern, its other omitted dose), and breaches planted at a lower rate are a
// subset of those planted at a higher one with the same seed.
TEST(MedicationGroundTruthTest, PlantingChangesOnlyTheBreachedRecords) {
  testing::expect_planting_is_local(testing::ground_truth_shapes().front(), kFamily, 0.6, {"pattern"});
}

}  // namespace
}  // namespace carewatch::generator
