// MeasureChecker: CHR-19-PROHIBITED over the home fixture. Measures are applied to child C-1 of home H1.

#include "measure_checker.hpp"

#include <algorithm>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "rule_catalogue.hpp"
#include "settings.hpp"
#include "test_support.hpp"

namespace carewatch::plugins::restraint {
namespace {

using namespace testing;
using Evidence = std::vector<std::string>;

constexpr std::string_view kApplied = "2025-03-03T18:00:00Z";

Harness measures(sdk::Parameters params = {}) {
  return harness<MeasureChecker>(std::move(params));
}

// Loss of privilege, reparation (a reasonable sum by way of reparation is not a fine) and other
// measures are allowed: nothing is raised and nothing is left to look at again.
TEST(MeasureCheckerTest, AllowedMeasuresRaiseNothing) {
  Harness h = measures();
  h.add(measure("M-1", kApplied, "loss_of_privilege"))
      .add(measure("M-2", kApplied, "reparation"))
      .add(measure("M-3", kApplied, "other"));
  const auto result = h.run("2025-03-20T00:00:00Z");
  EXPECT_TRUE(result.findings.empty());
  EXPECT_FALSE(result.next_look.has_value());
}

// A fine is prohibited: the finding is raised as soon as the measure is on record, has no deadline,
// names the member of staff who applied it, and quotes only ids, the time and the type.
TEST(MeasureCheckerTest, FineIsProhibited) {
  Harness h = measures();
  h.add(measure("M-1", kApplied, "fine"));
  EXPECT_TRUE(h.run("2025-03-03T18:29:59Z").findings.empty());
  const auto f = only(h.run("2025-03-03T18:30:00Z"), "CHR-19-PROHIBITED");
  ASSERT_TRUE(f);
  EXPECT_EQ(f->home, "H1");
  EXPECT_EQ(f->child, "C-1");
  EXPECT_EQ(f->staff, "S-1");
  EXPECT_EQ(f->evidence, Evidence{"M-1"});
  EXPECT_FALSE(f->due_at.has_value());
  EXPECT_EQ(f->summary,
            "Measure M-1 for child C-1, applied at 2025-03-03T18:00:00Z, is of the prohibited type fine.");
  EXPECT_EQ(f->severity, sdk::Severity::critical);
  EXPECT_EQ(f->regulation, "Children's Homes (England) Regulations 2015 reg 19");
  EXPECT_EQ(f->escalate_to,
            (std::vector<std::string>{"registered_manager", "responsible_individual", "lado"}));
}

// Every type on RULES.md's list raises one finding of its own.
TEST(MeasureCheckerTest, EveryProhibitedTypeIsRaised) {
  Harness h = measures();
  const auto types = Settings::default_prohibited_measures();
  ASSERT_EQ(types.size(), 11u);
  for (std::size_t i = 0; i < types.size(); ++i) h.add(measure("M-" + std::to_string(i), kApplied, types[i]));
  const auto result = h.run("2025-03-20T00:00:00Z");
  ASSERT_EQ(result.of_rule("CHR-19-PROHIBITED").size(), types.size());
  for (const auto& type : types) {
    const bool named = std::any_of(
        result.findings.begin(), result.findings.end(),
        [&](const sdk::Finding& f) { return f.summary.ends_with("prohibited type " + type + "."); });
    EXPECT_TRUE(named) << type;
  }
}

// Nothing in the data closes the finding: a later revision that leaves the type as it was, months later,
// still gives the same finding.
TEST(MeasureCheckerTest, NeverClosedByLaterData) {
  Harness h = measures();
  const Line first = measure("M-1", kApplied, "withheld_food");
  h.add(first).add(first.revision(2, "2025-04-01T09:00:00Z").set("applied_by", "S-1"));
  const auto early = only(h.run("2025-03-04T00:00:00Z"), "CHR-19-PROHIBITED");
  const auto late = only(h.run("2025-09-01T00:00:00Z"), "CHR-19-PROHIBITED");
  ASSERT_TRUE(early && late);
  EXPECT_EQ(early->fingerprint, late->fingerprint);
}

// A measure recorded before the time it is to be applied is not yet used; the engine is asked to look
// again when it is.
TEST(MeasureCheckerTest, FutureMeasureIsRaisedWhenApplied) {
  Harness h = measures();
  h.add(measure("M-1", kApplied, "corporal").set("recorded_at", "2025-03-03T12:00:00Z"));
  const auto before = h.run("2025-03-03T17:59:59Z");
  EXPECT_TRUE(before.findings.empty());
  ASSERT_TRUE(before.next_look.has_value());
  EXPECT_EQ(*before.next_look, at(kApplied));
  EXPECT_EQ(h.run(kApplied).rules(), std::vector<std::string>{"CHR-19-PROHIBITED"});
}

// Since the reg 19 list is "believed", the prohibited types are the `prohibited_measures` parameter.
TEST(MeasureCheckerTest, ProhibitedTypesAreConfigurable) {
  sdk::Parameters params;
  params.set("prohibited_measures", sdk::Array{sdk::Value("corporal"), sdk::Value("loss_of_privilege")});
  Harness h = measures(params);
  h.add(measure("M-1", kApplied, "fine")).add(measure("M-2", kApplied, "loss_of_privilege"));
  const auto f = only(h.run("2025-03-20T00:00:00Z"), "CHR-19-PROHIBITED");
  ASSERT_TRUE(f);
  EXPECT_EQ(f->evidence, Evidence{"M-2"});
}

// The rule is declared as resting on a believed clause.
TEST(MeasureCheckerTest, RuleIsMarkedBelieved) {
  const auto declared = MeasureChecker().rules();
  ASSERT_EQ(declared.size(), 1u);
  EXPECT_EQ(declared[0].id, "CHR-19-PROHIBITED");
  EXPECT_TRUE(declared[0].believed);
}

}  // namespace
}  // namespace carewatch::plugins::restraint
