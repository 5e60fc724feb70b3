// RestraintChecker: CHR-35-RECORD-CONTENT, CHR-35-USER-48H, CHR-35-CHILD-5D, CHR-35-EHCP and
// CHR-20-PURPOSE. Unless a test says otherwise a restraint of child C-1 in open home H1 starts on Monday
// 2025-03-03T10:00:00Z: its record is due by 2025-03-04T10:00:00Z, its review by 2025-03-05T10:00:00Z
// and the talk with the child by 2025-03-08T10:00:00Z.

#include "restraint_checker.hpp"

#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "test_support.hpp"

namespace carewatch::plugins::restraint {
namespace {

using namespace testing;
using Evidence = std::vector<std::string>;
using Rules = std::vector<std::string>;

constexpr std::string_view kStarted = "2025-03-03T10:00:00Z";
const sdk::TimePoint kRecordDue = at("2025-03-04T10:00:00Z");
const sdk::TimePoint kReviewDue = at("2025-03-05T10:00:00Z");
const sdk::TimePoint kChildDue = at("2025-03-08T10:00:00Z");

Harness restraints(sdk::Parameters params = {}) {
  return harness<RestraintChecker>(std::move(params));
}

// A complete, reviewed restraint with a lawful purpose raises nothing, and once every step is on record
// nothing is left to look at again.
TEST(RestraintCheckerTest, CompleteReviewedRestraintIsCompliant) {
  Harness h = restraints();
  h.add(restraint("R-1", kStarted));
  const auto result = h.run("2025-04-01T00:00:00Z");
  EXPECT_TRUE(result.findings.empty());
  EXPECT_FALSE(result.next_look.has_value());
}

// --- CHR-35-RECORD-CONTENT ---

// Missing items are due with the record; the finding lists them by field name in RULES.md order.
TEST(RestraintCheckerTest, MissingContentIsListedOnceTheRecordIsDue) {
  Harness h = restraints();
  h.add(restraint("R-1", kStarted).drop("injuries").drop("behaviour").drop("ended_at"));
  expect_deadline(h, "CHR-35-RECORD-CONTENT", kRecordDue);
  const auto f = only(h.run("2025-03-10T00:00:00Z"), "CHR-35-RECORD-CONTENT");
  ASSERT_TRUE(f);
  EXPECT_EQ(f->child, "C-1");
  EXPECT_EQ(f->evidence, Evidence{"R-1"});
  EXPECT_EQ(f->summary,
            "Restraint R-1 for child C-1 is missing behaviour, ended_at and injuries 24 h after it started "
            "(due 2025-03-04T10:00:00Z).");
  EXPECT_EQ(f->regulation, "Children's Homes (England) Regulations 2015 reg 35(3)(a)(i)-(viii)");
}

// Every item of the list is required; with all of them missing the summary names all eight.
TEST(RestraintCheckerTest, EveryContentItemIsRequired) {
  Harness h = restraints();
  Line bare = restraint("R-1", kStarted);
  for (const char* field : {"behaviour", "technique", "ended_at", "alternatives_tried", "used_by",
                            "others_present", "effectiveness", "injuries"})
    bare.drop(field);
  h.add(bare);
  const auto f = only(h.run("2025-03-10T00:00:00Z"), "CHR-35-RECORD-CONTENT");
  ASSERT_TRUE(f);
  EXPECT_NE(
      f->summary.find("missing behaviour, technique, ended_at, alternatives_tried, used_by, others_present, "
                      "effectiveness and injuries"),
      std::string::npos)
      << f->summary;
}

// "none" and an empty list of others present are answers; a blank string is not; a location field
// answers for the technique.
TEST(RestraintCheckerTest, WhatCountsAsAnAnswer) {
  Harness h = restraints();
  h.add(restraint("R-1", kStarted).set("others_present", sdk::Array{}).set("injuries", "none"))
      .add(restraint("R-2", kStarted).set("behaviour", "   "))
      .add(restraint("R-3", kStarted).drop("technique").set("location", "lounge"));
  const auto result = h.run("2025-03-10T00:00:00Z");
  const auto f = only(result, "CHR-35-RECORD-CONTENT");
  ASSERT_TRUE(f);
  EXPECT_EQ(f->evidence, Evidence{"R-2"});
  EXPECT_NE(f->summary.find("missing behaviour 24 h"), std::string::npos) << f->summary;
}

// A later revision that completes the record closes the finding from the time it was written.
TEST(RestraintCheckerTest, CompletingTheRecordClosesTheFinding) {
  Harness h = restraints();
  const Line partial = restraint("R-1", kStarted).drop("effectiveness");
  h.add(partial).add(
      partial.revision(2, "2025-03-06T12:00:00Z").set("effectiveness", std::string(kFreeText)));
  EXPECT_EQ(h.run("2025-03-06T11:59:59Z").rules(), Rules{"CHR-35-RECORD-CONTENT"});
  EXPECT_TRUE(h.run("2025-03-06T12:00:00Z").findings.empty());
}

// --- CHR-35-USER-48H ---

// With no signature the review is due 48 h after the start; the finding names what is missing.
TEST(RestraintCheckerTest, UnsignedRecordIsOverdueAfter48Hours) {
  Harness h = restraints();
  h.add(restraint("R-1", kStarted).drop("reviewer_signed_at"));
  expect_deadline(h, "CHR-35-USER-48H", kReviewDue);
  const auto f = only(h.run("2025-03-10T00:00:00Z"), "CHR-35-USER-48H");
  ASSERT_TRUE(f);
  EXPECT_EQ(f->summary,
            "Restraint R-1 for child C-1 has no reviewer_signed_at within 48 h of its start (due "
            "2025-03-05T10:00:00Z).");
  EXPECT_EQ(f->escalate_to, (std::vector<std::string>{"registered_manager", "responsible_individual"}));
}

// Both the talk with the user and the signature are needed, and the signature must say who reviewed.
TEST(RestraintCheckerTest, ReviewNeedsUserSpokenToSignatureAndReviewer) {
  Harness h = restraints();
  h.add(restraint("R-1", kStarted).drop("user_spoken_to_at").drop("reviewed_by"));
  const auto f = only(h.run("2025-03-10T00:00:00Z"), "CHR-35-USER-48H");
  ASSERT_TRUE(f);
  EXPECT_NE(f->summary.find("has no user_spoken_to_at and reviewed_by within 48 h"), std::string::npos)
      << f->summary;
}

// A signature dated after the audit time is not yet done: as of the deadline the engine is asked to look
// again when it takes effect, and once it has the review is closed even though it was late.
TEST(RestraintCheckerTest, SignatureDatedAfterTCountsFromItsOwnTime) {
  Harness h = restraints();
  h.add(restraint("R-1", kStarted).set("reviewer_signed_at", "2025-03-06T09:00:00Z"));
  const auto at_deadline = h.run(kReviewDue);
  EXPECT_TRUE(at_deadline.findings.empty());
  ASSERT_TRUE(at_deadline.next_look.has_value());
  EXPECT_EQ(*at_deadline.next_look, kReviewDue + sdk::Seconds{1});
  const auto overdue = h.run("2025-03-06T08:59:59Z");
  EXPECT_EQ(overdue.rules(), Rules{"CHR-35-USER-48H"});
  EXPECT_EQ(*overdue.next_look, at("2025-03-06T09:00:00Z"));
  EXPECT_TRUE(h.run("2025-03-06T09:00:00Z").findings.empty());
}

// --- CHR-35-CHILD-5D ---

// Without a talk with the child the restraint is overdue 5 calendar days after it started.
TEST(RestraintCheckerTest, ChildNotSpokenToIsOverdueAfterFiveDays) {
  Harness h = restraints();
  h.add(restraint("R-1", kStarted).drop("child_spoken_to_at"));
  expect_deadline(h, "CHR-35-CHILD-5D", kChildDue);
  const auto f = only(h.run("2025-03-10T00:00:00Z"), "CHR-35-CHILD-5D");
  ASSERT_TRUE(f);
  EXPECT_EQ(f->summary,
            "Restraint R-1 for child C-1 has no child_spoken_to_at within 5 days of its start (due "
            "2025-03-08T10:00:00Z).");
  EXPECT_EQ(f->escalate_to, (std::vector<std::string>{"registered_manager", "iro"}));
}

// Five days are counted on the local wall clock: across the March change 10:00 GMT becomes 10:00 BST
// (09:00 UTC), across the October change 10:00 BST becomes 10:00 GMT (10:00 UTC).
TEST(RestraintCheckerTest, FiveDaysKeepTheLocalTimeAcrossClockChanges) {
  Harness spring = restraints();
  spring.add(restraint("R-1", "2025-03-27T10:00:00Z").drop("child_spoken_to_at"));
  expect_deadline(spring, "CHR-35-CHILD-5D", at("2025-04-01T09:00:00Z"));
  Harness autumn = restraints();
  autumn.add(restraint("R-2", "2025-10-23T09:00:00Z").drop("child_spoken_to_at"));
  expect_deadline(autumn, "CHR-35-CHILD-5D", at("2025-10-28T10:00:00Z"));
}

// Speaking to the child after the deadline closes the finding from then on.
TEST(RestraintCheckerTest, LateTalkWithChildClosesTheFinding) {
  Harness h = restraints();
  const Line first = restraint("R-1", kStarted).drop("child_spoken_to_at");
  h.add(first).add(
      first.revision(2, "2025-03-09T12:00:00Z").set("child_spoken_to_at", "2025-03-09T11:00:00Z"));
  EXPECT_EQ(h.run("2025-03-09T11:59:59Z").rules(), Rules{"CHR-35-CHILD-5D"});
  EXPECT_TRUE(h.run("2025-03-09T12:00:00Z").findings.empty());
}

// The number of days is the `child_spoken_within_days` parameter.
TEST(RestraintCheckerTest, ChildDaysAreConfigurable) {
  sdk::Parameters params;
  params.set("child_spoken_within_days", 3);
  Harness h = restraints(params);
  h.add(restraint("R-1", kStarted).drop("child_spoken_to_at"));
  expect_deadline(h, "CHR-35-CHILD-5D", at("2025-03-06T10:00:00Z"));
}

// --- CHR-35-EHCP ---

// A restraint said to be planned in the EHC plan but naming no plan is due with the record; the reg 35(3)
// duties still apply, since the exemption is not shown.
TEST(RestraintCheckerTest, EhcPlannedWithoutReferenceIsABreach) {
  Harness h = restraints();
  h.add(restraint("R-1", kStarted, "C-2").set("ehcp_planned", true).drop("child_spoken_to_at"));
  expect_deadline(h, "CHR-35-EHCP", kRecordDue);
  const auto result = h.run("2025-03-10T00:00:00Z");
  EXPECT_EQ(result.rules(), (Rules{"CHR-35-CHILD-5D", "CHR-35-EHCP"}));
  const auto f = only(result, "CHR-35-EHCP");
  ASSERT_TRUE(f);
  EXPECT_EQ(f->child, "C-2");
  EXPECT_EQ(f->summary,
            "Restraint R-1 for child C-2 is marked ehcp_planned but has no ehcp_reference, so the reg 35(4) "
            "exemption cannot be shown (due 2025-03-04T10:00:00Z).");
}

// With the plan named, reg 35(3) does not apply: no content, review or talk with the child is asked for.
TEST(RestraintCheckerTest, EhcPlannedRestraintWithReferenceIsExemptFromReg35Duties) {
  Harness h = restraints();
  h.add(restraint("R-1", kStarted, "C-2")
            .set("ehcp_planned", true)
            .set("ehcp_reference", "EHCP-2")
            .drop("behaviour")
            .drop("reviewer_signed_at")
            .drop("child_spoken_to_at"));
  const auto result = h.run("2025-03-20T00:00:00Z");
  EXPECT_TRUE(result.findings.empty());
  EXPECT_FALSE(result.next_look.has_value());
}

// --- CHR-20-PURPOSE ---

// Restraint to prevent absconding in an open home is unlawful at once: the finding has no deadline and
// names the member of staff who used it.
TEST(RestraintCheckerTest, AbscondingInOpenHomeIsABreachAtOnce) {
  Harness h = restraints();
  h.add(restraint("R-1", kStarted).set("purpose", "prevent_absconding"));
  const auto result = h.run("2025-03-03T11:00:00Z");
  const auto f = only(result, "CHR-20-PURPOSE");
  ASSERT_TRUE(f);
  EXPECT_FALSE(f->due_at.has_value());
  EXPECT_EQ(f->staff, "S-1");
  EXPECT_EQ(f->evidence, Evidence{"R-1"});
  EXPECT_EQ(f->severity, sdk::Severity::critical);
  EXPECT_EQ(f->regulation, "Children's Homes (England) Regulations 2015 reg 20");
  EXPECT_EQ(
      f->summary,
      "Restraint R-1 for child C-1 was used to prevent absconding in home H1, which is not recorded as a "
      "secure children's home.");
}

// In a secure children's home preventing absconding is a lawful purpose.
TEST(RestraintCheckerTest, AbscondingInSecureHomeIsLawful) {
  Harness h = restraints();
  h.add(restraint("R-1", kStarted, "C-9", "SH1").set("purpose", "prevent_absconding"));
  EXPECT_TRUE(h.run("2025-03-20T00:00:00Z").findings.empty());
}

// A home with no record on file as of T cannot be shown to be secure.
TEST(RestraintCheckerTest, HomeWithoutRecordIsNotTakenAsSecure) {
  Harness h = restraints();
  h.add(restraint("R-1", kStarted, "C-5", "H9").set("purpose", "prevent_absconding"));
  const auto f = only(h.run("2025-03-20T00:00:00Z"), "CHR-20-PURPOSE");
  ASSERT_TRUE(f);
  EXPECT_EQ(f->home, "H9");
}

// A restraint with no purpose cannot be shown lawful once its record is due.
TEST(RestraintCheckerTest, MissingPurposeIsABreachOnceTheRecordIsDue) {
  Harness h = restraints();
  h.add(restraint("R-1", kStarted).drop("purpose"));
  expect_deadline(h, "CHR-20-PURPOSE", kRecordDue);
  const auto f = only(h.run("2025-03-10T00:00:00Z"), "CHR-20-PURPOSE");
  ASSERT_TRUE(f);
  EXPECT_EQ(
      f->summary,
      "Restraint R-1 for child C-1 records no purpose 24 h after it started (due 2025-03-04T10:00:00Z).");
}

// A restraint recorded before it started (a future start) is judged from its start.
TEST(RestraintCheckerTest, FutureStartIsJudgedFromItsStart) {
  Harness h = restraints();
  h.add(restraint("R-1", kStarted)
            .set("purpose", "prevent_absconding")
            .set("recorded_at", "2025-03-03T09:00:00Z"));
  const auto before = h.run("2025-03-03T09:30:00Z");
  EXPECT_TRUE(before.findings.empty());
  ASSERT_TRUE(before.next_look.has_value());
  EXPECT_EQ(*before.next_look, at(kStarted));
  EXPECT_EQ(h.run(kStarted).rules(), Rules{"CHR-20-PURPOSE"});
}

// --- as of T ---

// A restraint written only after every deadline had passed is invisible to audits before it was
// written, then overdue on every count it misses.
TEST(RestraintCheckerTest, LateWrittenRestraintAppearsWhenWritten) {
  Harness h = restraints();
  h.add(restraint("R-1", kStarted)
            .set("recorded_at", "2025-03-12T09:00:00Z")
            .drop("reviewer_signed_at")
            .drop("child_spoken_to_at")
            .drop("behaviour"));
  EXPECT_TRUE(h.run("2025-03-12T08:59:59Z").findings.empty());
  EXPECT_EQ(h.run("2025-03-12T09:00:00Z").rules(),
            (Rules{"CHR-35-CHILD-5D", "CHR-35-RECORD-CONTENT", "CHR-35-USER-48H"}));
}

// Restraints of different children fall in different timelines and give findings on each child.
TEST(RestraintCheckerTest, FindingsBelongToEachChild) {
  Harness h = restraints();
  h.add(restraint("R-1", kStarted, "C-1").drop("child_spoken_to_at"))
      .add(restraint("R-2", kStarted, "C-2").drop("child_spoken_to_at"));
  const auto result = h.run("2025-03-20T00:00:00Z");
  ASSERT_EQ(result.findings.size(), 2u);
  std::vector<std::string> children;
  for (const auto& f : result.findings) children.push_back(f.child + "/" + f.evidence.front());
  std::sort(children.begin(), children.end());
  EXPECT_EQ(children, (std::vector<std::string>{"C-1/R-1", "C-2/R-2"}));
}

}  // namespace
}  // namespace carewatch::plugins::restraint
