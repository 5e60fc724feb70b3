// ReviewChecker: the first looked-after review within 20 working days of looked_after_since, the second
// within three months of the first, then no gap over six months; and the child's views at each review.

#include "review_checker.hpp"

#include <algorithm>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "rule_catalogue.hpp"
#include "test_support.hpp"

namespace carewatch::plugins::care_planning {
namespace {

using namespace testing;

// C-1 became looked after on Monday 3 March 2025 and was admitted that morning.
Line looked_after_placement(std::string_view since = "2025-03-03") {
  return placement("C-1", "2025-03-03T10:00:00Z").set("looked_after_since", std::string(since));
}

// Reviews in time at each interval raise nothing, and the next is awaited six months after the last.
TEST(ReviewCheckerTest, ReviewsInTimeAreCompliant) {
  auto h = harness<ReviewChecker>();
  h.add(looked_after_placement()).add(review("RV-1", "2025-03-20T10:00:00Z"));
  h.add(review("RV-2", "2025-06-10T10:00:00Z")).add(review("RV-3", "2025-11-20T10:00:00Z"));
  const auto result = h.run("2025-12-01T00:00:00Z");
  EXPECT_TRUE(result.findings.empty());
  EXPECT_EQ(stamp(result.next_look), "2026-05-20T09:00:01Z");
}

// No first review within 20 working days: the 20th working day after Monday 3 March is Monday 31
// March, and its whole local day is allowed (to midnight BST, after the clock change).
TEST(ReviewCheckerTest, FirstReviewIsDueWithinTwentyWorkingDays) {
  auto h = harness<ReviewChecker>();
  h.add(looked_after_placement());
  expect_deadline(h, kReview, at("2025-03-31T23:00:00Z"));
  const auto f = only(h.run("2025-04-02T00:00:00Z"), kReview);
  ASSERT_TRUE(f);
  EXPECT_EQ(f->evidence, std::vector<std::string>{"C-1"});
  EXPECT_EQ(f->summary,
            "Child C-1, looked after since 2025-03-03, has had no first review within 20 working days (due "
            "2025-03-31T23:00:00Z).");
}

// The working days skip Good Friday and Easter Monday: from Tuesday 1 April the 20th working day is
// Thursday 1 May.
TEST(ReviewCheckerTest, FirstReviewWorkingDaysSkipBankHolidays) {
  auto h = harness<ReviewChecker>();
  h.add(placement("C-1", "2025-04-01T10:00:00Z").set("looked_after_since", "2025-04-01"));
  expect_deadline(h, kReview, at("2025-05-01T23:00:00Z"));
}

// The second review is due three calendar months after the first, at its local time (10:00 GMT on 20
// March is due at 10:00 BST on 20 June).
TEST(ReviewCheckerTest, SecondReviewIsDueWithinThreeMonthsOfTheFirst) {
  auto h = harness<ReviewChecker>();
  h.add(looked_after_placement()).add(review("RV-1", "2025-03-20T10:00:00Z"));
  expect_deadline(h, kReview, at("2025-06-20T09:00:00Z"));
  const auto f = only(h.run("2025-06-21T00:00:00Z"), kReview);
  ASSERT_TRUE(f);
  EXPECT_EQ(f->evidence, std::vector<std::string>{"RV-1"});
  EXPECT_EQ(f->summary,
            "Child C-1 has had no second review within 3 months of review RV-1 at 2025-03-20T10:00:00Z (due "
            "2025-06-20T09:00:00Z).");
}

// Later reviews are due six calendar months apart, across the month end and the clock change (11:00 BST
// on 10 June is due at 11:00 GMT on 10 December).
TEST(ReviewCheckerTest, LaterReviewsAreDueWithinSixMonths) {
  auto h = harness<ReviewChecker>();
  h.add(looked_after_placement()).add(review("RV-1", "2025-03-20T10:00:00Z"));
  h.add(review("RV-2", "2025-06-10T10:00:00Z"));
  expect_deadline(h, kReview, at("2025-12-10T11:00:00Z"));
}

// Six months from 31 August ends on the last day of February.
TEST(ReviewCheckerTest, MonthsClampToTheEndOfAShortMonth) {
  auto h = harness<ReviewChecker>();
  h.add(placement("C-1", "2025-03-03T10:00:00Z").set("looked_after_since", "2025-03-03"));
  h.add(review("RV-1", "2025-03-20T10:00:00Z")).add(review("RV-2", "2025-06-10T10:00:00Z"));
  h.add(review("RV-3", "2025-08-31T10:00:00Z"));
  expect_deadline(h, kReview, at("2026-02-28T11:00:00Z"));
}

// A first review held late stays a breach (the late review as evidence, same fingerprint as while it
// was open), and the second is then due three months after it.
TEST(ReviewCheckerTest, LateFirstReviewStaysABreach) {
  auto h = harness<ReviewChecker>();
  h.add(looked_after_placement());
  const auto open = only(h.run("2025-04-02T00:00:00Z"), kReview);
  h.add(review("RV-1", "2025-04-10T10:00:00Z"));
  const auto result = h.run("2025-04-20T00:00:00Z");
  const auto closed = only(result, kReview);
  ASSERT_TRUE(open && closed);
  EXPECT_EQ(closed->fingerprint, open->fingerprint);
  EXPECT_EQ(closed->evidence, (std::vector<std::string>{"C-1", "RV-1"}));
  EXPECT_EQ(stamp(closed->due_at), "2025-03-31T23:00:00Z");
  EXPECT_NE(closed->summary.find("; the first was review RV-1 at 2025-04-10T10:00:00Z."), std::string::npos)
      << closed->summary;
  EXPECT_EQ(stamp(result.next_look), "2025-07-10T10:00:01Z");
}

// A review recorded before it is held does not count until held; the engine is asked to look again
// then, and from then the next interval runs from it.
TEST(ReviewCheckerTest, PlannedReviewCountsWhenHeld) {
  auto h = harness<ReviewChecker>();
  h.add(looked_after_placement());
  h.add(review("RV-1", "2025-04-10T10:00:00Z").set("recorded_at", "2025-03-20T10:00:00Z"));
  const auto before = h.run("2025-04-02T00:00:00Z");
  EXPECT_EQ(before.of_rule(kReview).size(), 1u);
  EXPECT_EQ(stamp(before.next_look), "2025-04-10T10:00:00Z");
  const auto after = h.run("2025-04-10T10:00:00Z");
  const auto f = only(after, kReview);
  ASSERT_TRUE(f);
  EXPECT_EQ(f->evidence, (std::vector<std::string>{"C-1", "RV-1"}));
  EXPECT_EQ(stamp(after.next_look), "2025-07-10T10:00:01Z");
}

// A review written up late counts from when it was written: before then the first review is missing,
// once written (held in time) it is not.
TEST(ReviewCheckerTest, LateWrittenReviewCountsFromWhenItWasWritten) {
  auto h = harness<ReviewChecker>();
  h.add(looked_after_placement());
  h.add(review("RV-1", "2025-03-20T10:00:00Z").set("recorded_at", "2025-04-03T10:00:00Z"));
  EXPECT_EQ(h.run("2025-04-02T00:00:00Z").of_rule(kReview).size(), 1u);
  EXPECT_TRUE(h.run("2025-04-03T10:00:00Z").of_rule(kReview).empty());
}

// Without looked_after_since the first review cannot be placed: the longest interval reg 33 allows,
// six months, runs from admission and between the reviews on record.
TEST(ReviewCheckerTest, WithoutLookedAfterSinceSixMonthsRunFromAdmission) {
  auto h = harness<ReviewChecker>();
  h.add(placement("C-1", "2025-03-03T10:00:00Z"));
  expect_deadline(h, kReview, at("2025-09-03T09:00:00Z"));
  const auto f = only(h.run("2025-09-04T00:00:00Z"), kReview);
  ASSERT_TRUE(f);
  EXPECT_EQ(
      f->summary,
      "Child C-1, placed at 2025-03-03T10:00:00Z, has had no review within 6 months of the placement (due "
      "2025-09-03T09:00:00Z).");
  h.add(review("RV-1", "2025-04-01T10:00:00Z"));
  expect_deadline(h, kReview, at("2025-10-01T10:00:00Z"));
}

// A child looked after long before this placement may have had the first reviews elsewhere: six months
// run from admission, and the review after the first on record is not taken as the second.
TEST(ReviewCheckerTest, ChildLookedAfterBeforeThePlacementCountsFromAdmission) {
  auto h = harness<ReviewChecker>();
  h.add(looked_after_placement("2023-01-09"));
  expect_deadline(h, kReview, at("2025-09-03T09:00:00Z"));
  h.add(review("RV-1", "2025-04-01T10:00:00Z"));
  expect_deadline(h, kReview, at("2025-10-01T10:00:00Z"));
}

// A child who left before a review fell due is not owed it.
TEST(ReviewCheckerTest, ChildWhoLeftBeforeTheDeadlineIsNotOwedTheReview) {
  auto h = harness<ReviewChecker>();
  h.add(looked_after_placement().set("left_at", "2025-03-25T10:00:00Z"));
  const auto result = h.run("2025-06-01T00:00:00Z");
  EXPECT_TRUE(result.findings.empty());
  EXPECT_FALSE(result.next_look.has_value());
}

// The intervals are parameters.
TEST(ReviewCheckerTest, IntervalsAreConfigurable) {
  sdk::Parameters p;
  p.set("first_review_working_days", 5);
  p.set("second_review_months", 1);
  auto h = harness<ReviewChecker>(p);
  h.add(looked_after_placement());
  expect_deadline(h, kReview, at("2025-03-11T00:00:00Z"));
  h.add(review("RV-1", "2025-03-07T10:00:00Z"));
  expect_deadline(h, kReview, at("2025-04-07T09:00:00Z"));
}

// A review the child did not take part in, or with no views recorded, is raised at once with no
// deadline; one naming both problems says both.
TEST(ReviewCheckerTest, ReviewWithoutTheChildsVoiceIsABreach) {
  auto h = harness<ReviewChecker>();
  h.add(looked_after_placement());
  h.add(review("RV-1", "2025-03-20T10:00:00Z").set("child_participation", "none"));
  h.add(review("RV-2", "2025-03-21T10:00:00Z").drop("child_views"));
  h.add(review("RV-3", "2025-03-22T10:00:00Z").set("child_participation", "none").set("child_views", " "));
  h.add(review("RV-4", "2025-03-23T10:00:00Z").set("child_participation", "via_advocate"));
  h.add(review("RV-5", "2025-03-24T10:00:00Z").drop("child_participation"));
  const auto result = h.run("2025-03-25T00:00:00Z");
  std::vector<std::string> summaries;
  for (const sdk::Finding* f : result.of_rule(kVoice)) {
    EXPECT_FALSE(f->due_at.has_value());
    EXPECT_EQ(f->evidence.size(), 1u);
    summaries.push_back(f->summary);
  }
  std::sort(summaries.begin(), summaries.end());
  EXPECT_EQ(summaries,
            (std::vector<std::string>{
                "Review RV-1 for child C-1 at 2025-03-20T10:00:00Z records no participation by the child.",
                "Review RV-2 for child C-1 at 2025-03-21T10:00:00Z records no child_views.",
                "Review RV-3 for child C-1 at 2025-03-22T10:00:00Z records no participation by the "
                "child and no child_views.",
            }));
}

// A review recorded before it is held is judged once held; a revision recording the views closes it.
TEST(ReviewCheckerTest, VoiceIsJudgedWhenTheReviewIsHeldAndClosedByViews) {
  auto h = harness<ReviewChecker>();
  h.add(looked_after_placement());
  const Line planned =
      review("RV-1", "2025-03-20T10:00:00Z").drop("child_views").set("recorded_at", "2025-03-10T10:00:00Z");
  h.add(planned);
  const auto before = h.run("2025-03-19T00:00:00Z");
  EXPECT_TRUE(before.of_rule(kVoice).empty());
  EXPECT_EQ(stamp(before.next_look), "2025-03-20T10:00:00Z");
  EXPECT_EQ(h.run("2025-03-20T10:00:00Z").of_rule(kVoice).size(), 1u);
  h.add(Line(planned).set("child_views", std::string(kFreeText)).revision(2, "2025-03-21T10:00:00Z"));
  EXPECT_TRUE(h.run("2025-03-21T10:00:00Z").of_rule(kVoice).empty());
}

}  // namespace
}  // namespace carewatch::plugins::care_planning
