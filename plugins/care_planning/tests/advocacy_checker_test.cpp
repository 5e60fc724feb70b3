// AdvocacyChecker: an advocate named, or one offered at a review, within 20 working days of admission;
// a child whose communication is limited or non_verbal needs an advocate named, not just offered.

#include "advocacy_checker.hpp"

#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "rule_catalogue.hpp"
#include "test_support.hpp"

namespace carewatch::plugins::care_planning {
namespace {

using namespace testing;

// A named advocate, or an offer at a review inside the 20 working days, raises nothing and needs no
// look-again.
TEST(AdvocacyCheckerTest, AdvocateOrOfferIsCompliant) {
  auto h = harness<AdvocacyChecker>();
  h.add(placement("C-1", "2025-03-03T10:00:00Z").set("advocate", "ADV-1"));
  h.add(placement("C-2", "2025-03-03T10:00:00Z"));
  h.add(review("RV-1", "2025-03-20T10:00:00Z", "C-2").set("advocate_offered", true));
  const auto result = h.run("2025-05-01T00:00:00Z");
  EXPECT_TRUE(result.findings.empty());
  EXPECT_FALSE(result.next_look.has_value());
}

// No advocate and no offer: due 20 working days after admission at the same local time (10:00 GMT on
// Monday 3 March is due at 10:00 BST on Monday 31 March), triggered by the placement.
TEST(AdvocacyCheckerTest, NoAdvocateNorOfferIsABreachAfterTwentyWorkingDays) {
  auto h = harness<AdvocacyChecker>();
  h.add(placement("C-1", "2025-03-03T10:00:00Z"));
  expect_deadline(h, kAdvocacy, at("2025-03-31T09:00:00Z"));
  const auto f = only(h.run("2025-04-01T00:00:00Z"), kAdvocacy);
  ASSERT_TRUE(f);
  EXPECT_EQ(f->evidence, std::vector<std::string>{"C-1"});
  EXPECT_EQ(f->summary,
            "Child C-1 has no advocate and was not offered one at a review within 20 working days of the "
            "placement at 2025-03-03T10:00:00Z (due 2025-03-31T09:00:00Z).");
}

// The working days skip Good Friday, Easter Monday and the early May bank holiday: admitted on Monday
// 14 April at 10:00 BST, due on Thursday 15 May at 10:00 BST.
TEST(AdvocacyCheckerTest, WorkingDaysSkipBankHolidays) {
  auto h = harness<AdvocacyChecker>();
  h.add(placement("C-1", "2025-04-14T10:00:00+01:00"));
  expect_deadline(h, kAdvocacy, at("2025-05-15T09:00:00Z"));
}

// An offer made after the deadline still discharges the duty: the finding resolves once the review is
// on record.
TEST(AdvocacyCheckerTest, LateOfferClosesTheFinding) {
  auto h = harness<AdvocacyChecker>();
  h.add(placement("C-1", "2025-03-03T10:00:00Z"));
  EXPECT_EQ(h.run("2025-04-05T00:00:00Z").of_rule(kAdvocacy).size(), 1u);
  h.add(review("RV-1", "2025-04-07T10:00:00Z").set("advocate_offered", true));
  EXPECT_EQ(h.run("2025-04-07T08:00:00Z").of_rule(kAdvocacy).size(), 1u);
  EXPECT_TRUE(h.run("2025-04-07T10:00:00Z").findings.empty());
}

// An advocate named in a later revision of the placement closes the finding from when it was written.
TEST(AdvocacyCheckerTest, AdvocateNamedLaterClosesTheFindingWhenWritten) {
  auto h = harness<AdvocacyChecker>();
  const Line child = placement("C-1", "2025-03-03T10:00:00Z");
  h.add(child).add(Line(child).set("advocate", "ADV-1").revision(2, "2025-04-10T10:00:00Z"));
  EXPECT_EQ(h.run("2025-04-10T09:59:59Z").of_rule(kAdvocacy).size(), 1u);
  EXPECT_TRUE(h.run("2025-04-10T10:00:00Z").findings.empty());
}

// A non_verbal or limited child needs an advocate: an offer is not enough. The same 20 working days are
// allowed to appoint one, and the summary says why an offer did not do.
TEST(AdvocacyCheckerTest, ChildWhoCannotEasilySpeakNeedsAnAdvocate) {
  for (const char* communication : {"non_verbal", "limited"}) {
    SCOPED_TRACE(communication);
    auto h = harness<AdvocacyChecker>();
    h.add(placement("C-1", "2025-03-03T10:00:00Z").set("communication", communication));
    h.add(review("RV-1", "2025-03-10T10:00:00Z").set("advocate_offered", true));
    expect_deadline(h, kAdvocacy, at("2025-03-31T09:00:00Z"));
    const auto f = only(h.run("2025-04-01T00:00:00Z"), kAdvocacy);
    ASSERT_TRUE(f);
    EXPECT_EQ(f->summary,
              "Child C-1, whose communication is " + std::string(communication) +
                  ", has no advocate 20 working days after the placement at 2025-03-03T10:00:00Z (due "
                  "2025-03-31T09:00:00Z).");
  }
}

// A non_verbal child with an advocate named raises nothing.
TEST(AdvocacyCheckerTest, NonVerbalChildWithAnAdvocateIsCompliant) {
  auto h = harness<AdvocacyChecker>();
  h.add(placement("C-1", "2025-03-03T10:00:00Z").set("communication", "non_verbal").set("advocate", "ADV-1"));
  EXPECT_TRUE(h.run("2025-06-01T00:00:00Z").findings.empty());
}

// A blank advocate id is no advocate.
TEST(AdvocacyCheckerTest, BlankAdvocateIsNoAdvocate) {
  auto h = harness<AdvocacyChecker>();
  h.add(placement("C-1", "2025-03-03T10:00:00Z").set("advocate", " "));
  EXPECT_EQ(h.run("2025-04-01T00:00:00Z").of_rule(kAdvocacy).size(), 1u);
}

// A child who left before the deadline is not owed it.
TEST(AdvocacyCheckerTest, ChildWhoLeftBeforeTheDeadlineIsNotOwedIt) {
  auto h = harness<AdvocacyChecker>();
  h.add(placement("C-1", "2025-03-03T10:00:00Z").set("left_at", "2025-03-20T10:00:00Z"));
  const auto result = h.run("2025-06-01T00:00:00Z");
  EXPECT_TRUE(result.findings.empty());
  EXPECT_FALSE(result.next_look.has_value());
}

// The working days are a parameter.
TEST(AdvocacyCheckerTest, WorkingDaysAreConfigurable) {
  sdk::Parameters p;
  p.set("advocacy_working_days", 5);
  auto h = harness<AdvocacyChecker>(p);
  h.add(placement("C-1", "2025-03-03T10:00:00Z"));
  expect_deadline(h, kAdvocacy, at("2025-03-10T10:00:00Z"));
}

}  // namespace
}  // namespace carewatch::plugins::care_planning
