// VisitRequestChecker: a child's request to see someone is answered by a visit — one naming the request,
// or one by the role asked for after the request — within a configurable number of working days.

#include "visit_request_checker.hpp"

#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "rule_catalogue.hpp"
#include "test_support.hpp"

namespace carewatch::plugins::care_planning {
namespace {

using namespace testing;

// A request answered by a visit naming it, inside the 10 working days, raises nothing and needs no
// look-again.
TEST(VisitRequestCheckerTest, AnsweredRequestIsCompliant) {
  auto h = harness<VisitRequestChecker>();
  h.add(placement("C-1", "2025-01-06T10:00:00Z")).add(request("VR-1", "2025-03-03T10:00:00Z", "advocate"));
  h.add(visit("V-1", "2025-03-10T10:00:00Z", "C-1", "advocate").set("request", "VR-1"));
  const auto result = h.run("2025-04-01T00:00:00Z");
  EXPECT_TRUE(result.findings.empty());
  EXPECT_FALSE(result.next_look.has_value());
}

// Unanswered, the request is overdue after 10 working days (Monday 3 March to Monday 17 March at the
// same time): nothing at the deadline, the finding one second later, triggered by the request.
TEST(VisitRequestCheckerTest, UnansweredRequestIsOverdueAfterTenWorkingDays) {
  auto h = harness<VisitRequestChecker>();
  h.add(placement("C-1", "2025-01-06T10:00:00Z")).add(request("VR-1", "2025-03-03T10:00:00Z"));
  expect_deadline(h, kVisitRequest, at("2025-03-17T10:00:00Z"));
  const auto f = only(h.run("2025-03-18T00:00:00Z"), kVisitRequest);
  ASSERT_TRUE(f);
  EXPECT_EQ(f->evidence, std::vector<std::string>{"VR-1"});
  EXPECT_EQ(f->child, "C-1");
  EXPECT_EQ(
      f->summary,
      "Visit request VR-1 from child C-1 to see the social worker, made at 2025-03-03T10:00:00Z, was not "
      "answered by a visit within 10 working days (due 2025-03-17T10:00:00Z).");
}

// Working days skip weekends and bank holidays: a request on Thursday 17 April 2025 at 15:00 BST skips
// Good Friday, Easter Monday and the early May bank holiday, and is due on Tuesday 6 May at 15:00 BST.
TEST(VisitRequestCheckerTest, WorkingDaysSkipWeekendsAndBankHolidays) {
  auto h = harness<VisitRequestChecker>();
  h.add(placement("C-1", "2025-01-06T10:00:00Z")).add(request("VR-1", "2025-04-17T15:00:00+01:00"));
  expect_deadline(h, kVisitRequest, at("2025-05-06T14:00:00Z"));
}

// A request made on a Saturday starts the clock on Monday: ten working days end with Friday 21 March.
TEST(VisitRequestCheckerTest, WeekendRequestStartsOnTheNextWorkingDay) {
  auto h = harness<VisitRequestChecker>();
  h.add(placement("C-1", "2025-01-06T10:00:00Z")).add(request("VR-1", "2025-03-08T11:00:00Z"));
  expect_deadline(h, kVisitRequest, at("2025-03-24T00:00:00Z"));
}

// A visit by the role the child asked for, after the request, answers it without naming it; one by
// another role, or one before the request, does not.
TEST(VisitRequestCheckerTest, VisitByTheRequestedRoleAnswersIt) {
  auto h = harness<VisitRequestChecker>();
  h.add(placement("C-1", "2025-01-06T10:00:00Z")).add(placement("C-2", "2025-01-06T10:00:00Z"));
  h.add(request("VR-1", "2025-03-03T10:00:00Z", "iro"));
  h.add(visit("V-1", "2025-03-05T10:00:00Z", "C-1", "iro"));
  h.add(request("VR-2", "2025-03-03T10:00:00Z", "iro", "C-2"));
  h.add(visit("V-2", "2025-03-03T09:59:59Z", "C-2", "iro"));
  h.add(visit("V-3", "2025-03-05T10:00:00Z", "C-2", "social_worker"));
  h.add(visit("V-4", "2025-03-05T10:00:00Z", "C-1", "iro"));  // names C-1, so it is not C-2's
  const auto f = only(h.run("2025-03-18T00:00:00Z"), kVisitRequest);
  ASSERT_TRUE(f);
  EXPECT_EQ(f->evidence, std::vector<std::string>{"VR-2"});
  EXPECT_EQ(f->child, "C-2");
}

// A late answer still answers the request: the finding stands between the deadline and the visit, and
// resolves once the visit is on record and has happened.
TEST(VisitRequestCheckerTest, LateAnswerClosesTheFinding) {
  auto h = harness<VisitRequestChecker>();
  h.add(placement("C-1", "2025-01-06T10:00:00Z")).add(request("VR-1", "2025-03-03T10:00:00Z"));
  h.add(visit("V-1", "2025-03-20T10:00:00Z").set("recorded_at", "2025-03-10T10:00:00Z"));
  const auto pending = h.run("2025-03-18T00:00:00Z");
  EXPECT_EQ(pending.of_rule(kVisitRequest).size(), 1u);
  // The planned visit takes effect when it happens.
  EXPECT_EQ(stamp(pending.next_look), "2025-03-20T10:00:00Z");
  EXPECT_TRUE(h.run("2025-03-20T10:00:00Z").findings.empty());
}

// A request written down late is invisible before it was written; from then on it is overdue.
TEST(VisitRequestCheckerTest, LateWrittenRequestAppearsWhenWritten) {
  auto h = harness<VisitRequestChecker>();
  h.add(placement("C-1", "2025-01-06T10:00:00Z"));
  h.add(request("VR-1", "2025-03-03T10:00:00Z").set("recorded_at", "2025-03-20T10:00:00Z"));
  EXPECT_TRUE(h.run("2025-03-19T00:00:00Z").findings.empty());
  EXPECT_EQ(h.run("2025-03-20T10:00:00Z").of_rule(kVisitRequest).size(), 1u);
}

// A child who left before the answer was due is not owed it.
TEST(VisitRequestCheckerTest, ChildWhoLeftBeforeTheDeadlineIsNotOwedTheVisit) {
  auto h = harness<VisitRequestChecker>();
  h.add(placement("C-1", "2025-01-06T10:00:00Z").set("left_at", "2025-03-10T10:00:00Z"));
  h.add(request("VR-1", "2025-03-03T10:00:00Z"));
  const auto result = h.run("2025-04-01T00:00:00Z");
  EXPECT_TRUE(result.findings.empty());
  EXPECT_FALSE(result.next_look.has_value());
}

// The working days are a parameter.
TEST(VisitRequestCheckerTest, WorkingDaysAreConfigurable) {
  sdk::Parameters p;
  p.set("request_working_days", 2);
  auto h = harness<VisitRequestChecker>(p);
  h.add(placement("C-1", "2025-01-06T10:00:00Z")).add(request("VR-1", "2025-03-03T10:00:00Z"));
  expect_deadline(h, kVisitRequest, at("2025-03-05T10:00:00Z"));
  const auto f = only(h.run("2025-03-06T00:00:00Z"), kVisitRequest);
  ASSERT_TRUE(f);
  EXPECT_NE(f->summary.find("within 2 working days"), std::string::npos) << f->summary;
}

// RULES.md marks the clause believed: the rule says so, and its deadline is the parameter above.
TEST(VisitRequestCheckerTest, RuleIsMarkedBelieved) {
  const auto rules = VisitRequestChecker().rules();
  ASSERT_EQ(rules.size(), 1u);
  EXPECT_TRUE(rules.front().believed);
}

}  // namespace
}  // namespace carewatch::plugins::care_planning
