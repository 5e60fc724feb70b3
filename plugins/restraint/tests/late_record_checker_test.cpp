// LateRecordChecker: CHR-35-RECORD-24H. Unless a test says otherwise a restraint starts on Monday
// 2025-03-03T10:00:00Z, so a record written by 2025-03-04T10:00:00Z is in time.

#include "late_record_checker.hpp"

#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "test_support.hpp"

namespace carewatch::plugins::restraint {
namespace {

using namespace testing;
using Evidence = std::vector<std::string>;

constexpr std::string_view kStarted = "2025-03-03T10:00:00Z";
constexpr std::string_view kDue = "2025-03-04T10:00:00Z";

Harness late_records(sdk::Parameters params = {}) {
  return harness<LateRecordChecker>(std::move(params));
}

// A record first written exactly 24 h after the restraint started is in time; nothing is raised and
// nothing is left to look at again.
TEST(LateRecordCheckerTest, RecordWrittenAtTheLimitIsCompliant) {
  Harness h = late_records();
  h.add(restraint("R-1", kStarted).set("recorded_at", kDue));
  const auto result = h.run("2025-03-20T00:00:00Z");
  EXPECT_TRUE(result.findings.empty());
  EXPECT_FALSE(result.next_look.has_value());
}

// One second past the limit the record is late: the finding names the restraint and the child, is
// due at the limit, and reads as one sentence of ids and times.
TEST(LateRecordCheckerTest, RecordWrittenOneSecondLateIsABreach) {
  Harness h = late_records();
  h.add(restraint("R-1", kStarted).set("recorded_at", "2025-03-04T10:00:01Z"));
  const auto f = only(h.run("2025-03-20T00:00:00Z"), "CHR-35-RECORD-24H");
  ASSERT_TRUE(f);
  EXPECT_EQ(f->home, "H1");
  EXPECT_EQ(f->child, "C-1");
  EXPECT_EQ(f->staff, "");
  EXPECT_EQ(f->evidence, Evidence{"R-1"});
  ASSERT_TRUE(f->due_at.has_value());
  EXPECT_EQ(*f->due_at, at(kDue));
  EXPECT_EQ(f->summary,
            "Restraint R-1 for child C-1 was first recorded at 2025-03-04T10:00:01Z, more than 24 h after it "
            "started (due 2025-03-04T10:00:00Z).");
  EXPECT_EQ(f->severity, sdk::Severity::high);
  EXPECT_EQ(f->regulation, "Children's Homes (England) Regulations 2015 reg 35(3)(a)");
  EXPECT_EQ(f->escalate_to, std::vector<std::string>{"registered_manager"});
}

// Before a late record is written the audit cannot see it, so nothing is raised as of then; from the
// moment it is written it is late.
TEST(LateRecordCheckerTest, LateRecordIsInvisibleUntilWritten) {
  Harness h = late_records();
  h.add(restraint("R-1", kStarted).set("recorded_at", "2025-03-07T16:00:00Z"));
  EXPECT_TRUE(h.run("2025-03-05T00:00:00Z").findings.empty());
  EXPECT_TRUE(h.run("2025-03-07T15:59:59Z").findings.empty());
  EXPECT_EQ(h.run("2025-03-07T16:00:00Z").rules(), std::vector<std::string>{"CHR-35-RECORD-24H"});
}

// A record written in time and amended days later stays in time: lateness is measured from the first
// revision, not the one the audit sees.
TEST(LateRecordCheckerTest, AmendingATimelyRecordDoesNotMakeItLate) {
  Harness h = late_records();
  const Line first = restraint("R-1", kStarted);
  h.add(first).add(first.revision(2, "2025-03-10T09:00:00Z").set("injuries", "bruise"));
  EXPECT_TRUE(h.run("2025-03-20T00:00:00Z").findings.empty());
}

// A late record stays late however often it is amended, and keeps the same fingerprint.
TEST(LateRecordCheckerTest, LateRecordStaysLateAfterAmendment) {
  Harness h = late_records();
  const Line first = restraint("R-1", kStarted).set("recorded_at", "2025-03-05T09:00:00Z");
  h.add(first);
  const auto before = only(h.run("2025-03-06T00:00:00Z"), "CHR-35-RECORD-24H");
  h.add(first.revision(2, "2025-03-06T09:00:00Z"));
  const auto after = only(h.run("2025-03-20T00:00:00Z"), "CHR-35-RECORD-24H");
  ASSERT_TRUE(before && after);
  EXPECT_EQ(before->fingerprint, after->fingerprint);
  EXPECT_NE(after->summary.find("first recorded at 2025-03-05T09:00:00Z"), std::string::npos)
      << after->summary;
}

// Measures come under reg 35(3)(a) too, timed from applied_at.
TEST(LateRecordCheckerTest, LateMeasureIsABreach) {
  Harness h = late_records();
  h.add(
       measure("M-1", "2025-03-03T18:00:00Z", "loss_of_privilege").set("recorded_at", "2025-03-05T08:00:00Z"))
      .add(measure("M-2", "2025-03-03T18:00:00Z", "reparation"));
  const auto f = only(h.run("2025-03-20T00:00:00Z"), "CHR-35-RECORD-24H");
  ASSERT_TRUE(f);
  EXPECT_EQ(f->evidence, Evidence{"M-1"});
  EXPECT_EQ(
      f->summary,
      "Measure M-1 for child C-1 was first recorded at 2025-03-05T08:00:00Z, more than 24 h after it was "
      "applied (due 2025-03-04T18:00:00Z).");
}

// Restraint planned in the child's EHC plan is outside reg 35(3) (reg 35(4)) once the record names the
// plan; without the reference the exemption is not shown and the limit still applies.
TEST(LateRecordCheckerTest, EhcPlannedRestraintIsExemptOnlyWithReference) {
  Harness h = late_records();
  h.add(
      restraint("R-1", kStarted, "C-2").set("recorded_at", "2025-03-06T10:00:00Z").set("ehcp_planned", true));
  EXPECT_EQ(h.run("2025-03-20T00:00:00Z").rules(), std::vector<std::string>{"CHR-35-RECORD-24H"});
  h.clear();
  h.add_file(fixture("home.ndjson"));
  h.add(restraint("R-1", kStarted, "C-2")
            .set("recorded_at", "2025-03-06T10:00:00Z")
            .set("ehcp_planned", true)
            .set("ehcp_reference", "EHCP-2"));
  EXPECT_TRUE(h.run("2025-03-20T00:00:00Z").findings.empty());
}

// The limit is the `record_within_hours` parameter.
TEST(LateRecordCheckerTest, LimitIsConfigurable) {
  sdk::Parameters params;
  params.set("record_within_hours", 12);
  Harness h = late_records(params);
  h.add(restraint("R-1", kStarted).set("recorded_at", "2025-03-03T22:00:01Z"));
  const auto f = only(h.run("2025-03-20T00:00:00Z"), "CHR-35-RECORD-24H");
  ASSERT_TRUE(f);
  EXPECT_EQ(*f->due_at, at("2025-03-03T22:00:00Z"));
  EXPECT_NE(f->summary.find("more than 12 h"), std::string::npos) << f->summary;
}

}  // namespace
}  // namespace carewatch::plugins::restraint
