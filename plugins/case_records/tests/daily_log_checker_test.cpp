// DailyLogChecker: every daily log entry signed, and written by the staff member it names as author.

#include "daily_log_checker.hpp"

#include <algorithm>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "rule_catalogue.hpp"
#include "test_support.hpp"

namespace carewatch::plugins::case_records {
namespace {

using namespace testing;

// A signed entry recorded by its author raises nothing and needs no look-again.
TEST(DailyLogCheckerTest, SignedEntryByItsAuthorIsCompliant) {
  auto h = harness<DailyLogChecker>();
  h.add(daily_log("DL-1", "2025-03-03T20:00:00Z"));
  const auto result = h.run("2025-03-10T00:00:00Z");
  EXPECT_TRUE(result.findings.empty());
  EXPECT_FALSE(result.next_look.has_value());
}

// An entry without signed_at is raised as soon as it is on record, with no deadline, naming the author
// as the staff member and quoting nothing from the entry.
TEST(DailyLogCheckerTest, UnsignedEntryIsABreach) {
  auto h = harness<DailyLogChecker>();
  h.add(daily_log("DL-1", "2025-03-03T20:00:00Z").drop("signed_at"));
  EXPECT_TRUE(h.run("2025-03-03T20:59:59Z").findings.empty());
  const auto f = only(h.run("2025-03-03T21:00:00Z"), kSigned);
  ASSERT_TRUE(f);
  EXPECT_EQ(f->evidence, std::vector<std::string>{"DL-1"});
  EXPECT_EQ(f->child, "C-1");
  EXPECT_EQ(f->staff, "S-1");
  EXPECT_FALSE(f->due_at.has_value());
  EXPECT_EQ(f->summary, "Daily log DL-1 for child C-1 at 2025-03-03T20:00:00Z has no signed_at.");
}

// An entry recorded by someone other than its author is raised, naming both staff ids.
TEST(DailyLogCheckerTest, EntryRecordedByAnotherStaffMemberIsABreach) {
  auto h = harness<DailyLogChecker>();
  h.add(daily_log("DL-1", "2025-03-03T20:00:00Z").set("recorded_by", "S-2"));
  const auto f = only(h.run("2025-03-10T00:00:00Z"), kSigned);
  ASSERT_TRUE(f);
  EXPECT_EQ(f->summary,
            "Daily log DL-1 for child C-1 at 2025-03-03T20:00:00Z is authored by staff S-1 but recorded by "
            "staff S-2.");
}

// Both problems on one entry give one finding that says both.
TEST(DailyLogCheckerTest, BothProblemsGiveOneFinding) {
  auto h = harness<DailyLogChecker>();
  h.add(daily_log("DL-1", "2025-03-03T20:00:00Z").set("recorded_by", "S-2").drop("signed_at"));
  const auto f = only(h.run("2025-03-10T00:00:00Z"), kSigned);
  ASSERT_TRUE(f);
  EXPECT_EQ(
      f->summary,
      "Daily log DL-1 for child C-1 at 2025-03-03T20:00:00Z has no signed_at and is authored by staff S-1 "
      "but recorded by staff S-2.");
}

// Without recorded_by nothing contradicts the author.
TEST(DailyLogCheckerTest, MissingRecordedByIsNotAMismatch) {
  auto h = harness<DailyLogChecker>();
  h.add(daily_log("DL-1", "2025-03-03T20:00:00Z").drop("recorded_by"));
  EXPECT_TRUE(h.run("2025-03-10T00:00:00Z").findings.empty());
}

// A signature dated after T is not yet given: the entry is raised until then, and the engine is asked
// to look again at the signature's time.
TEST(DailyLogCheckerTest, SignatureDatedAfterTCountsFromItsOwnTime) {
  auto h = harness<DailyLogChecker>();
  h.add(daily_log("DL-1", "2025-03-03T20:00:00Z").set("signed_at", "2025-03-04T08:00:00Z"));
  const auto before = h.run("2025-03-04T07:00:00Z");
  EXPECT_EQ(before.of_rule(kSigned).size(), 1u);
  EXPECT_EQ(stamp(before.next_look), "2025-03-04T08:00:00Z");
  EXPECT_TRUE(h.run("2025-03-04T08:00:00Z").findings.empty());
}

// A later revision that signs the entry closes the finding from when it was written, and the finding
// keeps one fingerprint until then.
TEST(DailyLogCheckerTest, SigningInALaterRevisionClosesTheFinding) {
  auto h = harness<DailyLogChecker>();
  Line unsigned_log = daily_log("DL-1", "2025-03-03T20:00:00Z");
  unsigned_log.drop("signed_at");
  h.add(unsigned_log)
      .add(Line(unsigned_log).set("signed_at", "2025-03-05T09:00:00Z").revision(2, "2025-03-05T09:00:00Z"));
  const auto first = only(h.run("2025-03-04T00:00:00Z"), kSigned);
  const auto second = only(h.run("2025-03-05T08:59:59Z"), kSigned);
  ASSERT_TRUE(first && second);
  EXPECT_EQ(first->fingerprint, second->fingerprint);
  EXPECT_TRUE(h.run("2025-03-05T09:00:00Z").findings.empty());
}

// Each child's entries are that child's findings.
TEST(DailyLogCheckerTest, FindingsBelongToEachChild) {
  auto h = harness<DailyLogChecker>();
  h.add(placement("C-2", "2025-02-01T10:00:00Z"));
  h.add(daily_log("DL-1", "2025-03-03T20:00:00Z").drop("signed_at"));
  h.add(daily_log("DL-2", "2025-03-03T20:00:00Z", "C-2").drop("signed_at"));
  h.add(daily_log("DL-3", "2025-03-03T21:00:00Z", "C-2"));
  const auto result = h.run("2025-03-10T00:00:00Z");
  std::vector<std::string> found;
  for (const sdk::Finding& f : result.findings) found.push_back(f.child + " " + f.evidence.front());
  std::sort(found.begin(), found.end());
  EXPECT_EQ(found, (std::vector<std::string>{"C-1 DL-1", "C-2 DL-2"}));
}

}  // namespace
}  // namespace carewatch::plugins::case_records
