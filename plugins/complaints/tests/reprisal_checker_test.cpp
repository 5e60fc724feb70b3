// ReprisalChecker: CHR-39-REPRISAL over the home fixture. Unless a test says otherwise child C-1 complains
// on Monday 2025-02-03T10:00:00Z, so the window runs to 2025-02-17T10:00:00Z.

#include "reprisal_checker.hpp"

#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "test_support.hpp"

namespace carewatch::plugins::complaints {
namespace {

using namespace testing;
using Evidence = std::vector<std::string>;
using Rules = std::vector<std::string>;

constexpr std::string_view kReceived = "2025-02-03T10:00:00Z";

Harness reprisals(sdk::Parameters params = {}) {
  return harness<ReprisalChecker>(std::move(params));
}

// Measures and restraints outside the fortnight after the child's complaint raise nothing, and nothing
// is left to look at again.
TEST(ReprisalCheckerTest, MeasuresOutsideTheWindowRaiseNothing) {
  Harness h = reprisals();
  h.add(complaint("CMP-1", kReceived))
      .add(measure("M-1", "2025-02-01T18:00:00Z"))
      .add(measure("M-2", "2025-02-17T10:00:01Z"))
      .add(restraint("R-1", "2025-03-01T12:00:00Z"));
  const auto result = h.run("2025-04-01T00:00:00Z");
  EXPECT_TRUE(result.findings.empty());
  EXPECT_FALSE(result.next_look.has_value());
}

// A measure three days after the child's complaint asks for a review: the measure triggers it, the
// complaint is evidence, the finding names who applied it, has no deadline and says it is a heuristic.
TEST(ReprisalCheckerTest, MeasureSoonAfterComplaintIsRaised) {
  Harness h = reprisals();
  h.add(complaint("CMP-1", kReceived)).add(measure("M-1", "2025-02-06T18:00:00Z"));
  const auto f = only(h.run("2025-02-07T00:00:00Z"), "CHR-39-REPRISAL");
  ASSERT_TRUE(f);
  EXPECT_EQ(f->home, "H1");
  EXPECT_EQ(f->child, "C-1");
  EXPECT_EQ(f->staff, "S-2");
  EXPECT_EQ(f->evidence, (Evidence{"M-1", "CMP-1"}));
  EXPECT_FALSE(f->due_at.has_value());
  EXPECT_EQ(
      f->summary,
      "Measure M-1 (loss_of_privilege) was applied to child C-1 at 2025-02-06T18:00:00Z, within 14 days "
      "after the child's complaint CMP-1; review whether it was a reprisal (a timing heuristic, not a "
      "finding of fact).");
  EXPECT_EQ(f->severity, sdk::Severity::high);
  EXPECT_EQ(f->regulation, "Children's Homes (England) Regulations 2015 reg 39(4)");
  EXPECT_EQ(f->escalate_to, (std::vector<std::string>{"registered_manager", "responsible_individual"}));
}

// A restraint counts as well as a measure, naming the member of staff who used it.
TEST(ReprisalCheckerTest, RestraintSoonAfterComplaintIsRaised) {
  Harness h = reprisals();
  h.add(complaint("CMP-1", kReceived)).add(restraint("R-1", "2025-02-10T20:00:00Z"));
  const auto f = only(h.run("2025-03-01T00:00:00Z"), "CHR-39-REPRISAL");
  ASSERT_TRUE(f);
  EXPECT_EQ(f->staff, "S-3");
  EXPECT_EQ(
      f->summary.rfind("Restraint R-1 was used on child C-1 at 2025-02-10T20:00:00Z, within 14 days", 0), 0u)
      << f->summary;
}

// The window is (received_at, received_at + 14 calendar days] on the local wall clock: across the
// March clock change it ends at 10:00 BST (09:00 UTC); the moment of the complaint itself is outside.
TEST(ReprisalCheckerTest, WindowBoundsAcrossTheClockChange) {
  Harness h = reprisals();
  h.add(complaint("CMP-1", "2025-03-20T10:00:00Z"))
      .add(measure("M-AT", "2025-03-20T10:00:00Z"))
      .add(measure("M-END", "2025-04-03T09:00:00Z"))
      .add(measure("M-PAST", "2025-04-03T09:00:01Z"));
  const auto f = only(h.run("2025-05-01T00:00:00Z"), "CHR-39-REPRISAL");
  ASSERT_TRUE(f);
  EXPECT_EQ(f->evidence, (Evidence{"M-END", "CMP-1"}));
}

// Only the child's own complaint counts: one made for the child by family or an advocate, or one by
// another child, does not.
TEST(ReprisalCheckerTest, OnlyTheChildsOwnComplaintCounts) {
  Harness h = reprisals();
  h.add(complaint("CMP-1", kReceived, "family"))
      .add(complaint("CMP-2", kReceived, "advocate"))
      .add(complaint("CMP-3", kReceived, "child", "C-2"))
      .add(measure("M-1", "2025-02-05T18:00:00Z"));
  EXPECT_TRUE(h.run("2025-03-01T00:00:00Z").findings.empty());
}

// A measure after two complaints gives one finding, with both complaints as evidence, earliest first.
TEST(ReprisalCheckerTest, SeveralComplaintsGiveOneFinding) {
  Harness h = reprisals();
  h.add(complaint("CMP-2", "2025-02-05T09:00:00Z"))
      .add(complaint("CMP-1", kReceived))
      .add(measure("M-1", "2025-02-06T18:00:00Z"));
  const auto f = only(h.run("2025-03-01T00:00:00Z"), "CHR-39-REPRISAL");
  ASSERT_TRUE(f);
  EXPECT_EQ(f->evidence, (Evidence{"M-1", "CMP-1", "CMP-2"}));
  EXPECT_NE(f->summary.find("after the child's complaints CMP-1 and CMP-2;"), std::string::npos)
      << f->summary;
}

// A complaint written down after the measure is invisible before it was written; from then on the
// measure is raised.
TEST(ReprisalCheckerTest, LateWrittenComplaintCountsFromWhenItWasWritten) {
  Harness h = reprisals();
  h.add(complaint("CMP-1", kReceived).set("recorded_at", "2025-02-12T09:00:00Z"))
      .add(measure("M-1", "2025-02-06T18:00:00Z"));
  EXPECT_TRUE(h.run("2025-02-12T08:59:59Z").findings.empty());
  EXPECT_EQ(h.run("2025-02-12T09:00:00Z").rules(), Rules{"CHR-39-REPRISAL"});
}

// A measure recorded ahead of its time has not happened yet; the engine is asked to look again then.
TEST(ReprisalCheckerTest, FutureMeasureIsRaisedWhenApplied) {
  Harness h = reprisals();
  h.add(complaint("CMP-1", kReceived))
      .add(measure("M-1", "2025-02-06T18:00:00Z").set("recorded_at", "2025-02-05T09:00:00Z"));
  const auto before = h.run("2025-02-05T12:00:00Z");
  EXPECT_TRUE(before.findings.empty());
  ASSERT_TRUE(before.next_look.has_value());
  EXPECT_EQ(*before.next_look, at("2025-02-06T18:00:00Z"));
  EXPECT_EQ(h.run("2025-02-06T18:00:00Z").rules(), Rules{"CHR-39-REPRISAL"});
}

// The window is the `reprisal_window_days` parameter.
TEST(ReprisalCheckerTest, WindowIsConfigurable) {
  sdk::Parameters params;
  params.set("reprisal_window_days", 2);
  Harness h = reprisals(params);
  h.add(complaint("CMP-1", kReceived))
      .add(measure("M-1", "2025-02-05T10:00:00Z"))
      .add(measure("M-2", "2025-02-05T10:00:01Z"));
  const auto f = only(h.run("2025-03-01T00:00:00Z"), "CHR-39-REPRISAL");
  ASSERT_TRUE(f);
  EXPECT_EQ(f->evidence.front(), "M-1");
  EXPECT_NE(f->summary.find("within 2 days after"), std::string::npos) << f->summary;
}

}  // namespace
}  // namespace carewatch::plugins::complaints
