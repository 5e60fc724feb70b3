// ProfileChecker: 7 days after admission the child's record names the placing authority, social worker,
// IRO and date of birth.

#include "profile_checker.hpp"

#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "rule_catalogue.hpp"
#include "test_support.hpp"

namespace carewatch::plugins::case_records {
namespace {

using namespace testing;

// A complete record raises nothing and needs no look-again, even before the 7 days are up.
TEST(ProfileCheckerTest, CompleteRecordIsCompliant) {
  auto h = harness<ProfileChecker>();
  const auto early = h.run("2025-01-03T00:00:00Z");
  EXPECT_TRUE(early.findings.empty());
  EXPECT_FALSE(early.next_look.has_value());
  EXPECT_TRUE(h.run("2025-06-01T00:00:00Z").findings.empty());
}

// A record still without social_worker and iro 7 days after admission: nothing at the deadline, the
// finding one second later naming the missing fields, triggered by the placement.
TEST(ProfileCheckerTest, IncompleteRecordIsABreachAfterSevenDays) {
  auto h = harness<ProfileChecker>();
  h.add(placement("C-2", "2025-03-03T10:00:00Z").drop("social_worker").set("iro", ""));
  expect_deadline(h, kProfile, at("2025-03-10T10:00:00Z"));
  const auto f = only(h.run("2025-03-11T00:00:00Z"), kProfile);
  ASSERT_TRUE(f);
  EXPECT_EQ(f->evidence, std::vector<std::string>{"C-2"});
  EXPECT_EQ(f->child, "C-2");
  EXPECT_EQ(f->summary,
            "Child C-2's record is missing social_worker and iro 7 days after the placement at "
            "2025-03-03T10:00:00Z (due 2025-03-10T10:00:00Z).");
}

// The 7 days keep the local wall-clock time across the clock change: 10:00 GMT on 28 March is due at
// 10:00 BST (09:00 UTC) on 4 April.
TEST(ProfileCheckerTest, SevenDaysKeepTheLocalTimeAcrossTheClockChange) {
  auto h = harness<ProfileChecker>();
  h.add(placement("C-2", "2025-03-28T10:00:00Z").drop("iro"));
  expect_deadline(h, kProfile, at("2025-04-04T09:00:00Z"));
}

// Each of the fields that are free to be left out is required, and counts as missing when blank
// (placing_authority cannot be empty at import, but can be blank).
TEST(ProfileCheckerTest, EachFieldIsRequired) {
  for (const char* field : {"placing_authority", "social_worker", "iro"}) {
    SCOPED_TRACE(field);
    auto h = harness<ProfileChecker>();
    h.add(placement("C-2", "2025-03-03T10:00:00Z").set(field, " "));
    const auto f = only(h.run("2025-03-11T00:00:00Z"), kProfile);
    ASSERT_TRUE(f);
    EXPECT_NE(f->summary.find(std::string("missing ") + field + " 7 days"), std::string::npos) << f->summary;
  }
}

// The import refuses a placement without a readable date_of_birth; a record that reaches the checker
// without one anyway (built here without validation) is raised rather than taken as complete.
TEST(ProfileCheckerTest, UnreadableDateOfBirthIsMissing) {
  sdk::Value body = sdk::Value::object({{"kind", "child"},
                                        {"id", "C-2"},
                                        {"home", "H1"},
                                        {"recorded_at", "2025-03-03T10:00:00Z"},
                                        {"date_of_birth", "unknown"},
                                        {"placing_authority", "LA-HOST"},
                                        {"admitted_at", "2025-03-03T10:00:00Z"},
                                        {"communication", "verbal"},
                                        {"social_worker", "SW-1"},
                                        {"iro", "IRO-1"}});
  const sdk::Timeline timeline({sdk::Scope::child, "H1", "C-2"}, {sdk::Record(std::move(body))});
  ProfileChecker checker;
  checker.configure({});
  const sdk::Parameters params;
  const sdk::NullLogger logger;
  const sdk::Context context(at("2025-03-11T00:00:00Z"), sdk::testing::default_calendar(), params, logger);
  sdk::Sink sink;
  checker.check(timeline, context, sink);
  ASSERT_EQ(sink.findings().size(), 1u);
  EXPECT_NE(sink.findings().front().summary.find("missing date_of_birth"), std::string::npos)
      << sink.findings().front().summary;
}

// Completing the record in a later revision closes the finding from when that revision was written;
// a record completed after the deadline no longer raises anything.
TEST(ProfileCheckerTest, CompletingTheRecordClosesTheFinding) {
  auto h = harness<ProfileChecker>();
  const Line incomplete = placement("C-2", "2025-03-03T10:00:00Z").drop("iro");
  h.add(incomplete).add(Line(incomplete).set("iro", "IRO-2").revision(2, "2025-03-14T10:00:00Z"));
  EXPECT_EQ(h.run("2025-03-14T09:59:59Z").of_rule(kProfile).size(), 1u);
  EXPECT_TRUE(h.run("2025-03-14T10:00:00Z").findings.empty());
}

// A placement written up late is invisible before it was written; from then on its gaps are overdue.
TEST(ProfileCheckerTest, LateWrittenPlacementAppearsWhenWritten) {
  auto h = harness<ProfileChecker>();
  h.add(placement("C-2", "2025-03-03T10:00:00Z").drop("iro").set("recorded_at", "2025-03-20T10:00:00Z"));
  EXPECT_TRUE(h.run("2025-03-19T00:00:00Z").findings.empty());
  EXPECT_EQ(h.run("2025-03-20T10:00:00Z").of_rule(kProfile).size(), 1u);
}

// The days are a parameter.
TEST(ProfileCheckerTest, DaysAreConfigurable) {
  sdk::Parameters p;
  p.set("profile_days", 1);
  auto h = harness<ProfileChecker>(p);
  h.add(placement("C-2", "2025-03-03T10:00:00Z").drop("iro"));
  expect_deadline(h, kProfile, at("2025-03-04T10:00:00Z"));
  const auto f = only(h.run("2025-03-05T00:00:00Z"), kProfile);
  ASSERT_TRUE(f);
  EXPECT_NE(f->summary.find("missing iro 1 day after"), std::string::npos) << f->summary;
}

}  // namespace
}  // namespace carewatch::plugins::case_records
