// ComplaintChecker: CHR-39-RECORD and CHR-39-INDEPENDENCE over the home fixture. Unless a test says
// otherwise a complaint is received on Monday 2025-02-03T10:00:00Z, so its outcome is due by the
// practice target on 2025-03-03T10:00:00Z.

#include "complaint_checker.hpp"

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
const sdk::TimePoint kDue = at("2025-03-03T10:00:00Z");

Harness complaints(sdk::Parameters params = {}) {
  return harness<ComplaintChecker>(std::move(params));
}

// A complaint closed with its outcome and actions in time, handled by someone it is not about, raises
// nothing and leaves nothing to look at again.
TEST(ComplaintCheckerTest, ClosedComplaintIsCompliant) {
  Harness h = complaints();
  const Line open = complaint("CMP-1", kReceived);
  h.add(open).add(closed(open, "2025-02-10T15:00:00Z").revision(2, "2025-02-10T15:30:00Z"));
  const auto result = h.run("2025-04-01T00:00:00Z");
  EXPECT_TRUE(result.findings.empty());
  EXPECT_FALSE(result.next_look.has_value());
}

// --- CHR-39-RECORD ---

// A complaint still open is due at the practice target; the finding lists what is missing and says the
// target is practice, not statute.
TEST(ComplaintCheckerTest, OpenComplaintIsOverdueAtThePracticeTarget) {
  Harness h = complaints();
  h.add(complaint("CMP-1", kReceived));
  expect_deadline(h, "CHR-39-RECORD", kDue);
  const auto f = only(h.run("2025-03-10T00:00:00Z"), "CHR-39-RECORD");
  ASSERT_TRUE(f);
  EXPECT_EQ(f->home, "H1");
  EXPECT_EQ(f->child, "C-1");
  EXPECT_EQ(f->staff, "");
  EXPECT_EQ(f->evidence, Evidence{"CMP-1"});
  EXPECT_EQ(f->summary,
            "Complaint CMP-1 concerning child C-1 has no outcome, actions and closed_at within the practice "
            "target of 28 days (not a statutory deadline; due 2025-03-03T10:00:00Z).");
  EXPECT_EQ(f->severity, sdk::Severity::medium);
  EXPECT_EQ(f->regulation, "Children's Homes (England) Regulations 2015 reg 39(3)");
  EXPECT_EQ(f->escalate_to, std::vector<std::string>{"registered_manager"});
}

// The 28 days are calendar days on the local wall clock: across the March change 10:00 GMT becomes
// 10:00 BST (09:00 UTC), across the October change 10:00 BST becomes 10:00 GMT.
TEST(ComplaintCheckerTest, TargetKeepsTheLocalTimeAcrossClockChanges) {
  Harness spring = complaints();
  spring.add(complaint("CMP-1", "2025-03-10T10:00:00Z"));
  expect_deadline(spring, "CHR-39-RECORD", at("2025-04-07T09:00:00Z"));
  Harness autumn = complaints();
  autumn.add(complaint("CMP-2", "2025-10-06T09:00:00Z"));
  expect_deadline(autumn, "CHR-39-RECORD", at("2025-11-03T10:00:00Z"));
}

// An outcome and actions without a closing date still leave the record incomplete; a complaint naming
// no child is described without one.
TEST(ComplaintCheckerTest, EachClosingFieldIsRequired) {
  Harness h = complaints();
  h.add(closed(complaint("CMP-1", kReceived, "staff", ""), "2025-02-10T15:00:00Z").drop("closed_at"));
  const auto f = only(h.run("2025-03-10T00:00:00Z"), "CHR-39-RECORD");
  ASSERT_TRUE(f);
  EXPECT_EQ(f->child, "");
  EXPECT_EQ(
      f->summary,
      "Complaint CMP-1 has no closed_at within the practice target of 28 days (not a statutory deadline; "
      "due 2025-03-03T10:00:00Z).");
}

// A closing date after T is not yet in effect: the engine is asked to look again then, and from then on
// the complaint is closed even though it was late.
TEST(ComplaintCheckerTest, ClosingDatedAfterTCountsFromItsOwnTime) {
  Harness h = complaints();
  h.add(closed(complaint("CMP-1", kReceived), "2025-03-05T12:00:00Z"));
  const auto overdue = h.run("2025-03-04T00:00:00Z");
  EXPECT_EQ(overdue.rules(), Rules{"CHR-39-RECORD"});
  ASSERT_TRUE(overdue.next_look.has_value());
  EXPECT_EQ(*overdue.next_look, at("2025-03-05T12:00:00Z"));
  EXPECT_TRUE(h.run("2025-03-05T12:00:00Z").findings.empty());
}

// A complaint written down only after the target had passed is invisible to audits before it was
// written, and overdue from then on.
TEST(ComplaintCheckerTest, LateWrittenComplaintAppearsWhenWritten) {
  Harness h = complaints();
  h.add(complaint("CMP-1", kReceived).set("recorded_at", "2025-03-20T09:00:00Z"));
  EXPECT_TRUE(h.run("2025-03-20T08:59:59Z").findings.empty());
  EXPECT_EQ(h.run("2025-03-20T09:00:00Z").rules(), Rules{"CHR-39-RECORD"});
}

// The target is the `record_target_days` parameter.
TEST(ComplaintCheckerTest, TargetIsConfigurable) {
  sdk::Parameters params;
  params.set("record_target_days", 7);
  Harness h = complaints(params);
  h.add(complaint("CMP-1", kReceived));
  expect_deadline(h, "CHR-39-RECORD", at("2025-02-10T10:00:00Z"));
  const auto f = only(h.run("2025-03-01T00:00:00Z"), "CHR-39-RECORD");
  ASSERT_TRUE(f);
  EXPECT_NE(f->summary.find("practice target of 7 days"), std::string::npos) << f->summary;
}

// --- CHR-39-INDEPENDENCE ---

// A complaint handled by one of the staff it is about is raised at once, naming the handler, with no
// deadline.
TEST(ComplaintCheckerTest, HandlerWhoIsComplainedAboutIsABreach) {
  Harness h = complaints();
  const Line open =
      complaint("CMP-1", kReceived).set("about_staff", sdk::Array{sdk::Value("S-2"), sdk::Value("S-4")});
  h.add(closed(open, "2025-02-10T15:00:00Z").set("handled_by", "S-4"));
  const auto f = only(h.run("2025-02-03T11:00:00Z"), "CHR-39-INDEPENDENCE");
  ASSERT_TRUE(f);
  EXPECT_EQ(f->staff, "S-4");
  EXPECT_EQ(f->child, "C-1");
  EXPECT_EQ(f->evidence, Evidence{"CMP-1"});
  EXPECT_FALSE(f->due_at.has_value());
  EXPECT_EQ(
      f->summary,
      "Complaint CMP-1 concerning child C-1 is handled by staff S-4, who is one of the staff it is about.");
  EXPECT_EQ(f->severity, sdk::Severity::high);
  EXPECT_EQ(f->regulation, "Children's Homes (England) Regulations 2015 reg 39(2)");
}

// Handing the complaint to someone else closes the finding from the revision that does so.
TEST(ComplaintCheckerTest, AnotherHandlerClosesIt) {
  Harness h = complaints();
  const Line first = complaint("CMP-1", kReceived).set("handled_by", "S-2");
  h.add(first).add(first.revision(2, "2025-02-04T09:00:00Z").set("handled_by", "S-RM"));
  EXPECT_EQ(h.run("2025-02-04T08:59:59Z").rules(), Rules{"CHR-39-INDEPENDENCE"});
  EXPECT_TRUE(h.run("2025-02-04T09:00:00Z").findings.empty());
}

// No handler, or a handler the complaint is not about, raises nothing.
TEST(ComplaintCheckerTest, UnrelatedOrMissingHandlerIsNotABreach) {
  Harness h = complaints();
  h.add(complaint("CMP-1", kReceived).drop("handled_by"))
      .add(complaint("CMP-2", kReceived).set("handled_by", "S-9"));
  EXPECT_TRUE(h.run("2025-02-05T00:00:00Z").findings.empty());
}

}  // namespace
}  // namespace carewatch::plugins::complaints
