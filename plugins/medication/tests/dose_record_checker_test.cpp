// DoseRecordChecker: MED-RECORD, a dose recorded as given without administered_by or administered_at.

#include "dose_record_checker.hpp"

#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "test_support.hpp"

namespace carewatch::plugins::medication {
namespace {

using namespace testing;
using Evidence = std::vector<std::string>;

constexpr std::string_view kGivenBy = R"(,"administered_by":"S-1","administered_at":"2025-03-03T08:05:00Z")";

// A given dose with both fields, and refused or omitted doses without them, raise nothing.
TEST(DoseRecordCheckerTest, CompleteGivenDoseIsCompliant) {
  Harness h = harness<DoseRecordChecker>();
  h.add(dose("D-1", "given", "2025-03-03T08:00:00Z", kGivenBy))
      .add(dose("D-2", "refused", "2025-03-04T08:00:00Z"))
      .add(dose("D-3", "omitted", "2025-03-05T08:00:00Z"));
  const auto result = h.run("2025-04-01T00:00:00Z");
  EXPECT_TRUE(result.findings.empty());
  EXPECT_FALSE(result.next_look.has_value());
}

// A given dose without administered_by is a medium finding at once, with the dose as evidence and no
// deadline; the clause is marked believed.
TEST(DoseRecordCheckerTest, GivenDoseWithoutWhoGaveIt) {
  Harness h = harness<DoseRecordChecker>();
  h.add(dose("D-1", "given", "2025-03-03T08:00:00Z", R"(,"administered_at":"2025-03-03T08:05:00Z")"));
  const auto f = only(h.run("2025-03-03T09:00:00Z"), "MED-RECORD");
  ASSERT_TRUE(f);
  EXPECT_EQ(f->evidence, Evidence{"D-1"});
  EXPECT_EQ(f->child, "C-1");
  EXPECT_FALSE(f->due_at.has_value());
  EXPECT_EQ(f->severity, sdk::Severity::medium);
  EXPECT_EQ(f->escalate_to, std::vector<std::string>{"registered_manager"});
  EXPECT_EQ(f->regulation, "Children's Homes (England) Regulations 2015 reg 23 (believed)");
  EXPECT_EQ(f->summary,
            "Dose D-1 for child C-1 at 2025-03-03T08:05:00Z is recorded as given without who gave it.");
}

// Without administered_at the dose's time is its scheduled time, and the summary says both are missing
// when neither is recorded.
TEST(DoseRecordCheckerTest, GivenDoseWithoutTimeFallsBackToSchedule) {
  Harness h = harness<DoseRecordChecker>();
  h.add(dose("D-1", "given", "2025-03-03T08:00:00Z"));
  const auto f = only(h.run("2025-03-03T09:00:00Z"), "MED-RECORD");
  ASSERT_TRUE(f);
  EXPECT_EQ(f->summary,
            "Dose D-1 for child C-1 at 2025-03-03T08:00:00Z is recorded as given without who gave it or when "
            "it was "
            "given.");
}

// A revision completing the record closes the finding from when it was written; before a dose's own time
// the checker asks to look again then.
TEST(DoseRecordCheckerTest, AsOfTheRecordsWritten) {
  Harness h = harness<DoseRecordChecker>();
  h.add(dose("D-1", "given", "2025-03-03T08:00:00Z", R"(,"administered_at":"2025-03-03T08:05:00Z")"))
      .add(dose("D-1", "given", "2025-03-03T08:00:00Z", std::string(kGivenBy) + R"(,"revision":2)",
                "2025-03-03T12:00:00Z"));
  EXPECT_EQ(h.run("2025-03-03T11:59:59Z").rules(), std::vector<std::string>{"MED-RECORD"});
  EXPECT_TRUE(h.run("2025-03-03T12:00:00Z").findings.empty());

  Harness early = harness<DoseRecordChecker>();
  early.add(dose("D-2", "given", "2025-03-10T08:00:00Z", {}, "2025-03-09T20:00:00Z"));
  const auto before = early.run("2025-03-09T21:00:00Z");
  EXPECT_TRUE(before.findings.empty());
  ASSERT_TRUE(before.next_look.has_value());
  EXPECT_EQ(*before.next_look, at("2025-03-10T08:00:00Z"));
  EXPECT_EQ(early.run("2025-03-10T08:00:00Z").rules(), std::vector<std::string>{"MED-RECORD"});
}

}  // namespace
}  // namespace carewatch::plugins::medication
