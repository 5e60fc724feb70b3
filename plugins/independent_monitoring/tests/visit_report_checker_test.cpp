// VisitReportChecker: CHR-44-DISPATCH (the report sent to Ofsted, the placing authorities and the RI by
// the end of the 28th day of the month after the visit; a believed deadline) and CHR-44-RECOMMENDATION
// (each recommendation decided, with the time of the decision, by the end of its consider-by date).

#include "visit_report_checker.hpp"

#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "test_support.hpp"

namespace carewatch::plugins::independent_monitoring {
namespace {

using namespace testing;
using Evidence = std::vector<std::string>;

constexpr std::string_view kDispatchRule = "CHR-44-DISPATCH";
constexpr std::string_view kRecommendationRule = "CHR-44-RECOMMENDATION";

Harness reports(sdk::Parameters params = {}) {
  return harness<VisitReportChecker>(std::move(params));
}

// A visit on 10 March 2025 whose report has not gone anywhere yet.
Line unsent_visit() {
  return visit("R44-1", "2025-03-10T10:00:00Z")
      .drop("report_sent_ofsted_at")
      .drop("report_sent_placing_authorities_at")
      .drop("report_sent_ri_at");
}

// --- CHR-44-DISPATCH ---

// A report sent to all three within the month after the visit gives nothing and needs no look-again.
TEST(VisitReportCheckerTest, ReportSentToAllThreeGivesNoFinding) {
  Harness h = reports();
  h.add(visit("R44-1", "2025-03-10T10:00:00Z"));
  const auto result = h.run("2025-06-01T00:00:00Z");
  EXPECT_TRUE(result.findings.empty());
  EXPECT_FALSE(result.next_look);
}

// A report not sent to the RI names only the RI, with the visit as evidence and the believed deadline.
TEST(VisitReportCheckerTest, ReportNotSentToTheRiNamesWhatIsMissing) {
  Harness h = reports();
  h.add(visit("R44-1", "2025-03-10T10:00:00Z").drop("report_sent_ri_at"));
  const auto f = only(h.run("2025-05-01T00:00:00Z"), kDispatchRule);
  ASSERT_TRUE(f);
  EXPECT_EQ(f->evidence, (Evidence{"R44-1"}));
  ASSERT_TRUE(f->due_at);
  EXPECT_EQ(sdk::format_timestamp(*f->due_at), "2025-04-28T23:00:00Z");
  EXPECT_EQ(
      f->summary,
      "The report of reg 44 visit R44-1 to home H1 was not sent to the responsible individual by the end "
      "of the 28th day of the month after the visit (believed deadline, configurable; due "
      "2025-04-28T23:00:00Z).");
  EXPECT_EQ(f->regulation, "Children's Homes (England) Regulations 2015 reg 44(7)-(8) (deadline believed)");
}

// The deadline is the end of 28 April local time (BST): nothing at 23:00 UTC, the finding a second
// later, naming all three recipients.
TEST(VisitReportCheckerTest, DeadlineIsTheEndOfThe28thDayOfTheNextMonth) {
  Harness h = reports();
  h.add(unsent_visit());
  expect_deadline(h, kDispatchRule, at("2025-04-28T23:00:00Z"));
  const auto f = only(h.run("2025-04-29T00:00:00Z"), kDispatchRule);
  ASSERT_TRUE(f);
  EXPECT_NE(f->summary.find("not sent to Ofsted, the placing authorities and the responsible individual"),
            std::string::npos)
      << f->summary;
}

// Deadlines across month ends and clock changes: February's visit is due at the end of 28 March (GMT,
// before the spring change); a visit at 23:30 UTC on 31 March is an April visit (BST), due at the end of
// 28 May; September's is due at the end of 28 October (GMT, after the autumn change); 31 January's at
// the end of 28 February.
TEST(VisitReportCheckerTest, DeadlineFollowsTheLocalCalendar) {
  EXPECT_EQ(sdk::format_timestamp(VisitReportChecker::dispatch_deadline(at("2025-02-20T10:00:00Z"), 28)),
            "2025-03-29T00:00:00Z");
  EXPECT_EQ(sdk::format_timestamp(VisitReportChecker::dispatch_deadline(at("2025-03-31T23:30:00Z"), 28)),
            "2025-05-28T23:00:00Z");
  EXPECT_EQ(sdk::format_timestamp(VisitReportChecker::dispatch_deadline(at("2025-09-15T10:00:00Z"), 28)),
            "2025-10-29T00:00:00Z");
  EXPECT_EQ(sdk::format_timestamp(VisitReportChecker::dispatch_deadline(at("2025-01-31T23:30:00Z"), 28)),
            "2025-03-01T00:00:00Z");
  EXPECT_EQ(sdk::format_timestamp(VisitReportChecker::dispatch_deadline(at("2025-12-05T10:00:00Z"), 28)),
            "2026-01-29T00:00:00Z");

  Harness h = reports();
  h.add(visit("R44-9", "2025-09-15T10:00:00Z").drop("report_sent_ofsted_at"));
  expect_deadline(h, kDispatchRule, at("2025-10-29T00:00:00Z"));
}

// dispatch_day moves the believed deadline to another day of the following month.
TEST(VisitReportCheckerTest, DispatchDayParameterMovesTheDeadline) {
  Harness h = reports(one("dispatch_day", 10));
  h.add(unsent_visit());
  expect_deadline(h, kDispatchRule, at("2025-04-10T23:00:00Z"));
}

// With no child placed at the visit there is no placing authority to send to, so Ofsted and the RI
// close it.
TEST(VisitReportCheckerTest, NoChildPlacedNeedsNoPlacingAuthorities) {
  Harness h = reports();
  h.add(visit("R44-0", "2025-01-03T10:00:00Z").drop("report_sent_placing_authorities_at"));
  EXPECT_TRUE(h.run("2025-03-10T00:00:00Z").findings.empty());
  Harness placed = reports();
  placed.add(visit("R44-1", "2025-01-13T10:00:00Z").drop("report_sent_placing_authorities_at"));
  const auto f = only(placed.run("2025-03-10T00:00:00Z"), kDispatchRule);
  ASSERT_TRUE(f);
  EXPECT_NE(f->summary.find("not sent to the placing authorities by"), std::string::npos) << f->summary;
}

// The send dates written in a later revision, after the deadline: an audit before that revision reports
// the dispatch, one after it does not (a late dispatch still closes the escalation).
TEST(VisitReportCheckerTest, LateRevisionWithSendDatesClosesFromWhenItWasWritten) {
  Harness h = reports();
  const Line first = unsent_visit();
  h.add(first).add(visit("R44-1", "2025-03-10T10:00:00Z")
                       .revision(2, "2025-05-02T09:00:00Z")
                       .set("report_sent_ofsted_at", "2025-05-01T09:00:00Z")
                       .set("report_sent_placing_authorities_at", "2025-05-01T09:00:00Z")
                       .set("report_sent_ri_at", "2025-05-01T09:00:00Z"));
  EXPECT_EQ(h.run("2025-05-02T08:59:59Z").of_rule(kDispatchRule).size(), 1u);
  EXPECT_TRUE(h.run("2025-05-02T09:00:00Z").findings.empty());
}

// A send date on record but later than T is not yet in effect: the finding stands and the engine is
// asked to look again when it takes effect.
TEST(VisitReportCheckerTest, SendDateAfterTheAuditTimeIsNotYetInEffect) {
  Harness h = reports();
  h.add(unsent_visit()
            .set("report_sent_ofsted_at", "2025-05-10T09:00:00Z")
            .set("report_sent_placing_authorities_at", "2025-05-10T09:00:00Z")
            .set("report_sent_ri_at", "2025-05-10T09:00:00Z"));
  const auto result = h.run("2025-05-01T00:00:00Z");
  EXPECT_EQ(result.of_rule(kDispatchRule).size(), 1u);
  ASSERT_TRUE(result.next_look);
  EXPECT_EQ(sdk::format_timestamp(*result.next_look), "2025-05-10T09:00:00Z");
  EXPECT_TRUE(h.run("2025-05-10T09:00:00Z").findings.empty());
}

// --- CHR-44-RECOMMENDATION ---

// Of two recommendations due on 15 April, the one decided in time gives nothing; the undecided one gives
// a finding triggered by visit#ref, due at the end of its consider-by date.
TEST(VisitReportCheckerTest, UndecidedRecommendationFiresPerRef) {
  Harness h = reports();
  h.add(visit("R44-1", "2025-03-10T10:00:00Z")
            .set("recommendations",
                 sdk::Array{recommendation("REC-1", "2025-04-15", "accepted", "2025-04-01T10:00:00Z"),
                            recommendation("REC-2", "2025-04-15")}));
  const auto f = only(h.run("2025-04-20T12:00:00Z"), kRecommendationRule);
  ASSERT_TRUE(f);
  EXPECT_EQ(f->evidence, (Evidence{"R44-1#REC-2", "R44-1"}));
  ASSERT_TRUE(f->due_at);
  EXPECT_EQ(sdk::format_timestamp(*f->due_at), "2025-04-15T23:00:00Z");
  EXPECT_EQ(
      f->summary,
      "Recommendation REC-2 of reg 44 visit R44-1 to home H1 has no dated decision by its consider-by date "
      "2025-04-15 (due 2025-04-15T23:00:00Z).");
}

// The consider-by date passes at the end of its local day: on the day of the spring change (30 March)
// that is 23:00 UTC; on the day of the autumn change (26 October) it is midnight UTC.
TEST(VisitReportCheckerTest, ConsiderByDatePassesAtTheEndOfItsLocalDay) {
  Harness spring = reports();
  spring.add(visit("R44-1", "2025-03-10T10:00:00Z")
                 .set("recommendations", sdk::Array{recommendation("REC-1", "2025-03-30")}));
  expect_deadline(spring, kRecommendationRule, at("2025-03-30T23:00:00Z"));

  Harness autumn = reports();
  autumn.add(visit("R44-2", "2025-10-01T10:00:00Z")
                 .set("recommendations", sdk::Array{recommendation("REC-1", "2025-10-26")}));
  expect_deadline(autumn, kRecommendationRule, at("2025-10-27T00:00:00Z"));
}

// A decision needs both the decision and when it was made; either alone leaves the recommendation open,
// and each open recommendation is its own finding.
TEST(VisitReportCheckerTest, DecisionNeedsItsTime) {
  Harness h = reports();
  h.add(visit("R44-1", "2025-03-10T10:00:00Z")
            .set("recommendations",
                 sdk::Array{recommendation("REC-1", "2025-04-15", "rejected"),
                            recommendation("REC-2", "2025-04-15", "", "2025-04-01T10:00:00Z")}));
  const auto result = h.run("2025-04-20T12:00:00Z");
  ASSERT_EQ(result.of_rule(kRecommendationRule).size(), 2u);
  Evidence triggers;
  for (const sdk::Finding* f : result.of_rule(kRecommendationRule)) triggers.push_back(f->evidence.front());
  std::sort(triggers.begin(), triggers.end());
  EXPECT_EQ(triggers, (Evidence{"R44-1#REC-1", "R44-1#REC-2"}));
  EXPECT_NE(result.of_rule(kRecommendationRule)[0]->fingerprint,
            result.of_rule(kRecommendationRule)[1]->fingerprint);
}

// A recommendation without a ref is named by its position; one without a consider-by date has no
// deadline and never fires.
TEST(VisitReportCheckerTest, RecommendationWithoutRefOrDate) {
  Harness h = reports();
  h.add(
      visit("R44-1", "2025-03-10T10:00:00Z")
          .set("recommendations", sdk::Array{recommendation("REC-1", ""), recommendation("", "2025-04-15")}));
  const auto f = only(h.run("2025-12-01T12:00:00Z"), kRecommendationRule);
  ASSERT_TRUE(f);
  EXPECT_EQ(f->evidence.front(), "R44-1#[2]");
}

// A decision recorded late (in a revision written after the date): as of before it, the finding; after,
// none.
TEST(VisitReportCheckerTest, LateDecisionClosesFromWhenItWasWritten) {
  Harness h = reports();
  const Line first = visit("R44-1", "2025-03-10T10:00:00Z")
                         .set("recommendations", sdk::Array{recommendation("REC-1", "2025-04-15")});
  h.add(first).add(first.revision(2, "2025-04-25T10:00:00Z")
                       .set("recommendations", sdk::Array{recommendation("REC-1", "2025-04-15", "accepted",
                                                                         "2025-04-14T10:00:00Z")}));
  EXPECT_EQ(h.run("2025-04-25T09:59:59Z").of_rule(kRecommendationRule).size(), 1u);
  EXPECT_TRUE(h.run("2025-04-25T10:00:00Z").of_rule(kRecommendationRule).empty());
}

}  // namespace
}  // namespace carewatch::plugins::independent_monitoring
