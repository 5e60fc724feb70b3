// OmittedDoseChecker: MED-OMITTED, an omitted dose without a reason and two or more omitted doses for a
// child within a rolling 7 local days.

#include "omitted_dose_checker.hpp"

#include <algorithm>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "test_support.hpp"

namespace carewatch::plugins::medication {
namespace {

using namespace testing;
using Evidence = std::vector<std::string>;

// Omitted doses with reasons more than 7 days apart, refusals and given doses raise nothing.
TEST(OmittedDoseCheckerTest, SparseOmissionsWithReasonsAreCompliant) {
  Harness h = harness<OmittedDoseChecker>();
  h.add(dose("D-1", "omitted", "2025-03-03T08:00:00Z", kReason))
      .add(dose("D-2", "refused", "2025-03-04T08:00:00Z"))
      .add(dose("D-3", "given", "2025-03-05T08:00:00Z"))
      .add(dose("D-4", "omitted", "2025-03-10T08:00:01Z", kReason));
  const auto result = h.run("2025-04-01T00:00:00Z");
  EXPECT_TRUE(result.findings.empty());
}

// An omitted dose without a reason is a finding at once: high, no deadline, the dose as evidence, the
// placing authority told, the clause marked believed.
TEST(OmittedDoseCheckerTest, OmittedDoseWithoutReason) {
  Harness h = harness<OmittedDoseChecker>();
  h.add(dose("D-1", "omitted", "2025-03-03T08:00:00Z"));
  EXPECT_TRUE(h.run("2025-03-03T07:59:59Z").findings.empty());
  const auto f = only(h.run("2025-03-03T08:00:00Z"), "MED-OMITTED");
  ASSERT_TRUE(f);
  EXPECT_EQ(f->evidence, Evidence{"D-1"});
  EXPECT_EQ(f->child, "C-1");
  EXPECT_EQ(f->home, "H1");
  EXPECT_FALSE(f->due_at.has_value());
  EXPECT_EQ(f->severity, sdk::Severity::high);
  EXPECT_EQ(f->escalate_to, (std::vector<std::string>{"registered_manager", "placing_authority"}));
  EXPECT_EQ(f->regulation, "Children's Homes (England) Regulations 2015 reg 23 (believed)");
  EXPECT_EQ(f->summary, "Omitted dose D-1 for child C-1 at 2025-03-03T08:00:00Z has no recorded reason.");
}

// Two omitted doses exactly 7 days apart are within the window; 7 days and 1 s apart they are not.
TEST(OmittedDoseCheckerTest, WindowBoundary) {
  Harness in = harness<OmittedDoseChecker>();
  in.add(dose("D-1", "omitted", "2025-03-03T08:00:00Z", kReason))
      .add(dose("D-2", "omitted", "2025-03-10T08:00:00Z", kReason));
  const auto f = only(in.run("2025-03-11T00:00:00Z"), "MED-OMITTED");
  ASSERT_TRUE(f);
  EXPECT_EQ(f->evidence, (Evidence{"D-2#pattern", "D-1", "D-2"}));
  EXPECT_FALSE(f->due_at.has_value());
  EXPECT_EQ(
      f->summary,
      "Child C-1 had 2 omitted doses from 2025-03-03T08:00:00Z to 2025-03-10T08:00:00Z, 2 or more within 7 "
      "days.");

  Harness out = harness<OmittedDoseChecker>();
  out.add(dose("D-1", "omitted", "2025-03-03T08:00:00Z", kReason))
      .add(dose("D-2", "omitted", "2025-03-10T08:00:01Z", kReason));
  EXPECT_TRUE(out.run("2025-03-11T00:00:00Z").findings.empty());
}

// The window is 7 local days: across the spring clock change 08:00 GMT to 08:00 BST a week later is
// within it (only 167 h), and one second later is not.
TEST(OmittedDoseCheckerTest, WindowIsLocalDaysAcrossTheClockChange) {
  Harness in = harness<OmittedDoseChecker>();
  in.add(dose("D-1", "omitted", "2025-03-27T08:00:00Z", kReason))
      .add(dose("D-2", "omitted", "2025-04-03T07:00:00Z", kReason));
  EXPECT_EQ(in.run("2025-04-04T00:00:00Z").rules(), std::vector<std::string>{"MED-OMITTED"});
  Harness out = harness<OmittedDoseChecker>();
  out.add(dose("D-1", "omitted", "2025-03-27T08:00:00Z", kReason))
      .add(dose("D-2", "omitted", "2025-04-03T07:00:01Z", kReason));
  EXPECT_TRUE(out.run("2025-04-04T00:00:00Z").findings.empty());
}

// A run of omissions is one episode, triggered by the dose that first completed the window, so a later
// omission extends its evidence without changing its fingerprint; a gap ends the episode.
TEST(OmittedDoseCheckerTest, RunOfOmissionsIsOneEpisode) {
  Harness h = harness<OmittedDoseChecker>();
  h.add(dose("D-1", "omitted", "2025-03-03T08:00:00Z", kReason))
      .add(dose("D-2", "omitted", "2025-03-05T08:00:00Z", kReason));
  const auto first = only(h.run("2025-03-06T00:00:00Z"), "MED-OMITTED");
  ASSERT_TRUE(first);
  h.add(dose("D-3", "omitted", "2025-03-11T08:00:00Z", kReason))
      .add(dose("D-4", "omitted", "2025-03-25T08:00:00Z", kReason))
      .add(dose("D-5", "omitted", "2025-03-26T08:00:00Z", kReason));
  const auto result = h.run("2025-04-01T00:00:00Z");
  const auto found = result.of_rule("MED-OMITTED");
  ASSERT_EQ(found.size(), 2u);
  std::vector<Evidence> evidence{found[0]->evidence, found[1]->evidence};
  std::sort(evidence.begin(), evidence.end());
  EXPECT_EQ(evidence,
            (std::vector<Evidence>{{"D-2#pattern", "D-1", "D-2", "D-3"}, {"D-5#pattern", "D-4", "D-5"}}));
  const auto same = std::find_if(found.begin(), found.end(),
                                 [](const sdk::Finding* f) { return f->evidence.front() == "D-2#pattern"; });
  ASSERT_NE(same, found.end());
  EXPECT_EQ((*same)->fingerprint, first->fingerprint);
}

// The second omission of a pattern without a reason raises both findings, with different fingerprints.
TEST(OmittedDoseCheckerTest, ReasonAndPatternFindingsAreDistinct) {
  Harness h = harness<OmittedDoseChecker>();
  h.add(dose("D-1", "omitted", "2025-03-03T08:00:00Z", kReason))
      .add(dose("D-2", "omitted", "2025-03-04T08:00:00Z"));
  const auto result = h.run("2025-03-05T00:00:00Z");
  const auto found = result.of_rule("MED-OMITTED");
  ASSERT_EQ(found.size(), 2u);
  EXPECT_NE(found[0]->fingerprint, found[1]->fingerprint);
}

// A dose's time is administered_at when present, else scheduled_at: an omitted PRN dose with no
// schedule counts at its administration time.
TEST(OmittedDoseCheckerTest, DoseTimeIsAdministeredAtElseScheduledAt) {
  Harness h = harness<OmittedDoseChecker>();
  h.add(dose("D-1", "omitted", "2025-03-01T08:00:00Z",
             std::string(kReason) + R"(,"administered_at":"2025-03-05T08:00:00Z")"))
      .add(dose("D-2", "omitted", "2025-03-12T08:00:00Z", kReason));
  const auto f = only(h.run("2025-03-13T00:00:00Z"), "MED-OMITTED");
  ASSERT_TRUE(f);
  EXPECT_EQ(f->evidence, (Evidence{"D-2#pattern", "D-1", "D-2"}));
}

// An omission written late is invisible to audits before it was written; a reason added by a later
// revision closes the reason finding from then on.
TEST(OmittedDoseCheckerTest, AsOfTheRecordsWritten) {
  Harness h = harness<OmittedDoseChecker>();
  h.add(dose("D-1", "omitted", "2025-03-03T08:00:00Z", kReason))
      .add(dose("D-2", "omitted", "2025-03-05T08:00:00Z", kReason, "2025-03-09T10:00:00Z"));
  EXPECT_TRUE(h.run("2025-03-09T09:59:59Z").findings.empty());
  EXPECT_EQ(h.run("2025-03-09T10:00:00Z").rules(), std::vector<std::string>{"MED-OMITTED"});

  Harness reason = harness<OmittedDoseChecker>();
  reason.add(dose("D-1", "omitted", "2025-03-03T08:00:00Z"))
      .add(dose("D-1", "omitted", "2025-03-03T08:00:00Z", std::string(kReason) + R"(,"revision":2)",
                "2025-03-04T10:00:00Z"));
  EXPECT_EQ(reason.run("2025-03-04T09:59:59Z").rules(), std::vector<std::string>{"MED-OMITTED"});
  EXPECT_TRUE(reason.run("2025-03-04T10:00:00Z").findings.empty());
}

// The threshold and the window are parameters.
TEST(OmittedDoseCheckerTest, ThresholdAndWindowAreParameters) {
  sdk::Parameters params;
  params.set("omitted_threshold", 3);
  params.set("omitted_window_days", 14);
  Harness h = harness<OmittedDoseChecker>(params);
  h.add(dose("D-1", "omitted", "2025-03-03T08:00:00Z", kReason))
      .add(dose("D-2", "omitted", "2025-03-10T08:00:00Z", kReason));
  EXPECT_TRUE(h.run("2025-03-20T00:00:00Z").findings.empty());
  h.add(dose("D-3", "omitted", "2025-03-17T08:00:00Z", kReason));
  const auto f = only(h.run("2025-03-20T00:00:00Z"), "MED-OMITTED");
  ASSERT_TRUE(f);
  EXPECT_EQ(f->evidence, (Evidence{"D-3#pattern", "D-1", "D-2", "D-3"}));
  EXPECT_NE(f->summary.find("3 or more within 14 days"), std::string::npos) << f->summary;
}

}  // namespace
}  // namespace carewatch::plugins::medication
