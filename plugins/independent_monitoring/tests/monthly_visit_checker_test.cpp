// MonthlyVisitChecker: CHR-44-VISIT (a visit in every Europe/London calendar month, counted from the
// home's first whole month, reported once the month has ended, within the look-back window) and
// CHR-44-PRIVATE (two consecutive visits while children were placed with no child spoken to in private).

#include "monthly_visit_checker.hpp"

#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "test_support.hpp"

namespace carewatch::plugins::independent_monitoring {
namespace {

using namespace testing;
using Evidence = std::vector<std::string>;

constexpr std::string_view kVisitRule = "CHR-44-VISIT";
constexpr std::string_view kPrivateRule = "CHR-44-PRIVATE";

Harness visits(sdk::Parameters params = {}) {
  return harness<MonthlyVisitChecker>(std::move(params));
}

// Adds one visit on the 15th of each month from January 2025 up to and including `last_month`, skipping
// `skip` (months as 1..12).
void add_monthly_visits(Harness& h, int last_month, int skip = 0) {
  for (int m = 1; m <= last_month; ++m) {
    if (m == skip) continue;
    const std::string mm = (m < 10 ? "0" : "") + std::to_string(m);
    h.add(visit("R44-" + mm, "2025-" + mm + "-15T10:00:00Z"));
  }
}

// The months (evidence "H1#YYYY-MM") of the CHR-44-VISIT findings.
Evidence missed_months(const sdk::testing::Result& result) {
  Evidence out;
  for (const sdk::Finding* f : result.of_rule(kVisitRule)) out.push_back(f->evidence.front());
  std::sort(out.begin(), out.end());
  return out;
}

// --- CHR-44-VISIT ---

// A home visited every month has no finding, and is looked at again when the current month ends.
TEST(MonthlyVisitCheckerTest, VisitEveryMonthGivesNoFinding) {
  Harness h = visits();
  add_monthly_visits(h, 4);
  const auto result = h.run("2025-05-10T12:00:00Z");
  EXPECT_TRUE(result.findings.empty());
  ASSERT_TRUE(result.next_look);
  EXPECT_EQ(sdk::format_timestamp(*result.next_look), "2025-05-31T23:00:01Z");
}

// A month with no visit gives one finding, named by the home and month, due at the start of the next
// local month, in a summary of ids and dates only.
TEST(MonthlyVisitCheckerTest, MonthWithoutVisitIsReportedWithItsDeadline) {
  Harness h = visits();
  add_monthly_visits(h, 4, /*skip=*/2);
  const auto f = only(h.run("2025-05-10T12:00:00Z"), kVisitRule);
  ASSERT_TRUE(f);
  EXPECT_EQ(f->evidence, (Evidence{"H1#2025-02"}));
  EXPECT_EQ(f->home, "H1");
  EXPECT_TRUE(f->child.empty());
  ASSERT_TRUE(f->due_at);
  EXPECT_EQ(sdk::format_timestamp(*f->due_at), "2025-03-01T00:00:00Z");
  EXPECT_EQ(f->summary,
            "No reg 44 independent person's visit is recorded for home H1 in 2025-02 (Europe/London); one is "
            "required every calendar month (due 2025-03-01T00:00:00Z).");
  EXPECT_EQ(f->severity, sdk::Severity::high);
  EXPECT_EQ(f->escalate_to, (Evidence{"registered_manager", "responsible_individual"}));
}

// March ends at local midnight BST (23:00 UTC, the clock having gone forward on 30 March): nothing at
// that instant, the finding one second later.
TEST(MonthlyVisitCheckerTest, MarchDeadlineIsLocalMidnightAfterTheSpringClockChange) {
  Harness h = visits();
  add_monthly_visits(h, 2);
  expect_deadline(h, kVisitRule, at("2025-03-31T23:00:00Z"));
}

// A visit at 23:30 UTC on 31 March is 00:30 BST on 1 April: it counts for April, not March; one at
// 22:59:59 UTC still counts for March.
TEST(MonthlyVisitCheckerTest, VisitIsPlacedInItsLocalMonth) {
  Harness late = visits();
  add_monthly_visits(late, 2);
  late.add(visit("R44-LATE", "2025-03-31T23:30:00Z"));
  EXPECT_EQ(missed_months(late.run("2025-04-20T12:00:00Z")), (Evidence{"H1#2025-03"}));

  Harness in_time = visits();
  add_monthly_visits(in_time, 2);
  in_time.add(visit("R44-LAST", "2025-03-31T22:59:59Z"));
  EXPECT_TRUE(in_time.run("2025-04-20T12:00:00Z").findings.empty());
}

// October ends at local midnight GMT (the clocks went back on 26 October), September at local midnight
// BST; a visit at 23:30 UTC on 30 September falls in October.
TEST(MonthlyVisitCheckerTest, AutumnClockChangeMovesTheMonthBoundaries) {
  Harness h = visits();
  add_monthly_visits(h, 8);
  h.add(visit("R44-09", "2025-09-30T23:30:00Z"));
  const auto result = h.run("2025-11-20T12:00:00Z");
  EXPECT_EQ(missed_months(result), (Evidence{"H1#2025-09"}));
  EXPECT_EQ(due_dates(result, kVisitRule), (std::vector<std::string>{"2025-09-30T23:00:00Z"}));

  Harness october = visits();
  add_monthly_visits(october, 9);
  expect_deadline(october, kVisitRule, at("2025-11-01T00:00:00Z"));
}

// With no visit ever, the months counted start at the home's first whole month (the home was first
// recorded mid-December, so December is not counted) and end with the last month that has ended.
TEST(MonthlyVisitCheckerTest, CountsFromTheHomesFirstWholeMonth) {
  Harness h = visits();
  EXPECT_EQ(missed_months(h.run("2025-03-15T12:00:00Z")), (Evidence{"H1#2025-01", "H1#2025-02"}));
}

// A home first recorded exactly at local midnight on the 1st has that whole month counted.
TEST(MonthlyVisitCheckerTest, HomeFirstRecordedAtMonthStartCountsThatMonth) {
  Harness h(std::make_unique<MonthlyVisitChecker>());
  h.add(R"({"kind":"home","id":"H2","recorded_at":"2025-06-01T00:00:00+01:00","host_authority":"LA-HOST"})");
  const auto result = h.run("2025-07-02T12:00:00Z");
  EXPECT_EQ(missed_months(result), (Evidence{"H2#2025-06"}));
}

// The home's first record is the earliest of the home record and its records of the kinds read: a
// placement written before the home record moves the start back.
TEST(MonthlyVisitCheckerTest, HomeStartIsTheEarliestRecordOfTheKindsRead) {
  Harness h = visits();
  h.add(
      R"({"kind":"child","id":"C-OLD","home":"H1","recorded_at":"2024-10-20T09:00:00Z","date_of_birth":"2010-01-01","placing_authority":"LA-HOST","admitted_at":"2024-10-20T09:00:00Z","left_at":"2024-11-30T09:00:00Z","communication":"verbal"})");
  EXPECT_EQ(missed_months(h.run("2025-01-15T12:00:00Z")), (Evidence{"H1#2024-11", "H1#2024-12"}));
}

// A home with years of history and no visits gives one finding per month of the look-back window only:
// 24 months by default, fewer when configured.
TEST(MonthlyVisitCheckerTest, LookBackBoundsTheMonthsReported) {
  const std::string old_home =
      R"({"kind":"home","id":"H3","recorded_at":"2019-02-03T09:00:00Z","host_authority":"LA-HOST"})";
  Harness by_default(std::make_unique<MonthlyVisitChecker>());
  by_default.add(old_home);
  const auto months = missed_months(by_default.run("2025-04-15T12:00:00Z"));
  ASSERT_EQ(months.size(), 24u);
  EXPECT_EQ(months.front(), "H3#2023-04");
  EXPECT_EQ(months.back(), "H3#2025-03");

  Harness three(std::make_unique<MonthlyVisitChecker>(), one("lookback_months", 3));
  three.add(old_home);
  EXPECT_EQ(missed_months(three.run("2025-04-15T12:00:00Z")),
            (Evidence{"H3#2025-01", "H3#2025-02", "H3#2025-03"}));
}

// A visit made in March but recorded on 5 April: an audit as of 2 April reports March, one as of 6 April
// does not.
TEST(MonthlyVisitCheckerTest, LateRecordedVisitClosesTheMonthFromWhenItWasWritten) {
  Harness h = visits();
  add_monthly_visits(h, 2);
  h.add(visit("R44-03", "2025-03-20T10:00:00Z").set("recorded_at", "2025-04-05T09:00:00Z"));
  EXPECT_EQ(missed_months(h.run("2025-04-02T12:00:00Z")), (Evidence{"H1#2025-03"}));
  EXPECT_TRUE(h.run("2025-04-06T12:00:00Z").of_rule(kVisitRule).empty());
}

// When this month already has its visit, the next time a finding can appear is the end of next month.
TEST(MonthlyVisitCheckerTest, VisitedCurrentMonthLooksAgainAtTheEndOfTheNext) {
  Harness h = visits();
  add_monthly_visits(h, 5);
  const auto result = h.run("2025-05-20T12:00:00Z");
  EXPECT_TRUE(result.findings.empty());
  ASSERT_TRUE(result.next_look);
  EXPECT_EQ(sdk::format_timestamp(*result.next_look), "2025-06-30T23:00:01Z");
}

// --- CHR-44-PRIVATE ---

// Two consecutive visits with children placed and none spoken to in private give one finding, triggered
// by the second visit, with no deadline.
TEST(MonthlyVisitCheckerTest, TwoConsecutiveVisitsWithoutPrivateConversationsFire) {
  Harness h = visits();
  h.add(visit("R44-A", "2025-02-12T10:00:00Z").set("children_spoken_privately", 0))
      .add(visit("R44-B", "2025-03-12T10:00:00Z").set("children_spoken_privately", 0));
  const auto f = only(h.run("2025-03-20T12:00:00Z"), kPrivateRule);
  ASSERT_TRUE(f);
  EXPECT_EQ(f->evidence, (Evidence{"R44-B", "R44-A"}));
  EXPECT_FALSE(f->due_at);
  EXPECT_EQ(
      f->summary,
      "Reg 44 visits R44-A and R44-B to home H1 record no child spoken to in private while children were "
      "placed, and no later visit records private conversations.");
  EXPECT_EQ(f->severity, sdk::Severity::medium);
  EXPECT_EQ(f->escalate_to, (Evidence{"responsible_individual", "independent_person"}));
}

// One visit without private conversations followed by one with them is not a pattern.
TEST(MonthlyVisitCheckerTest, SingleVisitWithoutPrivateConversationsDoesNotFire) {
  Harness h = visits();
  h.add(visit("R44-A", "2025-02-12T10:00:00Z").set("children_spoken_privately", 0))
      .add(visit("R44-B", "2025-03-12T10:00:00Z"));
  EXPECT_TRUE(h.run("2025-03-20T12:00:00Z").of_rule(kPrivateRule).empty());
}

// A run of three keeps the one finding (same trigger) and adds the third visit to its evidence; a later
// visit with private conversations closes it.
TEST(MonthlyVisitCheckerTest, RunStaysOneFindingUntilAVisitWithPrivateConversations) {
  Harness h = visits();
  h.add(visit("R44-A", "2025-02-12T10:00:00Z").set("children_spoken_privately", 0))
      .add(visit("R44-B", "2025-03-12T10:00:00Z").set("children_spoken_privately", 0))
      .add(visit("R44-C", "2025-04-12T10:00:00Z").set("children_spoken_privately", 0))
      .add(visit("R44-D", "2025-05-12T10:00:00Z").set("children_spoken_privately", 1));
  const auto f = only(h.run("2025-04-20T12:00:00Z"), kPrivateRule);
  ASSERT_TRUE(f);
  EXPECT_EQ(f->evidence, (Evidence{"R44-B", "R44-A", "R44-C"}));
  EXPECT_NE(f->summary.find("(and 1 since)"), std::string::npos) << f->summary;
  EXPECT_TRUE(h.run("2025-05-20T12:00:00Z").of_rule(kPrivateRule).empty());
}

// Visits while no child was placed (before the first admission) are not counted, nor are two zero visits
// separated by one that does not record the count.
TEST(MonthlyVisitCheckerTest, VisitsWithNoChildPlacedOrNotConsecutiveDoNotFire) {
  Harness empty_home = visits();
  empty_home.add(visit("R44-A", "2024-12-20T10:00:00Z").set("children_spoken_privately", 0))
      .add(visit("R44-B", "2025-01-05T10:00:00Z").set("children_spoken_privately", 0));
  EXPECT_TRUE(empty_home.run("2025-01-20T12:00:00Z").of_rule(kPrivateRule).empty());

  Harness gap = visits();
  gap.add(visit("R44-A", "2025-02-12T10:00:00Z").set("children_spoken_privately", 0))
      .add(visit("R44-B", "2025-03-12T10:00:00Z").drop("children_spoken_privately"))
      .add(visit("R44-C", "2025-04-12T10:00:00Z").set("children_spoken_privately", 0));
  EXPECT_TRUE(gap.run("2025-04-20T12:00:00Z").of_rule(kPrivateRule).empty());
}

// The second visit recorded late: an audit before it was written sees no pattern, one after it does.
TEST(MonthlyVisitCheckerTest, LateRecordedSecondVisitFiresFromWhenItWasWritten) {
  Harness h = visits();
  h.add(visit("R44-A", "2025-02-12T10:00:00Z").set("children_spoken_privately", 0))
      .add(visit("R44-B", "2025-03-12T10:00:00Z")
               .set("children_spoken_privately", 0)
               .set("recorded_at", "2025-04-02T10:00:00Z"));
  EXPECT_TRUE(h.run("2025-04-01T12:00:00Z").of_rule(kPrivateRule).empty());
  EXPECT_EQ(h.run("2025-04-02T10:00:00Z").of_rule(kPrivateRule).size(), 1u);
}

}  // namespace
}  // namespace carewatch::plugins::independent_monitoring
