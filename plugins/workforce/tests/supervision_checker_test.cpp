// SupervisionChecker: CHR-33-SUPERVISION (default interval 42 days) and CHR-33-APPRAISAL (12 months).

#include "supervision_checker.hpp"

#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "test_support.hpp"

namespace carewatch::plugins::workforce {
namespace {

using namespace testing;
using Evidence = std::vector<std::string>;

std::string supervision(std::string_view id, std::string_view staff, std::string_view held_at,
                        std::string_view recorded_at = {}) {
  return line("supervision", id, recorded_at.empty() ? held_at : recorded_at,
              R"(,"staff":")" + std::string(staff) + R"(","held_at":")" + std::string(held_at) + '"');
}

std::string appraisal(std::string_view id, std::string_view staff, std::string_view held_at) {
  return line("appraisal", id, held_at,
              R"(,"staff":")" + std::string(staff) + R"(","held_at":")" + std::string(held_at) + '"');
}

// Supervisions every few weeks and a recent appraisal raise nothing; the next look is one second after
// the last supervision's interval ends.
TEST(SupervisionCheckerTest, RegularSupervisionIsCompliant) {
  Harness h = harness<SupervisionChecker>();
  h.add(staff_line("S-2", R"(,"started_at":"2025-01-06")"))
      .add(supervision("SUP-1", "S-2", "2025-02-10T10:00:00Z"))
      .add(supervision("SUP-2", "S-2", "2025-03-20T10:00:00Z"))
      .add(appraisal("AP-1", "S-2", "2025-03-01T10:00:00Z"))
      .add(supervision("SUP-RM", "S-RM", "2025-03-25T10:00:00Z"))
      .add(appraisal("AP-RM", "S-RM", "2025-01-10T10:00:00Z"));
  const auto result = h.run("2025-04-01T00:00:00Z");
  EXPECT_TRUE(result.findings.empty());
  ASSERT_TRUE(result.next_look.has_value());
  // 42 local days after 2025-03-20T10:00Z (GMT) is 10:00 BST on 2025-05-01.
  EXPECT_EQ(*result.next_look, at("2025-05-01T09:00:01Z"));
}

// A new starter's first interval runs from the start of their first day; across the spring clock change
// the deadline stays at local midnight. The finding's evidence is the staff record.
TEST(SupervisionCheckerTest, NewStarterCountsFromStartedAtAcrossTheClockChange) {
  Harness h = harness<SupervisionChecker>();
  h.add(staff_line("S-2", R"(,"started_at":"2025-03-03")"));
  expect_deadline(h, "CHR-33-SUPERVISION", at("2025-04-13T23:00:00Z"));
  const auto f = only(h.run("2025-04-20T00:00:00Z"), "CHR-33-SUPERVISION");
  ASSERT_TRUE(f);
  EXPECT_EQ(f->evidence, Evidence{"S-2"});
  EXPECT_EQ(f->staff, "S-2");
  EXPECT_EQ(f->severity, sdk::Severity::medium);
  EXPECT_EQ(f->regulation, "Children's Homes (England) Regulations 2015 reg 33(4)(b)");
  EXPECT_EQ(f->summary,
            "Staff S-2 has had no supervision since starting on 2025-03-03, beyond the interval of 42 days "
            "(due 2025-04-13T23:00:00Z).");
}

// A missed interval after a supervision is triggered by that supervision; a later one closes it.
TEST(SupervisionCheckerTest, MissedIntervalAfterASupervision) {
  Harness h = harness<SupervisionChecker>();
  h.add(staff_line("S-2", R"(,"started_at":"2024-06-03")"))
      .add(supervision("SUP-1", "S-2", "2024-12-02T10:00:00Z"))
      .add(appraisal("AP-1", "S-2", "2024-12-02T11:00:00Z"));
  expect_deadline(h, "CHR-33-SUPERVISION", at("2025-01-13T10:00:00Z"));
  const auto f = only(h.run("2025-01-20T00:00:00Z"), "CHR-33-SUPERVISION");
  ASSERT_TRUE(f);
  EXPECT_EQ(f->evidence, (Evidence{"SUP-1", "S-2"}));
  h.add(supervision("SUP-2", "S-2", "2025-01-21T10:00:00Z"));
  EXPECT_TRUE(h.run("2025-01-22T00:00:00Z").findings.empty());
}

// A supervision held in time but recorded late is invisible to audits before it was written.
TEST(SupervisionCheckerTest, LateRecordCountsOnlyOnceWritten) {
  Harness h = harness<SupervisionChecker>();
  h.add(staff_line("S-2", R"(,"started_at":"2024-06-03")"))
      .add(supervision("SUP-1", "S-2", "2024-12-02T10:00:00Z"))
      .add(appraisal("AP-1", "S-2", "2024-12-02T11:00:00Z"))
      .add(supervision("SUP-2", "S-2", "2025-01-10T10:00:00Z", "2025-01-20T09:00:00Z"));
  EXPECT_EQ(h.run("2025-01-20T08:59:59Z").rules(), std::vector<std::string>{"CHR-33-SUPERVISION"});
  EXPECT_TRUE(h.run("2025-01-20T09:00:00Z").findings.empty());
}

// The interval is a parameter.
TEST(SupervisionCheckerTest, IntervalIsAParameter) {
  sdk::Parameters params;
  params.set("supervision_interval_days", 28);
  Harness h = harness<SupervisionChecker>(params);
  h.add(staff_line("S-2", R"(,"started_at":"2024-06-03")"))
      .add(supervision("SUP-1", "S-2", "2024-12-02T10:00:00Z"))
      .add(appraisal("AP-1", "S-2", "2024-12-02T11:00:00Z"));
  expect_deadline(h, "CHR-33-SUPERVISION", at("2024-12-30T10:00:00Z"));
}

// Staff who have left are not checked after the end of their leaving day: an interval ending later is
// never due, and an overdue finding goes when they leave (the engine is asked to look again then).
TEST(SupervisionCheckerTest, StaffWhoLeftStopBeingChecked) {
  Harness gone = harness<SupervisionChecker>();
  gone.add(staff_line("S-2", R"(,"started_at":"2024-06-03","left_at":"2025-01-10")"))
      .add(supervision("SUP-1", "S-2", "2024-12-02T10:00:00Z"))
      .add(appraisal("AP-1", "S-2", "2024-12-02T11:00:00Z"));
  EXPECT_TRUE(gone.run("2025-03-01T00:00:00Z").findings.empty());

  Harness overdue = harness<SupervisionChecker>();
  overdue.add(staff_line("S-2", R"(,"started_at":"2024-06-03","left_at":"2025-01-31")"))
      .add(supervision("SUP-1", "S-2", "2024-12-02T10:00:00Z"))
      .add(appraisal("AP-1", "S-2", "2024-12-02T11:00:00Z"));
  const auto during = overdue.run("2025-01-20T00:00:00Z");
  EXPECT_EQ(during.rules(), std::vector<std::string>{"CHR-33-SUPERVISION"});
  ASSERT_TRUE(during.next_look.has_value());
  EXPECT_EQ(*during.next_look, at("2025-02-01T00:00:00Z"));
  EXPECT_EQ(overdue.run("2025-01-31T23:59:59Z").rules(), std::vector<std::string>{"CHR-33-SUPERVISION"});
  EXPECT_TRUE(overdue.run("2025-02-01T00:00:00Z").findings.empty());
}

// --- CHR-33-APPRAISAL ---

// A new starter is due an appraisal a calendar year after starting; the finding is low severity.
TEST(SupervisionCheckerTest, AppraisalDueAYearAfterStarting) {
  Harness h = harness<SupervisionChecker>();
  h.add(staff_line("S-2", R"(,"started_at":"2024-01-31")"))
      .add(supervision("SUP-1", "S-2", "2025-01-20T10:00:00Z"));
  expect_deadline(h, "CHR-33-APPRAISAL", at("2025-01-31T00:00:00Z"));
  const auto f = only(h.run("2025-02-01T00:00:00Z"), "CHR-33-APPRAISAL");
  ASSERT_TRUE(f);
  EXPECT_EQ(f->severity, sdk::Severity::low);
  EXPECT_EQ(f->evidence, Evidence{"S-2"});
  EXPECT_EQ(f->regulation, "Children's Homes (England) Regulations 2015 reg 33(4)(c)");
}

// After an appraisal on 29 February the next is due on 28 February, at the same local time; one in
// summer is due a year later at the same BST wall-clock time.
TEST(SupervisionCheckerTest, AppraisalYearIsACalendarYear) {
  Harness leap = harness<SupervisionChecker>();
  leap.add(staff_line("S-2", R"(,"started_at":"2023-01-02")"))
      .add(appraisal("AP-1", "S-2", "2024-02-29T10:00:00Z"))
      .add(supervision("SUP-1", "S-2", "2025-02-20T10:00:00Z"));
  expect_deadline(leap, "CHR-33-APPRAISAL", at("2025-02-28T10:00:00Z"));
  const auto f = only(leap.run("2025-03-01T00:00:00Z"), "CHR-33-APPRAISAL");
  ASSERT_TRUE(f);
  EXPECT_EQ(f->evidence, (Evidence{"AP-1", "S-2"}));
  EXPECT_EQ(
      f->summary,
      "Staff S-2 has had no appraisal since appraisal AP-1 on 2024-02-29T10:00:00Z, beyond the interval of "
      "12 months (due 2025-02-28T10:00:00Z).");
}

}  // namespace
}  // namespace carewatch::plugins::workforce
