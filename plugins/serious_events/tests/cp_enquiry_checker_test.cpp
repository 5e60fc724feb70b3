// CpEnquiryChecker: CHR-40-CP-ENQUIRY over the home fixture. Unless a test says otherwise an enquiry
// starts at 2025-03-03T09:00:00Z (start notifications due 2025-03-04T09:00:00Z) and, where it has an
// outcome, the outcome is reached at 2025-03-12T14:00:00Z (due 2025-03-13T14:00:00Z).

#include "cp_enquiry_checker.hpp"

#include <algorithm>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "test_support.hpp"

namespace carewatch::plugins::serious_events {
namespace {

using namespace testing;
using Evidence = std::vector<std::string>;

const sdk::TimePoint kStartDue = at("2025-03-04T09:00:00Z");
const sdk::TimePoint kOutcomeDue = at("2025-03-13T14:00:00Z");

// Enquiry CE-1 about child C-LOCAL and staff S-4, recorded at its start.
std::string enquiry(std::string_view extra = {}) {
  return R"({"kind":"cp_enquiry","home":"H1","id":"CE-1","started_at":"2025-03-03T09:00:00Z",)"
         R"("recorded_at":"2025-03-03T09:30:00Z","child":"C-LOCAL","staff":"S-4")" +
         std::string(extra) + "}";
}

// Revision 2 of CE-1, recording its outcome a little after it was reached.
std::string enquiry_outcome() {
  return R"({"kind":"cp_enquiry","home":"H1","id":"CE-1","revision":2,"started_at":"2025-03-03T09:00:00Z",)"
         R"("recorded_at":"2025-03-12T15:00:00Z","child":"C-LOCAL","staff":"S-4","outcome":"see file",)"
         R"("outcome_at":"2025-03-12T14:00:00Z"})";
}

Harness enquiries() {
  return harness<CpEnquiryChecker>();
}

// Start notifications to Ofsted and the placing authority (stage initial, or no stage) close the start.
TEST(CpEnquiryCheckerTest, StartNotifiedIsCompliant) {
  Harness h = enquiries();
  h.add(enquiry())
      .add(notification("N-1", "CE-1", "ofsted", "2025-03-03T12:00:00Z", "initial"))
      .add(notification("N-2", "CE-1", "placing_authority", "2025-03-03T12:10:00Z"));
  const auto result = h.run("2025-03-10T00:00:00Z");
  EXPECT_TRUE(result.findings.empty());
  EXPECT_FALSE(result.next_look.has_value());
}

// An enquiry nobody notified is due at the practice target after it started; the finding names the child
// and staff member the enquiry names.
TEST(CpEnquiryCheckerTest, StartNotNotifiedIsABreach) {
  Harness h = enquiries();
  h.add(enquiry());
  expect_deadline(h, "CHR-40-CP-ENQUIRY", kStartDue);
  const auto f = only(h.run("2025-03-10T00:00:00Z"), "CHR-40-CP-ENQUIRY");
  ASSERT_TRUE(f);
  EXPECT_EQ(f->child, "C-LOCAL");
  EXPECT_EQ(f->staff, "S-4");
  EXPECT_EQ(f->evidence, Evidence{"CE-1"});
  EXPECT_EQ(f->summary,
            "The start of child protection enquiry CE-1 for child C-LOCAL was not notified to Ofsted and the "
            "placing authority without delay (practice target of 24 h, not a statutory deadline; due "
            "2025-03-04T09:00:00Z).");
  EXPECT_EQ(f->regulation, "Children's Homes (England) Regulations 2015 reg 40(4)(d)");
}

// A notification sent before the enquiry started, or one marked as an update, does not report the start.
TEST(CpEnquiryCheckerTest, EarlyOrUpdateNotificationsDoNotReportTheStart) {
  Harness h = enquiries();
  h.add(enquiry())
      .add(notification("N-1", "CE-1", "ofsted", "2025-03-03T08:59:59Z"))
      .add(notification("N-2", "CE-1", "placing_authority", "2025-03-03T12:00:00Z", "update"))
      .add(notification("N-3", "CE-1", "placing_authority", "2025-03-03T12:30:00Z", "initial"));
  const auto f = only(h.run("2025-03-10T00:00:00Z"), "CHR-40-CP-ENQUIRY");
  ASSERT_TRUE(f);
  EXPECT_EQ(f->evidence, (Evidence{"CE-1", "N-3"}));
  EXPECT_NE(f->summary.find("not notified to Ofsted without delay"), std::string::npos) << f->summary;
}

// An enquiry about a staff member that names no child is reported to Ofsted alone.
TEST(CpEnquiryCheckerTest, EnquiryNamingNoChildNeedsOfstedOnly) {
  Harness h = enquiries();
  h.add(R"({"kind":"cp_enquiry","home":"H1","id":"CE-2","started_at":"2025-03-03T09:00:00Z",)"
        R"("recorded_at":"2025-03-03T09:30:00Z","staff":"S-4"})")
      .add(notification("N-1", "CE-2", "ofsted", "2025-03-03T12:00:00Z"));
  EXPECT_TRUE(h.run("2025-03-10T00:00:00Z").findings.empty());
}

// Once an outcome is recorded it needs its own outcome-stage notification: start notifications do not
// report it, the duty only exists from when the outcome was recorded, and it falls due from outcome_at.
TEST(CpEnquiryCheckerTest, OutcomeNeedsItsOwnNotification) {
  Harness h = enquiries();
  h.add(enquiry())
      .add(notification("N-1", "CE-1", "ofsted", "2025-03-03T12:00:00Z", "initial"))
      .add(notification("N-2", "CE-1", "placing_authority", "2025-03-03T12:00:00Z"))
      .add(enquiry_outcome());
  const auto unknown = h.run("2025-03-12T14:59:59Z");
  EXPECT_TRUE(unknown.findings.empty());
  EXPECT_FALSE(unknown.next_look.has_value());

  expect_deadline(h, "CHR-40-CP-ENQUIRY", kOutcomeDue);
  const auto f = only(h.run("2025-03-20T00:00:00Z"), "CHR-40-CP-ENQUIRY");
  ASSERT_TRUE(f);
  EXPECT_EQ(f->evidence, Evidence{"CE-1#outcome"});
  EXPECT_EQ(f->summary,
            "The outcome of child protection enquiry CE-1 for child C-LOCAL was not notified to Ofsted and "
            "the placing authority without delay (practice target of 24 h, not a statutory deadline; due "
            "2025-03-13T14:00:00Z).");
}

// Notifications of another stage sent after the outcome was reached (a late start notification, an
// update) close the start but do not report the outcome.
TEST(CpEnquiryCheckerTest, OtherStagesDoNotReportTheOutcome) {
  Harness h = enquiries();
  h.add(enquiry())
      .add(enquiry_outcome())
      .add(notification("N-1", "CE-1", "ofsted", "2025-03-12T16:00:00Z", "initial"))
      .add(notification("N-2", "CE-1", "placing_authority", "2025-03-12T16:00:00Z"))
      .add(notification("N-3", "CE-1", "ofsted", "2025-03-12T16:30:00Z", "update"));
  const auto f = only(h.run("2025-03-20T00:00:00Z"), "CHR-40-CP-ENQUIRY");
  ASSERT_TRUE(f);
  EXPECT_EQ(f->evidence, Evidence{"CE-1#outcome"});
}

// Outcome-stage notifications sent once the outcome was reached close the outcome duty; one sent before
// the outcome cannot report it.
TEST(CpEnquiryCheckerTest, OutcomeNotifiedIsCompliant) {
  Harness h = enquiries();
  h.add(enquiry())
      .add(notification("N-1", "CE-1", "ofsted", "2025-03-03T12:00:00Z"))
      .add(notification("N-2", "CE-1", "placing_authority", "2025-03-03T12:00:00Z"))
      .add(enquiry_outcome())
      .add(notification("N-3", "CE-1", "ofsted", "2025-03-12T13:00:00Z", "outcome"))
      .add(notification("N-4", "CE-1", "placing_authority", "2025-03-12T16:00:00Z", "outcome"));
  const auto f = only(h.run("2025-03-20T00:00:00Z"), "CHR-40-CP-ENQUIRY");
  ASSERT_TRUE(f);
  EXPECT_EQ(f->evidence, (Evidence{"CE-1#outcome", "N-4"}));

  h.add(notification("N-5", "CE-1", "ofsted", "2025-03-13T09:00:00Z", "outcome"));
  const auto result = h.run("2025-03-20T00:00:00Z");
  EXPECT_TRUE(result.findings.empty());
  EXPECT_FALSE(result.next_look.has_value());
}

// With nothing notified, the start and the outcome are two findings with different triggers and so
// different fingerprints: each escalation resolves on its own notification.
TEST(CpEnquiryCheckerTest, StartAndOutcomeAreDistinctFindings) {
  Harness h = enquiries();
  h.add(enquiry()).add(enquiry_outcome());
  const auto result = h.run("2025-03-20T00:00:00Z");
  const auto found = result.of_rule("CHR-40-CP-ENQUIRY");
  ASSERT_EQ(found.size(), 2u);
  EXPECT_NE(found[0]->fingerprint, found[1]->fingerprint);
  std::vector<std::string> triggers{found[0]->evidence.front(), found[1]->evidence.front()};
  std::sort(triggers.begin(), triggers.end());
  EXPECT_EQ(triggers, (std::vector<std::string>{"CE-1", "CE-1#outcome"}));

  h.add(notification("N-1", "CE-1", "ofsted", "2025-03-14T09:00:00Z", "outcome"))
      .add(notification("N-2", "CE-1", "placing_authority", "2025-03-14T09:00:00Z", "outcome"));
  const auto start = only(h.run("2025-03-20T00:00:00Z"), "CHR-40-CP-ENQUIRY");
  ASSERT_TRUE(start);
  EXPECT_EQ(start->evidence, Evidence{"CE-1"});
}

}  // namespace
}  // namespace carewatch::plugins::serious_events
