// VisitChecker: the first social worker visit within a week of the placement, the intervals between
// visits (six weeks in the first year, then three months for a placement intended to last until 18),
// and seeing the child alone.

#include "visit_checker.hpp"

#include <algorithm>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "rule_catalogue.hpp"
#include "test_support.hpp"

namespace carewatch::plugins::care_planning {
namespace {

using namespace testing;

// A first visit inside the week, then nothing wrong yet: no finding, and the next visit is awaited six
// weeks on at the same local time (10:00 GMT on 7 March is 10:00 BST on 18 April).
TEST(VisitCheckerTest, FirstVisitWithinTheWeekIsCompliant) {
  auto h = harness<VisitChecker>();
  h.add(placement("C-1", "2025-03-03T10:00:00Z")).add(visit("V-1", "2025-03-07T10:00:00Z"));
  const auto result = h.run("2025-03-20T12:00:00Z");
  EXPECT_TRUE(result.findings.empty());
  EXPECT_EQ(stamp(result.next_look), "2025-04-18T09:00:01Z");
}

// No visit in the first 7 days: nothing at the deadline, the finding one second later, triggered by the
// placement and naming the child and the deadline.
TEST(VisitCheckerTest, NoFirstVisitIsABreachAfterSevenDays) {
  auto h = harness<VisitChecker>();
  h.add(placement("C-1", "2025-03-03T10:00:00Z"));
  expect_deadline(h, kFirstVisit, at("2025-03-10T10:00:00Z"));
  const auto f = only(h.run("2025-03-11T00:00:00Z"), kFirstVisit);
  ASSERT_TRUE(f);
  EXPECT_EQ(f->evidence, std::vector<std::string>{"C-1"});
  EXPECT_EQ(f->child, "C-1");
  EXPECT_EQ(f->home, "H1");
  EXPECT_EQ(f->summary,
            "Child C-1, placed at 2025-03-03T10:00:00Z, has had no social worker visit within 7 days of the "
            "placement (due 2025-03-10T10:00:00Z).");
}

// The week is counted on the Europe/London wall clock: 10:00 GMT on 28 March is due at 10:00 BST
// (09:00 UTC) on 4 April.
TEST(VisitCheckerTest, FirstWeekKeepsTheLocalTimeAcrossTheClockChange) {
  auto h = harness<VisitChecker>();
  h.add(placement("C-1", "2025-03-28T10:00:00Z"));
  expect_deadline(h, kFirstVisit, at("2025-04-04T09:00:00Z"));
}

// A first visit after the week does not undo the missed week: the finding stays with the same
// fingerprint (one escalation) and names the late visit as evidence.
TEST(VisitCheckerTest, LateFirstVisitStaysABreach) {
  auto h = harness<VisitChecker>();
  h.add(placement("C-1", "2025-03-03T10:00:00Z"));
  const auto open = only(h.run("2025-03-11T00:00:00Z"), kFirstVisit);
  h.add(visit("V-1", "2025-03-12T15:00:00Z"));
  const auto closed = only(h.run("2025-03-20T00:00:00Z"), kFirstVisit);
  ASSERT_TRUE(open && closed);
  EXPECT_EQ(closed->fingerprint, open->fingerprint);
  EXPECT_EQ(closed->evidence, (std::vector<std::string>{"C-1", "V-1"}));
  EXPECT_EQ(stamp(closed->due_at), "2025-03-10T10:00:00Z");
  EXPECT_NE(closed->summary.find("; the first was visit V-1 at 2025-03-12T15:00:00Z."), std::string::npos)
      << closed->summary;
}

// A visit exactly at the deadline is in time.
TEST(VisitCheckerTest, VisitAtTheDeadlineIsInTime) {
  auto h = harness<VisitChecker>();
  h.add(placement("C-1", "2025-03-03T10:00:00Z")).add(visit("V-1", "2025-03-10T10:00:00Z"));
  EXPECT_TRUE(h.run("2025-03-20T00:00:00Z").findings.empty());
}

// Only the social worker's visits to this child during the placement count: not another role, not a
// visit naming another child or none, not a pre-placement visit.
TEST(VisitCheckerTest, OnlyTheSocialWorkersVisitsToThisChildCount) {
  auto h = harness<VisitChecker>();
  h.add(placement("C-1", "2025-03-03T10:00:00Z")).add(placement("C-2", "2025-03-03T10:00:00Z"));
  h.add(visit("V-IRO", "2025-03-05T10:00:00Z", "C-1", "iro"));
  h.add(visit("V-OTHER", "2025-03-05T10:00:00Z", "C-2"));
  h.add(visit("V-HOME", "2025-03-05T10:00:00Z", ""));
  h.add(visit("V-BEFORE", "2025-03-01T10:00:00Z"));
  const auto f = only(h.run("2025-03-11T00:00:00Z"), kFirstVisit);
  ASSERT_TRUE(f);
  EXPECT_EQ(f->child, "C-1");
  EXPECT_EQ(f->evidence, std::vector<std::string>{"C-1"});
}

// A visit written up late is invisible to audits before it was written: as of the day before it was
// recorded the week is missed, once it is recorded (dated inside the week) it is not.
TEST(VisitCheckerTest, LateWrittenVisitCountsFromWhenItWasWritten) {
  auto h = harness<VisitChecker>();
  h.add(placement("C-1", "2025-03-03T10:00:00Z"));
  h.add(visit("V-1", "2025-03-07T10:00:00Z").set("recorded_at", "2025-03-12T09:00:00Z"));
  EXPECT_EQ(h.run("2025-03-11T00:00:00Z").of_rule(kFirstVisit).size(), 1u);
  EXPECT_TRUE(h.run("2025-03-12T09:00:00Z").of_rule(kFirstVisit).empty());
}

// A visit recorded in advance does not count before it happens; the engine is asked to look again when
// it does, and from then it ends the gap and the next interval runs from it.
TEST(VisitCheckerTest, PlannedVisitCountsWhenItHappens) {
  auto h = harness<VisitChecker>();
  h.add(placement("C-1", "2025-03-03T10:00:00Z"));
  h.add(visit("V-1", "2025-03-12T10:00:00Z").set("recorded_at", "2025-03-04T09:00:00Z"));
  const auto before = h.run("2025-03-11T00:00:00Z");
  const auto open = only(before, kFirstVisit);
  ASSERT_TRUE(open);
  EXPECT_EQ(open->evidence, std::vector<std::string>{"C-1"});
  EXPECT_EQ(stamp(before.next_look), "2025-03-12T10:00:00Z");
  const auto after = h.run("2025-03-12T10:00:00Z");
  const auto closed = only(after, kFirstVisit);
  ASSERT_TRUE(closed);
  EXPECT_EQ(closed->evidence, (std::vector<std::string>{"C-1", "V-1"}));
  EXPECT_EQ(stamp(after.next_look), "2025-04-23T09:00:01Z");
}

// In the first year an open gap is due six weeks after the last visit, on the wall clock across the
// clock change (10:00 GMT on 5 March is due at 10:00 BST on 16 April), triggered by that visit.
TEST(VisitCheckerTest, OpenGapInTheFirstYearIsDueAfterSixWeeks) {
  auto h = harness<VisitChecker>();
  h.add(placement("C-1", "2025-03-03T10:00:00Z")).add(visit("V-1", "2025-03-05T10:00:00Z"));
  expect_deadline(h, kVisit, at("2025-04-16T09:00:00Z"));
  const auto f = only(h.run("2025-04-20T00:00:00Z"), kVisit);
  ASSERT_TRUE(f);
  EXPECT_EQ(f->evidence, std::vector<std::string>{"V-1"});
  EXPECT_EQ(
      f->summary,
      "Child C-1 has had no social worker visit within 6 weeks of visit V-1 at 2025-03-05T10:00:00Z (due "
      "2025-04-16T09:00:00Z).");
}

// A gap between two visits longer than six weeks is a breach once the later visit shows it, and stays
// one: same trigger (the earlier visit), the later visit as evidence.
TEST(VisitCheckerTest, ClosedGapLongerThanTheIntervalStaysABreach) {
  auto h = harness<VisitChecker>();
  h.add(placement("C-1", "2025-03-03T10:00:00Z")).add(visit("V-1", "2025-03-05T10:00:00Z"));
  const auto open = only(h.run("2025-04-17T00:00:00Z"), kVisit);
  h.add(visit("V-2", "2025-04-20T10:00:00Z"));
  const auto result = h.run("2025-05-01T00:00:00Z");
  const auto closed = only(result, kVisit);
  ASSERT_TRUE(open && closed);
  EXPECT_EQ(closed->fingerprint, open->fingerprint);
  EXPECT_EQ(closed->evidence, (std::vector<std::string>{"V-1", "V-2"}));
  EXPECT_EQ(stamp(closed->due_at), "2025-04-16T09:00:00Z");
  // The next interval runs from the late visit.
  EXPECT_EQ(stamp(result.next_look), "2025-06-01T10:00:01Z");
}

// A second visit exactly six weeks after the first is in time.
TEST(VisitCheckerTest, VisitExactlySixWeeksLaterIsInTime) {
  auto h = harness<VisitChecker>();
  h.add(placement("C-1", "2025-03-03T10:00:00Z")).add(visit("V-1", "2025-03-05T10:00:00Z"));
  h.add(visit("V-2", "2025-04-16T09:00:00Z"));
  EXPECT_TRUE(h.run("2025-05-01T00:00:00Z").findings.empty());
}

// A first year of visits every 35 days for a child admitted on 8 January 2024.
void add_first_year(Harness& h, bool intended_until_18) {
  h.add(placement("C-1", "2024-01-08T10:00:00Z").set("intended_until_18", intended_until_18));
  sdk::TimePoint t = at("2024-01-10T10:00:00Z");
  for (int i = 0; t < at("2025-01-08T10:00:00Z"); ++i, t = sdk::Calendar::add_days(t, 35))
    h.add(visit("V-" + std::to_string(i), sdk::format_timestamp(t)));
}

// After the first year a placement intended to last until 18 is visited at least every three months
// (calendar months on the wall clock: 10:00 GMT on 20 January is due at 10:00 BST on 20 April).
TEST(VisitCheckerTest, AfterTheFirstYearLongTermPlacementAllowsThreeMonths) {
  auto h = harness<VisitChecker>();
  add_first_year(h, true);
  h.add(visit("V-LATER", "2025-01-20T10:00:00Z"));
  expect_deadline(h, kVisit, at("2025-04-20T09:00:00Z"));
  const auto f = only(h.run("2025-04-21T00:00:00Z"), kVisit);
  ASSERT_TRUE(f);
  EXPECT_EQ(f->evidence, std::vector<std::string>{"V-LATER"});
  EXPECT_NE(f->summary.find("within 3 months of visit V-LATER"), std::string::npos) << f->summary;
}

// After the first year a placement not intended to last until 18 keeps the six-week interval.
TEST(VisitCheckerTest, AfterTheFirstYearOtherPlacementsKeepSixWeeks) {
  auto h = harness<VisitChecker>();
  add_first_year(h, false);
  h.add(visit("V-LATER", "2025-01-20T10:00:00Z"));
  expect_deadline(h, kVisit, at("2025-03-03T10:00:00Z"));
}

// The interval is the one in force when the gap opens: a visit in the first year is followed within
// six weeks even past the anniversary, whatever the placement's intention.
TEST(VisitCheckerTest, FirstYearVisitIsFollowedWithinSixWeeksPastTheAnniversary) {
  auto h = harness<VisitChecker>();
  add_first_year(h, true);  // the last first-year visit is V-10 on 25 December 2024
  expect_deadline(h, kVisit, at("2025-02-05T10:00:00Z"));
  const auto f = only(h.run("2025-02-06T00:00:00Z"), kVisit);
  ASSERT_TRUE(f);
  EXPECT_EQ(f->evidence, std::vector<std::string>{"V-10"});
}

// A child who left before a visit fell due is not owed it; one who left after the deadline was missed
// still is.
TEST(VisitCheckerTest, ChildWhoLeftBeforeTheDeadlineIsNotOwedTheVisit) {
  auto h = harness<VisitChecker>();
  h.add(placement("C-1", "2025-03-03T10:00:00Z").set("left_at", "2025-03-08T10:00:00Z"));
  const auto left_early = h.run("2025-03-20T00:00:00Z");
  EXPECT_TRUE(left_early.findings.empty());
  EXPECT_FALSE(left_early.next_look.has_value());

  h.clear();
  h.add_file(fixture("home.ndjson"));
  h.add(placement("C-1", "2025-03-03T10:00:00Z").set("left_at", "2025-03-12T10:00:00Z"));
  const auto result = h.run("2025-05-20T00:00:00Z");
  EXPECT_EQ(result.rules(), std::vector<std::string>{std::string(kFirstVisit)});
  EXPECT_FALSE(result.next_look.has_value());
}

// Without the child's placement on record nothing can be counted from admission.
TEST(VisitCheckerTest, NoPlacementOnRecordRaisesNoIntervals) {
  auto h = harness<VisitChecker>();
  h.add(visit("V-1", "2025-03-05T10:00:00Z"));
  const auto result = h.run("2025-09-01T00:00:00Z");
  EXPECT_TRUE(result.findings.empty());
}

// Intervals are parameters: a 14-day interval after the first visit.
TEST(VisitCheckerTest, IntervalsAreConfigurable) {
  sdk::Parameters p;
  p.set("first_visit_days", 3);
  p.set("visit_interval_weeks", 2);
  auto h = harness<VisitChecker>(p);
  h.add(placement("C-1", "2025-03-03T10:00:00Z"));
  expect_deadline(h, kFirstVisit, at("2025-03-06T10:00:00Z"));
  h.add(visit("V-1", "2025-03-05T10:00:00Z"));
  expect_deadline(h, kVisit, at("2025-03-19T10:00:00Z"));
}

// A social worker visit recording that the child was not seen alone, with no reason, is raised at once
// with no deadline; a reason, being seen alone or an unrecorded answer raise nothing.
TEST(VisitCheckerTest, NotSeenAloneWithoutAReasonIsABreach) {
  auto h = harness<VisitChecker>();
  h.add(placement("C-1", "2025-03-03T10:00:00Z"));
  h.add(visit("V-1", "2025-03-05T10:00:00Z").set("seen_alone", false));
  h.add(visit("V-2", "2025-03-06T10:00:00Z")
            .set("seen_alone", false)
            .set("seen_alone_exception", std::string(kFreeText)));
  h.add(visit("V-3", "2025-03-07T10:00:00Z").drop("seen_alone"));
  h.add(visit("V-4", "2025-03-08T10:00:00Z", "C-1", "iro").set("seen_alone", false));
  h.add(visit("V-5", "2025-03-09T10:00:00Z").set("seen_alone", false).set("seen_alone_exception", "  "));
  const auto result = h.run("2025-03-10T00:00:00Z");
  std::vector<std::string> triggers;
  const sdk::Finding* v1 = nullptr;
  for (const sdk::Finding* f : result.of_rule(kSeenAlone)) {
    triggers.push_back(f->evidence.front());
    EXPECT_EQ(f->evidence.size(), 1u);
    EXPECT_FALSE(f->due_at.has_value());
    if (f->evidence.front() == "V-1") v1 = f;
  }
  std::sort(triggers.begin(), triggers.end());
  EXPECT_EQ(triggers, (std::vector<std::string>{"V-1", "V-5"}));
  ASSERT_NE(v1, nullptr);
  EXPECT_EQ(
      v1->summary,
      "Social worker visit V-1 to child C-1 at 2025-03-05T10:00:00Z records that the child was not seen "
      "alone and gives no seen_alone_exception.");
}

// A visit recorded before it takes place is judged when it does; a revision giving a reason closes it.
TEST(VisitCheckerTest, SeenAloneIsJudgedWhenTheVisitHappensAndClosedByAReason) {
  auto h = harness<VisitChecker>();
  h.add(placement("C-1", "2025-03-03T10:00:00Z"));
  const Line planned = visit("V-1", "2025-03-05T10:00:00Z")
                           .set("seen_alone", false)
                           .set("recorded_at", "2025-03-04T10:00:00Z");
  h.add(planned);
  const auto before = h.run("2025-03-04T12:00:00Z");
  EXPECT_TRUE(before.findings.empty());
  EXPECT_EQ(stamp(before.next_look), "2025-03-05T10:00:00Z");
  EXPECT_EQ(h.run("2025-03-05T10:00:00Z").of_rule(kSeenAlone).size(), 1u);
  h.add(
      Line(planned).set("seen_alone_exception", std::string(kFreeText)).revision(2, "2025-03-06T10:00:00Z"));
  EXPECT_EQ(h.run("2025-03-06T09:00:00Z").of_rule(kSeenAlone).size(), 1u);
  EXPECT_TRUE(h.run("2025-03-06T10:00:00Z").of_rule(kSeenAlone).empty());
}

}  // namespace
}  // namespace carewatch::plugins::care_planning
