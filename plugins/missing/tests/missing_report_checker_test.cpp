// MissingReportChecker: MISS-REPORT — a missing child reported to the police and the placing authority
// notified within the practice target (default 24 h, a plain duration) of missing_from. Unless a test says
// otherwise the child goes missing at 2025-03-03T22:00:00Z, so both are due at 2025-03-04T22:00:00Z.

#include "missing_report_checker.hpp"

#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "test_support.hpp"

namespace carewatch::plugins::missing {
namespace {

using namespace testing;
using Evidence = std::vector<std::string>;

constexpr std::string_view kRule = "MISS-REPORT";
constexpr std::string_view kDue = "2025-03-04T22:00:00Z";

Harness reports(sdk::Parameters params = {}) {
  return harness<MissingReportChecker>(std::move(params));
}

Line unreported(std::string_view id = "ME-1") {
  return episode(id, "2025-03-03T22:00:00Z")
      .drop("reported_to_police_at")
      .drop("placing_authority_notified_at");
}

// Reported to both within hours: nothing, and nothing to look at again.
TEST(MissingReportCheckerTest, ReportedToBothGivesNoFinding) {
  Harness h = reports();
  h.add(episode("ME-1", "2025-03-03T22:00:00Z"));
  const auto result = h.run("2025-04-01T00:00:00Z");
  EXPECT_TRUE(result.findings.empty());
  EXPECT_FALSE(result.next_look);
}

// Reported to neither: nothing at the target, the finding a second later naming both, saying the target
// is practice, about the child, with the episode as evidence.
TEST(MissingReportCheckerTest, UnreportedEpisodeFiresAfterThePracticeTarget) {
  Harness h = reports();
  h.add(unreported());
  expect_deadline(h, kRule, at(kDue));
  const auto f = only(h.run("2025-03-05T00:00:00Z"), kRule);
  ASSERT_TRUE(f);
  EXPECT_EQ(f->home, "H1");
  EXPECT_EQ(f->child, "C-1");
  EXPECT_EQ(f->evidence, (Evidence{"ME-1"}));
  EXPECT_EQ(
      f->summary,
      "Missing episode ME-1 of child C-1 was not reported to the police and the placing authority within "
      "the practice target of 24 h (not a statutory deadline; due 2025-03-04T22:00:00Z).");
  EXPECT_EQ(f->regulation, "Children's Homes (England) Regulations 2015 reg 34(4)");
  EXPECT_EQ(f->escalate_to, (Evidence{"registered_manager", "placing_authority"}));
  EXPECT_EQ(f->severity, sdk::Severity::high);
}

// Reported to the police only: the finding names the placing authority alone.
TEST(MissingReportCheckerTest, FindingNamesOnlyWhatIsMissing) {
  Harness h = reports();
  h.add(episode("ME-1", "2025-03-03T22:00:00Z").drop("placing_authority_notified_at"));
  const auto f = only(h.run("2025-03-05T00:00:00Z"), kRule);
  ASSERT_TRUE(f);
  EXPECT_NE(f->summary.find("was not reported to the placing authority within"), std::string::npos)
      << f->summary;
}

// A child back within the hour still had to be reported.
TEST(MissingReportCheckerTest, QuickReturnStillNeedsTheReports) {
  Harness h = reports();
  h.add(unreported().set("returned_at", "2025-03-03T22:40:00Z"));
  EXPECT_EQ(h.run("2025-03-05T00:00:00Z").of_rule(kRule).size(), 1u);
}

// 24 hours are a plain duration: from 12:00 UTC on 25 October, across the autumn change, the target
// falls at 12:00 UTC on 26 October (12:00 GMT, though the child went missing at 13:00 BST).
TEST(MissingReportCheckerTest, TargetIgnoresTheClockChange) {
  Harness h = reports();
  h.add(episode("ME-1", "2025-10-25T12:00:00Z").drop("reported_to_police_at"));
  expect_deadline(h, kRule, at("2025-10-26T12:00:00Z"));
}

// report_target_hours moves the target.
TEST(MissingReportCheckerTest, TargetParameterMovesTheDeadline) {
  Harness h = reports(one("report_target_hours", 4));
  h.add(unreported());
  expect_deadline(h, kRule, at("2025-03-04T02:00:00Z"));
}

// The reports written into a later revision after the target: the finding before it was written, none
// after, and a report dated after T is not yet in effect (the engine looks again then).
TEST(MissingReportCheckerTest, LateAndFutureDatedReports) {
  Harness h = reports();
  const Line first = unreported();
  h.add(first).add(first.revision(2, "2025-03-06T09:00:00Z")
                       .set("reported_to_police_at", "2025-03-05T09:00:00Z")
                       .set("placing_authority_notified_at", "2025-03-07T09:00:00Z"));
  EXPECT_EQ(h.run("2025-03-06T08:59:59Z").of_rule(kRule).size(), 1u);
  const auto pending = h.run("2025-03-06T09:00:00Z");
  const auto f = only(pending, kRule);
  ASSERT_TRUE(f);
  EXPECT_NE(f->summary.find("not reported to the placing authority within"), std::string::npos) << f->summary;
  ASSERT_TRUE(pending.next_look);
  EXPECT_EQ(sdk::format_timestamp(*pending.next_look), "2025-03-07T09:00:00Z");
  EXPECT_TRUE(h.run("2025-03-07T09:00:00Z").findings.empty());
}

}  // namespace
}  // namespace carewatch::plugins::missing
