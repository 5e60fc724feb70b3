// RestraintTrainingChecker: CHR-33-RESTRAINT-TRAINING, judged on the local day of the restraint against
// the staff record's `restraint_training_expires`.

#include "restraint_training_checker.hpp"

#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "test_support.hpp"

namespace carewatch::plugins::workforce {
namespace {

using namespace testing;
using Evidence = std::vector<std::string>;

std::string restraint(std::string_view id, std::string_view used_by, std::string_view started_at,
                      std::string_view recorded_at = {}) {
  return line("restraint", id, recorded_at.empty() ? started_at : recorded_at,
              R"(,"child":"C-1","started_at":")" + std::string(started_at) + R"(","used_by":")" +
                  std::string(used_by) + R"(","behaviour":"free text that must never reach a finding")");
}

Harness training() {
  Harness h = harness<RestraintTrainingChecker>();
  h.add(staff_line("S-2", R"(,"started_at":"2024-01-08","restraint_training_expires":"2025-06-30")"));
  return h;
}

// A restraint on the expiry day itself (late evening, local time) is within the training.
TEST(RestraintTrainingCheckerTest, RestraintOnTheExpiryDayIsCompliant) {
  Harness h = training();
  h.add(restraint("R-1", "S-2", "2025-06-30T22:30:00Z"))
      .add(restraint("R-RM", "S-RM", "2025-06-30T10:00:00Z"));
  EXPECT_TRUE(h.run("2025-08-01T00:00:00Z").findings.empty());
}

// 23:30 UTC on 30 June is 00:30 BST on 1 July: the day after expiry, so a finding at once, with the
// restraint first in evidence, the child named, and no deadline.
TEST(RestraintTrainingCheckerTest, RestraintAfterExpiryIsABreach) {
  Harness h = training();
  h.add(restraint("R-1", "S-2", "2025-06-30T23:30:00Z"));
  EXPECT_TRUE(h.run("2025-06-30T23:29:59Z").findings.empty());
  const auto f = only(h.run("2025-06-30T23:30:00Z"), "CHR-33-RESTRAINT-TRAINING");
  ASSERT_TRUE(f);
  EXPECT_EQ(f->evidence, (Evidence{"R-1", "S-2"}));
  EXPECT_EQ(f->staff, "S-2");
  EXPECT_EQ(f->child, "C-1");
  EXPECT_FALSE(f->due_at.has_value());
  EXPECT_EQ(f->severity, sdk::Severity::high);
  EXPECT_EQ(f->escalate_to, (std::vector<std::string>{"registered_manager", "responsible_individual"}));
  EXPECT_EQ(
      f->summary,
      "Staff S-2 used restraint R-1 on 2025-07-01 after their restraint training expired on 2025-06-30.");
}

// Staff with no restraint training on record who use restraint are in breach too.
TEST(RestraintTrainingCheckerTest, NoTrainingOnRecordIsABreach) {
  Harness h = harness<RestraintTrainingChecker>();
  h.add(staff_line("S-3", R"(,"started_at":"2024-01-08")"))
      .add(restraint("R-2", "S-3", "2025-03-01T10:00:00Z"));
  const auto f = only(h.run("2025-03-02T00:00:00Z"), "CHR-33-RESTRAINT-TRAINING");
  ASSERT_TRUE(f);
  EXPECT_EQ(f->summary, "Staff S-3 used restraint R-2 on 2025-03-01 with no restraint training on record.");
}

// A restraint recorded late is invisible before it was written; renewed training recorded later is the
// in-date training RULES.md says closes the finding.
TEST(RestraintTrainingCheckerTest, AsOfTheRecordsWritten) {
  Harness h = training();
  h.add(restraint("R-1", "S-2", "2025-07-05T10:00:00Z", "2025-07-08T10:00:00Z"))
      .add(staff_line("S-2",
                      R"(,"started_at":"2024-01-08","restraint_training_expires":"2027-07-10","revision":2)",
                      "2025-07-20T10:00:00Z"));
  EXPECT_TRUE(h.run("2025-07-08T09:59:59Z").findings.empty());
  EXPECT_EQ(h.run("2025-07-08T10:00:00Z").rules(), std::vector<std::string>{"CHR-33-RESTRAINT-TRAINING"});
  EXPECT_TRUE(h.run("2025-07-20T10:00:00Z").findings.empty());
}

}  // namespace
}  // namespace carewatch::plugins::workforce
