// ManagerAbsenceChecker: CHR-48-ABSENCE for the registered manager S-RM. Notice of a planned absence is
// due by the end of the local day a month before it starts; in an emergency by the end of the 7th day
// after the start; the return by the end of the 7th day after `ends_on` (the last day away).

#include "manager_absence_checker.hpp"

#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "test_support.hpp"

namespace carewatch::plugins::workforce {
namespace {

using namespace testing;
using Evidence = std::vector<std::string>;

// A manager_absence of S-RM recorded at `recorded_at`; `fields` gives the rest.
std::string absence(std::string_view id, std::string_view fields,
                    std::string_view recorded_at = "2025-01-02T09:00:00Z") {
  return line("manager_absence", id, recorded_at, R"(,"staff":"S-RM")" + std::string(fields));
}

// A planned absence notified in time, and its return notified in time, raise nothing.
TEST(ManagerAbsenceCheckerTest, NotifiedAbsenceIsCompliant) {
  Harness h = harness<ManagerAbsenceChecker>();
  h.add(absence(
      "MA-1",
      R"(,"starts_on":"2025-05-01","ends_on":"2025-06-15","ofsted_notified_at":"2025-03-20T10:00:00Z",)"
      R"("return_notified_at":"2025-06-18T10:00:00Z")"));
  const auto result = h.run("2025-07-01T00:00:00Z");
  EXPECT_TRUE(result.findings.empty());
  EXPECT_FALSE(result.next_look.has_value());
}

// Notice of a planned absence from 1 May is due by the end of 1 April (BST): the finding names the
// absence, the manager as staff, and goes to the responsible individual.
TEST(ManagerAbsenceCheckerTest, PlannedAbsenceNotNotifiedAMonthBefore) {
  Harness h = harness<ManagerAbsenceChecker>();
  h.add(absence(
      "MA-1",
      R"(,"starts_on":"2025-05-01","ends_on":"2025-06-15","return_notified_at":"2025-06-16T10:00:00Z")"));
  expect_deadline(h, "CHR-48-ABSENCE", at("2025-04-01T23:00:00Z"));
  const auto f = only(h.run("2025-04-10T00:00:00Z"), "CHR-48-ABSENCE");
  ASSERT_TRUE(f);
  EXPECT_EQ(f->evidence, Evidence{"MA-1"});
  EXPECT_EQ(f->staff, "S-RM");
  EXPECT_EQ(f->home, "H1");
  EXPECT_EQ(f->severity, sdk::Severity::medium);
  EXPECT_EQ(f->escalate_to, std::vector<std::string>{"responsible_individual"});
  EXPECT_EQ(f->regulation, "Children's Homes (England) Regulations 2015 reg 48");
  EXPECT_EQ(
      f->summary,
      "Absence MA-1 of registered manager S-RM from 2025-05-01, of 28 days or more, was not notified to "
      "Ofsted 1 month before it began (due 2025-04-01T23:00:00Z).");
  // A late notice closes it from its own time on.
  h.add(absence(
      "MA-1",
      R"(,"starts_on":"2025-05-01","ends_on":"2025-06-15","return_notified_at":"2025-06-16T10:00:00Z",)"
      R"("ofsted_notified_at":"2025-04-12T10:00:00Z","revision":2)",
      "2025-04-12T10:00:00Z"));
  EXPECT_EQ(h.run("2025-04-12T09:59:59Z").rules(), std::vector<std::string>{"CHR-48-ABSENCE"});
  EXPECT_TRUE(h.run("2025-04-12T10:00:00Z").findings.empty());
}

// An emergency absence from Monday 3 March must be notified by the end of 10 March.
TEST(ManagerAbsenceCheckerTest, EmergencyAbsenceWithinOneWeek) {
  Harness h = harness<ManagerAbsenceChecker>();
  h.add(absence("MA-2",
                R"(,"starts_on":"2025-03-03","ends_on":"2025-04-30","emergency":true,)"
                R"("return_notified_at":"2025-05-02T10:00:00Z")",
                "2025-03-03T09:00:00Z"));
  expect_deadline(h, "CHR-48-ABSENCE", at("2025-03-11T00:00:00Z"));
  const auto f = only(h.run("2025-03-12T00:00:00Z"), "CHR-48-ABSENCE");
  ASSERT_TRUE(f);
  EXPECT_NE(f->summary.find("was not notified to Ofsted within 7 days of its start"), std::string::npos)
      << f->summary;
}

// An absence of 27 days needs no notice; one of exactly 28 days (both ends counted) does.
TEST(ManagerAbsenceCheckerTest, OnlyAbsencesOf28DaysOrMore) {
  Harness short_one = harness<ManagerAbsenceChecker>();
  short_one.add(absence("MA-3", R"(,"starts_on":"2025-03-01","ends_on":"2025-03-27")"));
  const auto none = short_one.run("2025-06-01T00:00:00Z");
  EXPECT_TRUE(none.findings.empty());
  EXPECT_FALSE(none.next_look.has_value());
  Harness exact = harness<ManagerAbsenceChecker>();
  exact.add(absence("MA-3", R"(,"starts_on":"2025-03-01","ends_on":"2025-03-28")"));
  EXPECT_EQ(exact.run("2025-06-01T00:00:00Z").findings.size(), 2u);
}

// An open-ended emergency absence becomes notifiable once it has lasted 28 days (the end of its 28th
// local day, BST by then); its notice is already overdue at that moment, so the finding appears then.
TEST(ManagerAbsenceCheckerTest, OpenEndedAbsenceQualifiesAfter28Days) {
  Harness h = harness<ManagerAbsenceChecker>();
  h.add(absence("MA-4", R"(,"starts_on":"2025-03-03","emergency":true)", "2025-03-03T09:00:00Z"));
  const auto before = h.run("2025-03-30T22:59:59Z");
  EXPECT_TRUE(before.findings.empty());
  ASSERT_TRUE(before.next_look.has_value());
  EXPECT_EQ(*before.next_look, at("2025-03-30T23:00:00Z"));
  const auto f = only(h.run("2025-03-30T23:00:00Z"), "CHR-48-ABSENCE");
  ASSERT_TRUE(f);
  EXPECT_EQ(sdk::format_timestamp(*f->due_at), "2025-03-11T00:00:00Z");
  // Ended after 20 days, it was never notifiable: the finding goes.
  h.add(absence("MA-4", R"(,"starts_on":"2025-03-03","emergency":true,"ends_on":"2025-03-22","revision":2)",
                "2025-04-02T09:00:00Z"));
  EXPECT_TRUE(h.run("2025-04-02T09:00:00Z").findings.empty());
}

// The return from an absence ending 15 June is due by the end of 22 June (BST); it is its own finding,
// triggered by `MA-1#return`.
TEST(ManagerAbsenceCheckerTest, ReturnNotNotifiedWithinSevenDays) {
  Harness h = harness<ManagerAbsenceChecker>();
  h.add(absence(
      "MA-1",
      R"(,"starts_on":"2025-05-01","ends_on":"2025-06-15","ofsted_notified_at":"2025-03-20T10:00:00Z")"));
  expect_deadline(h, "CHR-48-ABSENCE", at("2025-06-22T23:00:00Z"));
  const auto f = only(h.run("2025-07-01T00:00:00Z"), "CHR-48-ABSENCE");
  ASSERT_TRUE(f);
  EXPECT_EQ(f->evidence, Evidence{"MA-1#return"});
  EXPECT_EQ(
      f->summary,
      "The return of registered manager S-RM from absence MA-1 ending 2025-06-15 was not notified to Ofsted "
      "within 7 days (due 2025-06-22T23:00:00Z).");
}

// The notice periods and the threshold are parameters.
TEST(ManagerAbsenceCheckerTest, PeriodsAreParameters) {
  sdk::Parameters params;
  params.set("absence_threshold_days", 14);
  params.set("emergency_notice_days", 3);
  Harness h = harness<ManagerAbsenceChecker>(params);
  h.add(absence("MA-5", R"(,"starts_on":"2025-03-03","ends_on":"2025-03-20","emergency":true,)"
                        R"("return_notified_at":"2025-03-21T10:00:00Z")"));
  expect_deadline(h, "CHR-48-ABSENCE", at("2025-03-07T00:00:00Z"));
}

}  // namespace
}  // namespace carewatch::plugins::workforce
