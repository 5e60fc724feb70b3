// RecruitmentChecker: CHR-32-PRESTART and CHR-32-L3. Unless a test says otherwise a care worker starts on
// Monday 2025-03-03 and works a first shift SH-1 from 08:00Z that day.

#include "recruitment_checker.hpp"

#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "test_support.hpp"

namespace carewatch::plugins::workforce {
namespace {

using namespace testing;
using Evidence = std::vector<std::string>;

const sdk::TimePoint kFirstShift = at("2025-03-03T08:00:00Z");

// A roster entry written when the shift began (a clock-in), so audits during the shift see it.
std::string shift(std::string_view id, std::string_view staff, std::string_view start, std::string_view end) {
  return line("shift", id, start,
              R"(,"staff":")" + std::string(staff) + R"(","start":")" + std::string(start) + R"(","end":")" +
                  std::string(end) + '"');
}

Harness recruitment(sdk::Parameters params = {}) {
  Harness h = harness<RecruitmentChecker>(std::move(params));
  h.add(shift("SH-1", "S-2", "2025-03-03T08:00:00Z", "2025-03-03T16:00:00Z"))
      .add(shift("SH-2", "S-2", "2025-03-04T08:00:00Z", "2025-03-04T16:00:00Z"));
  return h;
}

// --- CHR-32-PRESTART ---

// A care worker whose checks were all done before the first shift raises nothing.
TEST(RecruitmentCheckerTest, ChecksBeforeTheFirstShiftAreCompliant) {
  Harness h = recruitment();
  h.add(staff_line("S-2", R"(,"started_at":"2025-03-03","l3_deferred":true)" + std::string(kChecksDone)));
  const auto result = h.run("2025-06-01T00:00:00Z");
  EXPECT_TRUE(result.findings.empty());
}

// Working a shift with no DBS check is critical from one second after the shift began; the finding
// names the staff record and the first shift and lists what was missing.
TEST(RecruitmentCheckerTest, ShiftWithoutDbsIsCritical) {
  Harness h = recruitment();
  h.add(staff_line(
      "S-2", R"(,"started_at":"2025-03-03","l3_deferred":true,"identity_verified_at":"2025-01-02T11:00:00Z",)"
             R"("references_received":2,"employment_history_checked":true)"));
  expect_deadline(h, "CHR-32-PRESTART", kFirstShift);
  const auto f = only(h.run("2025-03-10T00:00:00Z"), "CHR-32-PRESTART");
  ASSERT_TRUE(f);
  EXPECT_EQ(f->severity, sdk::Severity::critical);
  EXPECT_EQ(f->home, "H1");
  EXPECT_EQ(f->staff, "S-2");
  EXPECT_EQ(f->child, "");
  EXPECT_EQ(f->evidence, (Evidence{"S-2", "SH-1"}));
  EXPECT_EQ(f->regulation, "Children's Homes (England) Regulations 2015 reg 32(3) and Schedule 2");
  EXPECT_EQ(f->summary,
            "Staff S-2 began work at 2025-03-03T08:00:00Z without an enhanced DBS check with barred list in "
            "place before the first shift (due 2025-03-03T08:00:00Z).");
}

// With the DBS check in place, missing references and employment history are high, not critical.
TEST(RecruitmentCheckerTest, OtherMissingChecksAreHigh) {
  Harness h = recruitment();
  h.add(staff_line("S-2",
                   R"(,"started_at":"2025-03-03","l3_deferred":true,"dbs_cleared_at":"2025-02-01T10:00:00Z",)"
                   R"("identity_verified_at":"2025-01-02T11:00:00Z","references_received":1)"));
  const auto f = only(h.run("2025-03-10T00:00:00Z"), "CHR-32-PRESTART");
  ASSERT_TRUE(f);
  EXPECT_EQ(f->severity, sdk::Severity::high);
  EXPECT_NE(f->summary.find("without 2 references and an employment history check in place"),
            std::string::npos)
      << f->summary;
}

// A DBS certificate dated after the first shift is late: the shifts before it were unchecked, so the
// finding stays critical however long afterwards the audit runs. A check dated exactly at the shift's
// start counts as in place.
TEST(RecruitmentCheckerTest, DbsDatedAfterTheFirstShiftStaysCritical) {
  Harness late = recruitment();
  late.add(staff_line(
      "S-2", R"(,"started_at":"2025-03-03","l3_deferred":true,"dbs_cleared_at":"2025-03-03T08:00:01Z",)"
             R"("identity_verified_at":"2025-01-02T11:00:00Z","references_received":2,)"
             R"("employment_history_checked":true)"));
  const auto f = only(late.run("2026-01-01T00:00:00Z"), "CHR-32-PRESTART");
  ASSERT_TRUE(f);
  EXPECT_EQ(f->severity, sdk::Severity::critical);

  Harness exact = recruitment();
  exact.add(staff_line(
      "S-2", R"(,"started_at":"2025-03-03","l3_deferred":true,"dbs_cleared_at":"2025-03-03T08:00:00Z",)"
             R"("identity_verified_at":"2025-01-02T11:00:00Z","references_received":2,)"
             R"("employment_history_checked":true)"));
  EXPECT_TRUE(exact.run("2026-01-01T00:00:00Z").findings.empty());
}

// `first_shift_at` alone is a first shift: the finding is due then and its evidence is the staff record.
TEST(RecruitmentCheckerTest, FirstShiftAtWithoutRosterEntries) {
  Harness h = harness<RecruitmentChecker>();
  h.add(staff_line(
      "S-3", R"(,"started_at":"2025-03-03","l3_deferred":true,"first_shift_at":"2025-03-05T07:00:00Z")"));
  expect_deadline(h, "CHR-32-PRESTART", at("2025-03-05T07:00:00Z"));
  const auto f = only(h.run("2025-03-06T00:00:00Z"), "CHR-32-PRESTART");
  ASSERT_TRUE(f);
  EXPECT_EQ(f->evidence, Evidence{"S-3"});
  EXPECT_NE(
      f->summary.find("without an enhanced DBS check with barred list, identity verification, 2 references "
                      "and an employment history check"),
      std::string::npos)
      << f->summary;
}

// Staff outside a care role, and staff who have not yet worked, raise nothing.
TEST(RecruitmentCheckerTest, NonCareRoleAndNoShiftRaiseNothing) {
  Harness h = harness<RecruitmentChecker>();
  h.add(line("staff", "S-4", "2025-01-02T09:00:00Z",
             R"(,"role":"other","employment":"permanent","care_role":false,"started_at":"2023-03-03",)"
             R"("first_shift_at":"2023-03-03T08:00:00Z")"))
      .add(staff_line("S-5", R"(,"started_at":"2025-03-03","l3_deferred":true)"));
  const auto result = h.run("2026-01-01T00:00:00Z");
  EXPECT_TRUE(result.findings.empty());
  EXPECT_FALSE(result.next_look.has_value());
}

// A staff record amended late to show a DBS check dated before the first shift: audits before the
// amendment was written see the breach; audits after it do not.
TEST(RecruitmentCheckerTest, LateAmendmentClosesOnlyFromWhenItWasWritten) {
  Harness h = recruitment();
  const std::string rest =
      R"(,"started_at":"2025-03-03","l3_deferred":true,"identity_verified_at":"2025-01-02T11:00:00Z",)"
      R"("references_received":2,"employment_history_checked":true)";
  h.add(staff_line("S-2", rest, "2025-01-02T09:00:00Z"))
      .add(staff_line("S-2", rest + R"(,"revision":2,"dbs_cleared_at":"2025-02-20T10:00:00Z")",
                      "2025-03-12T09:00:00Z"));
  EXPECT_EQ(h.run("2025-03-12T08:59:59Z").rules(), std::vector<std::string>{"CHR-32-PRESTART"});
  EXPECT_TRUE(h.run("2025-03-12T09:00:00Z").findings.empty());
}

// A first shift still ahead (`first_shift_at` recorded in advance) with checks missing asks to be looked
// at one second after it starts; once the checks are done it asks nothing.
TEST(RecruitmentCheckerTest, FutureFirstShiftIsPending) {
  Harness h = harness<RecruitmentChecker>();
  h.add(staff_line(
      "S-2", R"(,"started_at":"2025-03-03","l3_deferred":true,"first_shift_at":"2025-03-03T08:00:00Z")"));
  const auto result = h.run("2025-03-01T00:00:00Z");
  EXPECT_TRUE(result.findings.empty());
  ASSERT_TRUE(result.next_look.has_value());
  EXPECT_EQ(*result.next_look, kFirstShift + sdk::Seconds{1});

  Harness ready = harness<RecruitmentChecker>();
  ready.add(staff_line(
      "S-2", R"(,"started_at":"2025-03-03","l3_deferred":true,"first_shift_at":"2025-03-03T08:00:00Z")" +
                 std::string(kChecksDone)));
  EXPECT_FALSE(ready.run("2025-03-01T00:00:00Z").next_look.has_value());
}

// --- CHR-32-L3 ---

// Two years after a winter start the deadline is local midnight (GMT) starting the anniversary.
TEST(RecruitmentCheckerTest, Level3DueTwoYearsAfterStarting) {
  Harness h = harness<RecruitmentChecker>();
  h.add(staff_line("S-6", R"(,"started_at":"2023-03-01")" + std::string(kChecksDone)));
  expect_deadline(h, "CHR-32-L3", at("2025-03-01T00:00:00Z"));
  const auto f = only(h.run("2025-03-02T00:00:00Z"), "CHR-32-L3");
  ASSERT_TRUE(f);
  EXPECT_EQ(f->evidence, Evidence{"S-6"});
  EXPECT_EQ(f->staff, "S-6");
  EXPECT_EQ(f->severity, sdk::Severity::medium);
  EXPECT_EQ(
      f->summary,
      "Staff S-6 in a care role has neither achieved nor been deferred from the level 3 qualification 24 "
      "months after starting on 2023-03-01 (due 2025-03-01T00:00:00Z).");
}

// In summer the anniversary begins at local midnight BST, an hour before midnight UTC; a 29 February
// start falls due on 28 February.
TEST(RecruitmentCheckerTest, Level3DeadlineIsALocalDay) {
  Harness summer = harness<RecruitmentChecker>();
  summer.add(staff_line("S-6", R"(,"started_at":"2023-06-15")" + std::string(kChecksDone)));
  expect_deadline(summer, "CHR-32-L3", at("2025-06-14T23:00:00Z"));
  Harness leap = harness<RecruitmentChecker>();
  leap.add(staff_line("S-7", R"(,"started_at":"2024-02-29")" + std::string(kChecksDone)));
  expect_deadline(leap, "CHR-32-L3", at("2026-02-28T00:00:00Z"));
}

// A qualification (even a late one, once its date has come) or a deferral closes the rule; a staff
// member who left before the deadline is never due.
TEST(RecruitmentCheckerTest, Level3ClosedByQualificationDeferralOrLeaving) {
  Harness achieved = harness<RecruitmentChecker>();
  achieved.add(staff_line(
      "S-6", R"(,"started_at":"2023-03-01","l3_achieved_at":"2025-04-01")" + std::string(kChecksDone)));
  EXPECT_EQ(achieved.run("2025-03-31T12:00:00Z").rules(), std::vector<std::string>{"CHR-32-L3"});
  EXPECT_TRUE(achieved.run("2025-04-01T00:00:00Z").findings.empty());

  Harness deferred = harness<RecruitmentChecker>();
  deferred.add(
      staff_line("S-6", R"(,"started_at":"2023-03-01","l3_deferred":true)" + std::string(kChecksDone)));
  EXPECT_TRUE(deferred.run("2025-06-01T00:00:00Z").findings.empty());

  Harness left = harness<RecruitmentChecker>();
  left.add(
      staff_line("S-6", R"(,"started_at":"2023-03-01","left_at":"2025-02-28")" + std::string(kChecksDone)));
  EXPECT_TRUE(left.run("2025-06-01T00:00:00Z").findings.empty());
}

// The interval is a parameter.
TEST(RecruitmentCheckerTest, Level3MonthsIsAParameter) {
  sdk::Parameters params;
  params.set("l3_months", 12);
  Harness h = harness<RecruitmentChecker>(params);
  h.add(staff_line("S-6", R"(,"started_at":"2024-03-01")" + std::string(kChecksDone)));
  expect_deadline(h, "CHR-32-L3", at("2025-03-01T00:00:00Z"));
}

}  // namespace
}  // namespace carewatch::plugins::workforce
