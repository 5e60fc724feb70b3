// QualityReviewChecker: CHR-45-REVIEW-6M (a completed reg 45 review at least every six calendar months,
// counted from the last one or the home's first record), CHR-45-REPORT-28D (the report sent to Ofsted
// within 28 calendar days of completion) and CHR-45-CONSULTATION (all four groups consulted).

#include "quality_review_checker.hpp"

#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "test_support.hpp"

namespace carewatch::plugins::independent_monitoring {
namespace {

using namespace testing;
using Evidence = std::vector<std::string>;

constexpr std::string_view kReviewRule = "CHR-45-REVIEW-6M";
constexpr std::string_view kReportRule = "CHR-45-REPORT-28D";
constexpr std::string_view kConsultationRule = "CHR-45-CONSULTATION";

Harness reviews(sdk::Parameters params = {}) {
  return harness<QualityReviewChecker>(std::move(params));
}

// --- CHR-45-REVIEW-6M ---

// Six calendar months from a review completed at 10:00 GMT on 10 March is 10:00 BST on 10 September
// (09:00 UTC): nothing then, the finding a second later, triggered by the last review.
TEST(QualityReviewCheckerTest, SixMonthsFromTheLastReviewOnTheLocalClock) {
  Harness h = reviews();
  h.add(review("RV-1", "2025-03-10T10:00:00Z"));
  expect_deadline(h, kReviewRule, at("2025-09-10T09:00:00Z"));
  const auto f = only(h.run("2025-09-11T00:00:00Z"), kReviewRule);
  ASSERT_TRUE(f);
  EXPECT_EQ(f->evidence, (Evidence{"RV-1"}));
  EXPECT_EQ(
      f->summary,
      "No reg 45 review of home H1 has been completed within 6 months of review RV-1, completed 2025-03-10 "
      "(due 2025-09-10T09:00:00Z).");
}

// Across the autumn change: 10:00 BST on 10 September plus six months is 10:00 GMT on 10 March.
TEST(QualityReviewCheckerTest, SixMonthsAcrossTheAutumnClockChange) {
  Harness h = reviews();
  h.add(review("RV-1", "2025-09-10T10:00:00+01:00"));
  expect_deadline(h, kReviewRule, at("2026-03-10T10:00:00Z"));
}

// Six months from 31 August end on the last day of February (the month is shorter), at the same local
// time of day: 10:00 BST becomes 10:00 GMT on 28 February.
TEST(QualityReviewCheckerTest, SixMonthsFromAMonthEndClampToTheShorterMonth) {
  Harness h = reviews();
  h.add(review("RV-1", "2025-08-31T10:00:00+01:00"));
  expect_deadline(h, kReviewRule, at("2026-02-28T10:00:00Z"));
}

// A home with no review is counted from its first record (15 December 09:00 GMT), triggered by the home.
TEST(QualityReviewCheckerTest, NoReviewCountsFromTheHomesFirstRecord) {
  Harness h = reviews();
  expect_deadline(h, kReviewRule, at("2025-06-15T08:00:00Z"));
  const auto f = only(h.run("2025-07-01T00:00:00Z"), kReviewRule);
  ASSERT_TRUE(f);
  EXPECT_EQ(f->evidence, (Evidence{"H1"}));
  EXPECT_NE(f->summary.find("of the home's first record on 2024-12-15"), std::string::npos) << f->summary;
}

// A second review within six months of the first closes the interval; the clock restarts from it
// (10:00 UTC on 20 August is 11:00 BST, so the next is due at 11:00 GMT on 20 February).
TEST(QualityReviewCheckerTest, LaterReviewRestartsTheClock) {
  Harness h = reviews();
  h.add(review("RV-1", "2025-03-10T10:00:00Z")).add(review("RV-2", "2025-08-20T10:00:00Z"));
  const auto result = h.run("2025-12-01T00:00:00Z");
  EXPECT_TRUE(result.findings.empty());
  ASSERT_TRUE(result.next_look);
  EXPECT_EQ(sdk::format_timestamp(*result.next_look), "2026-02-20T11:00:01Z");
}

// A review with no completed_at is not a completed review.
TEST(QualityReviewCheckerTest, UncompletedReviewDoesNotCount) {
  Harness h = reviews();
  h.add(review("RV-1", "2025-03-10T10:00:00Z"))
      .add(review("RV-2", "2025-08-20T10:00:00Z").drop("completed_at"));
  const auto f = only(h.run("2025-09-11T00:00:00Z"), kReviewRule);
  ASSERT_TRUE(f);
  EXPECT_EQ(f->evidence, (Evidence{"RV-1"}));
}

// A review written after the deadline (completed late): the finding until it was written, then none.
TEST(QualityReviewCheckerTest, LateReviewClosesFromWhenItWasWritten) {
  Harness h = reviews();
  h.add(review("RV-1", "2025-03-10T10:00:00Z")).add(review("RV-2", "2025-09-20T10:00:00Z"));
  EXPECT_EQ(h.run("2025-09-20T10:59:59Z").of_rule(kReviewRule).size(), 1u);
  EXPECT_TRUE(h.run("2025-09-20T11:00:00Z").of_rule(kReviewRule).empty());
}

// review_interval_months shortens the interval.
TEST(QualityReviewCheckerTest, IntervalParameterShortensTheInterval) {
  Harness h = reviews(one("review_interval_months", 3));
  h.add(review("RV-1", "2025-03-10T10:00:00Z"));
  expect_deadline(h, kReviewRule, at("2025-06-10T09:00:00Z"));
}

// --- CHR-45-REPORT-28D ---

// A report sent a week after completion gives nothing.
TEST(QualityReviewCheckerTest, ReportSentInTimeGivesNoFinding) {
  Harness h = reviews();
  h.add(review("RV-1", "2025-03-10T10:00:00Z"));
  EXPECT_TRUE(h.run("2025-05-01T00:00:00Z").of_rule(kReportRule).empty());
}

// 28 calendar days from 10:00 BST on 10 October is 10:00 GMT on 7 November (not 09:00 UTC, which 28 x
// 24 h would give): nothing then, the finding a second later, triggered by the review.
TEST(QualityReviewCheckerTest, ReportDeadlineIs28LocalDaysAcrossTheClockChange) {
  Harness h = reviews();
  h.add(review("RV-1", "2025-10-10T10:00:00+01:00").drop("sent_to_ofsted_at"));
  expect_deadline(h, kReportRule, at("2025-11-07T10:00:00Z"));
  const auto f = only(h.run("2025-11-08T00:00:00Z"), kReportRule);
  ASSERT_TRUE(f);
  EXPECT_EQ(f->evidence, (Evidence{"RV-1"}));
  EXPECT_EQ(
      f->summary,
      "The report of reg 45 review RV-1 for home H1 was not sent to Ofsted within 28 days of its completion "
      "(due 2025-11-07T10:00:00Z).");
}

// Across a month end: completed 20 January, due 17 February; review_report_days shortens it.
TEST(QualityReviewCheckerTest, ReportDeadlineAcrossAMonthEndAndParameter) {
  Harness h = reviews();
  h.add(review("RV-1", "2025-01-20T10:00:00Z").drop("sent_to_ofsted_at"));
  expect_deadline(h, kReportRule, at("2025-02-17T10:00:00Z"));
  Harness fast = reviews(one("review_report_days", 14));
  fast.add(review("RV-1", "2025-01-20T10:00:00Z").drop("sent_to_ofsted_at"));
  expect_deadline(fast, kReportRule, at("2025-02-03T10:00:00Z"));
}

// The send date written in a later revision: the finding before it was written, none after.
TEST(QualityReviewCheckerTest, LateSendDateClosesFromWhenItWasWritten) {
  Harness h = reviews();
  const Line first = review("RV-1", "2025-01-20T10:00:00Z").drop("sent_to_ofsted_at");
  h.add(first).add(
      first.revision(2, "2025-03-01T09:00:00Z").set("sent_to_ofsted_at", "2025-02-28T09:00:00Z"));
  EXPECT_EQ(h.run("2025-03-01T08:59:59Z").of_rule(kReportRule).size(), 1u);
  EXPECT_TRUE(h.run("2025-03-01T09:00:00Z").of_rule(kReportRule).empty());
}

// --- CHR-45-CONSULTATION ---

// A completed review that left out parents and staff gives a finding naming them, with no deadline, as
// soon as it is on record.
TEST(QualityReviewCheckerTest, ReviewMissingConsulteesFires) {
  Harness h = reviews();
  h.add(review("RV-1", "2025-03-10T10:00:00Z")
            .set("consulted", sdk::Array{sdk::Value("children"), sdk::Value("placing_authorities")}));
  const auto f = only(h.run("2025-03-10T11:00:00Z"), kConsultationRule);
  ASSERT_TRUE(f);
  EXPECT_EQ(f->evidence, (Evidence{"RV-1"}));
  EXPECT_FALSE(f->due_at);
  EXPECT_EQ(f->summary, "Reg 45 review RV-1 for home H1 was completed without consulting parents and staff.");
  EXPECT_EQ(f->escalate_to, (Evidence{"responsible_individual"}));
}

// A review that consulted all four groups gives nothing; one with no consulted list names all four.
TEST(QualityReviewCheckerTest, ConsultationOfAllFourClosesIt) {
  Harness h = reviews();
  h.add(review("RV-1", "2025-03-10T10:00:00Z"));
  EXPECT_TRUE(h.run("2025-04-01T00:00:00Z").of_rule(kConsultationRule).empty());
  Harness none = reviews();
  none.add(review("RV-1", "2025-03-10T10:00:00Z").drop("consulted"));
  const auto f = only(none.run("2025-04-01T00:00:00Z"), kConsultationRule);
  ASSERT_TRUE(f);
  EXPECT_NE(f->summary.find("children, parents, placing authorities and staff"), std::string::npos)
      << f->summary;
}

// The missing groups added in a later revision: the finding until that revision was written, then none.
TEST(QualityReviewCheckerTest, LateConsultationRecordClosesFromWhenItWasWritten) {
  Harness h = reviews();
  const Line first = review("RV-1", "2025-03-10T10:00:00Z")
                         .set("consulted", sdk::Array{sdk::Value("children"), sdk::Value("staff")});
  h.add(first).add(review("RV-1", "2025-03-10T10:00:00Z").revision(2, "2025-04-02T09:00:00Z"));
  EXPECT_EQ(h.run("2025-04-02T08:59:59Z").of_rule(kConsultationRule).size(), 1u);
  EXPECT_TRUE(h.run("2025-04-02T09:00:00Z").of_rule(kConsultationRule).empty());
}

// A review recorded as completing later than T is not yet completed: no finding, and a look-again then.
TEST(QualityReviewCheckerTest, ReviewCompletingAfterTheAuditTimeIsNotYetJudged) {
  Harness h = reviews();
  h.add(review("RV-1", "2025-03-10T10:00:00Z").drop("consulted").set("recorded_at", "2025-03-01T10:00:00Z"));
  const auto result = h.run("2025-03-05T00:00:00Z");
  EXPECT_TRUE(result.of_rule(kConsultationRule).empty());
  ASSERT_TRUE(result.next_look);
  EXPECT_EQ(sdk::format_timestamp(*result.next_look), "2025-03-10T10:00:00Z");
}

}  // namespace
}  // namespace carewatch::plugins::independent_monitoring
