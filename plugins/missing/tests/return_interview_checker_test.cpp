// ReturnInterviewChecker: MISS-RHI-72H — a return home interview held by an independent person within
// 72 h of returned_at (a plain duration), unless declined; an interview recorded as not independent is
// a finding at once. Unless a test says otherwise the child goes missing at 2025-03-03T12:00:00Z and
// returns at 18:00, so the interview is due at 2025-03-06T18:00:00Z.

#include "return_interview_checker.hpp"

#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "test_support.hpp"

namespace carewatch::plugins::missing {
namespace {

using namespace testing;
using Evidence = std::vector<std::string>;

constexpr std::string_view kRule = "MISS-RHI-72H";
constexpr std::string_view kDue = "2025-03-06T18:00:00Z";

Harness interviews(sdk::Parameters params = {}) {
  return harness<ReturnInterviewChecker>(std::move(params));
}

// The standard episode with no interview held.
Line without_interview(std::string_view id = "ME-1") {
  return episode(id, "2025-03-03T12:00:00Z").drop("rhi_completed_at").drop("rhi_independent");
}

// An independent interview two days after the return gives nothing and needs no look-again.
TEST(ReturnInterviewCheckerTest, IndependentInterviewInTimeGivesNoFinding) {
  Harness h = interviews();
  h.add(episode("ME-1", "2025-03-03T12:00:00Z"));
  const auto result = h.run("2025-04-01T00:00:00Z");
  EXPECT_TRUE(result.findings.empty());
  EXPECT_FALSE(result.next_look);
}

// No interview: nothing at the deadline, the finding a second later, about the child, with the episode
// as evidence and a summary of ids and the deadline.
TEST(ReturnInterviewCheckerTest, NoInterviewFiresAfter72Hours) {
  Harness h = interviews();
  h.add(without_interview());
  expect_deadline(h, kRule, at(kDue));
  const auto f = only(h.run("2025-03-07T00:00:00Z"), kRule);
  ASSERT_TRUE(f);
  EXPECT_EQ(f->home, "H1");
  EXPECT_EQ(f->child, "C-1");
  EXPECT_EQ(f->evidence, (Evidence{"ME-1"}));
  EXPECT_EQ(
      f->summary,
      "Missing episode ME-1 of child C-1 has no return home interview recorded as held by an independent "
      "person within 72 h of the child's return (due 2025-03-06T18:00:00Z).");
  EXPECT_EQ(f->severity, sdk::Severity::high);
  EXPECT_EQ(f->escalate_to, (Evidence{"placing_authority", "registered_manager"}));
  EXPECT_EQ(f->regulation,
            "Statutory guidance on children who run away or go missing from home or care (2014)");
}

// 72 hours are a plain duration: from noon UTC on Saturday 29 March, across the spring change, the
// interview is due at noon UTC on 1 April (13:00 BST), not at local noon.
TEST(ReturnInterviewCheckerTest, SeventyTwoHoursIgnoreTheClockChange) {
  Harness h = interviews();
  h.add(episode("ME-1", "2025-03-29T06:00:00Z").drop("rhi_completed_at"));
  expect_deadline(h, kRule, at("2025-04-01T12:00:00Z"));
}

// A child who declined the interview closes the duty.
TEST(ReturnInterviewCheckerTest, DeclinedInterviewGivesNoFinding) {
  Harness h = interviews();
  h.add(without_interview().set("rhi_declined", true));
  const auto result = h.run("2025-04-01T00:00:00Z");
  EXPECT_TRUE(result.findings.empty());
  EXPECT_FALSE(result.next_look);
}

// A child still missing is owed no interview yet.
TEST(ReturnInterviewCheckerTest, ChildStillMissingOwesNoInterview) {
  Harness h = interviews();
  h.add(without_interview().drop("returned_at"));
  const auto result = h.run("2025-04-01T00:00:00Z");
  EXPECT_TRUE(result.findings.empty());
  EXPECT_FALSE(result.next_look);
}

// An interview recorded as not independent is a finding at once, before the deadline, with the same
// trigger (hence fingerprint) and deadline as the overdue finding for the episode.
TEST(ReturnInterviewCheckerTest, InterviewNotIndependentFiresAtOnce) {
  Harness h = interviews();
  h.add(episode("ME-1", "2025-03-03T12:00:00Z")
            .set("rhi_completed_at", "2025-03-04T10:00:00Z")
            .set("rhi_independent", false));
  EXPECT_TRUE(h.run("2025-03-04T09:59:59Z").findings.empty());
  const auto f = only(h.run("2025-03-04T10:00:00Z"), kRule);
  ASSERT_TRUE(f);
  EXPECT_EQ(f->evidence, (Evidence{"ME-1"}));
  ASSERT_TRUE(f->due_at);
  EXPECT_EQ(*f->due_at, at(kDue));
  EXPECT_EQ(
      f->summary,
      "The return home interview for missing episode ME-1 of child C-1 was not held by an independent "
      "person; an independent one is due within 72 h of the child's return (due 2025-03-06T18:00:00Z).");

  Harness overdue = interviews();
  overdue.add(without_interview());
  const auto late = only(overdue.run("2025-03-07T00:00:00Z"), kRule);
  ASSERT_TRUE(late);
  EXPECT_EQ(late->fingerprint, f->fingerprint);
}

// An interview on record but held after T is not yet held: the engine is asked to look again then.
TEST(ReturnInterviewCheckerTest, InterviewAfterTheAuditTimeIsNotYetHeld) {
  Harness h = interviews();
  h.add(episode("ME-1", "2025-03-03T12:00:00Z")
            .set("rhi_completed_at", "2025-03-05T10:00:00Z")
            .set("rhi_independent", false));
  const auto result = h.run("2025-03-04T00:00:00Z");
  EXPECT_TRUE(result.findings.empty());
  ASSERT_TRUE(result.next_look);
  EXPECT_EQ(sdk::format_timestamp(*result.next_look), "2025-03-05T10:00:00Z");
}

// An interview whose independence is not recorded does not close the duty, but is not itself a finding
// before the deadline.
TEST(ReturnInterviewCheckerTest, InterviewWithIndependenceUnrecordedFiresAtTheDeadline) {
  Harness h = interviews();
  h.add(episode("ME-1", "2025-03-03T12:00:00Z").drop("rhi_independent"));
  expect_deadline(h, kRule, at(kDue));
}

// The interview written into a later revision after the deadline: an audit before that revision reports
// the episode, one after it does not (a late interview still closes the escalation).
TEST(ReturnInterviewCheckerTest, LateRecordedInterviewClosesFromWhenItWasWritten) {
  Harness h = interviews();
  const Line first = without_interview();
  h.add(first).add(first.revision(2, "2025-03-08T09:00:00Z")
                       .set("rhi_completed_at", "2025-03-06T15:00:00Z")
                       .set("rhi_independent", true));
  EXPECT_EQ(h.run("2025-03-08T08:59:59Z").of_rule(kRule).size(), 1u);
  EXPECT_TRUE(h.run("2025-03-08T09:00:00Z").findings.empty());
}

// return_interview_hours shortens the deadline.
TEST(ReturnInterviewCheckerTest, HoursParameterShortensTheDeadline) {
  Harness h = interviews(one("return_interview_hours", 48));
  h.add(without_interview());
  expect_deadline(h, kRule, at("2025-03-05T18:00:00Z"));
}

// Each episode is its own finding, in the timeline of its own child only.
TEST(ReturnInterviewCheckerTest, EachEpisodeIsItsOwnFindingForItsChild) {
  Harness h = interviews();
  h.add(without_interview("ME-1"))
      .add(episode("ME-2", "2025-03-03T12:00:00Z", "C-2").drop("rhi_completed_at"));
  const auto result = h.run("2025-03-10T00:00:00Z");
  ASSERT_EQ(result.of_rule(kRule).size(), 2u);
  std::vector<std::pair<std::string, std::string>> found;
  for (const sdk::Finding* f : result.of_rule(kRule)) found.emplace_back(f->child, f->evidence.front());
  std::sort(found.begin(), found.end());
  EXPECT_EQ(found, (std::vector<std::pair<std::string, std::string>>{{"C-1", "ME-1"}, {"C-2", "ME-2"}}));
}

}  // namespace
}  // namespace carewatch::plugins::missing
