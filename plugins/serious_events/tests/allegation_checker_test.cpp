// AllegationChecker: CHR-40-ALLEGATION, CHR-34-REFERRAL and WT-LADO-1WD over the home fixture. Unless a
// test says otherwise an allegation is received on Monday 2025-03-03T15:00:00Z, so the 24 h targets and
// the one working day all fall due on Tuesday 2025-03-04T15:00:00Z.

#include "allegation_checker.hpp"

#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "test_support.hpp"

namespace carewatch::plugins::serious_events {
namespace {

using namespace testing;
using Evidence = std::vector<std::string>;

const sdk::TimePoint kDue = at("2025-03-04T15:00:00Z");

// An allegation received at `received_at` and recorded then (or at `recorded_at`); `extra` adds fields.
std::string allegation(std::string_view id, std::string_view received_at, std::string_view extra,
                       std::string_view recorded_at = {}) {
  return R"({"kind":"allegation","home":"H1","id":")" + std::string(id) + R"(","received_at":")" +
         std::string(received_at) + R"(","recorded_at":")" +
         std::string(recorded_at.empty() ? received_at : recorded_at) + '"' + std::string(extra) + "}";
}

Harness allegations(sdk::Parameters params = {}) {
  return harness<AllegationChecker>(std::move(params));
}

// --- CHR-40-ALLEGATION ---

// An allegation against staff about a child, notified, referred and passed to the LADO in time, raises
// nothing and leaves nothing to look at again.
TEST(AllegationCheckerTest, AllegationHandledInTimeIsCompliant) {
  Harness h = allegations();
  h
      .add(allegation(
          "A-1", "2025-03-03T15:00:00Z",
          R"(,"child":"C-AWAY","against_staff":"S-4","limbs":["harmed","risk"],)"
          R"("lado_referred_at":"2025-03-04T09:00:00Z","placing_authority_referred_at":"2025-03-03T16:00:00Z",)"
          R"("host_authority_referred_at":"2025-03-03T16:10:00Z")",
          "2025-03-04T09:30:00Z"))
      .add(notification("N-1", "A-1", "ofsted", "2025-03-03T17:00:00Z"))
      .add(notification("N-2", "A-1", "placing_authority", "2025-03-03T17:05:00Z"));
  const auto result = h.run("2025-03-20T00:00:00Z");
  EXPECT_TRUE(result.findings.empty());
  EXPECT_FALSE(result.next_look.has_value());
}

// An allegation against staff that nobody notified is due at the practice target; the finding names the
// child and the staff member and reads as one sentence of ids.
TEST(AllegationCheckerTest, AllegationAgainstStaffNotNotifiedIsABreach) {
  Harness h = allegations();
  h.add(allegation(
      "A-1", "2025-03-03T15:00:00Z",
      R"(,"child":"C-LOCAL","against_staff":"S-4","placing_authority_referred_at":"2025-03-03T16:00:00Z")"));
  expect_deadline(h, "CHR-40-ALLEGATION", kDue);
  const auto result = h.run("2025-03-10T00:00:00Z");
  EXPECT_EQ(result.rules(), std::vector<std::string>{"CHR-40-ALLEGATION"});
  const auto f = only(result, "CHR-40-ALLEGATION");
  ASSERT_TRUE(f);
  EXPECT_EQ(f->home, "H1");
  EXPECT_EQ(f->child, "C-LOCAL");
  EXPECT_EQ(f->staff, "S-4");
  EXPECT_EQ(f->evidence, Evidence{"A-1"});
  EXPECT_EQ(f->summary,
            "Allegation A-1 against staff S-4 concerning child C-LOCAL was not notified to Ofsted and the "
            "placing authority without delay (practice target of 24 h, not a statutory deadline; due "
            "2025-03-04T15:00:00Z).");
  EXPECT_EQ(f->regulation, "Children's Homes (England) Regulations 2015 reg 40(4)(c)");
  EXPECT_EQ(f->severity, sdk::Severity::critical);
}

// An allegation against the home that names no child has no placing authority to tell: Ofsted alone
// closes it.
TEST(AllegationCheckerTest, AllegationAgainstHomeNamingNoChildNeedsOfstedOnly) {
  Harness h = allegations();
  h.add(allegation("A-2", "2025-03-03T15:00:00Z", R"(,"against_home":true)"));
  expect_deadline(h, "CHR-40-ALLEGATION", kDue);
  const auto f = only(h.run("2025-03-10T00:00:00Z"), "CHR-40-ALLEGATION");
  ASSERT_TRUE(f);
  EXPECT_EQ(f->child, "");
  EXPECT_EQ(f->staff, "");
  EXPECT_EQ(f->summary,
            "Allegation A-2 against the home was not notified to Ofsted without delay (practice target of "
            "24 h, not a statutory deadline; due 2025-03-04T15:00:00Z).");
  h.add(notification("N-1", "A-2", "ofsted", "2025-03-03T18:00:00Z"));
  EXPECT_TRUE(h.run("2025-03-10T00:00:00Z").findings.empty());
}

// Notifications to other recipients or about other records are not evidence and do not close it.
TEST(AllegationCheckerTest, OnlyMatchingNotificationsCount) {
  Harness h = allegations();
  h
      .add(allegation(
          "A-1", "2025-03-03T15:00:00Z",
          R"(,"child":"C-LOCAL","against_staff":"S-4","placing_authority_referred_at":"2025-03-03T16:00:00Z")"))
      .add(notification("N-1", "A-1", "placing_authority", "2025-03-03T16:00:00Z"))
      .add(notification("N-2", "A-1", "lado", "2025-03-03T16:00:00Z"))
      .add(notification("N-3", "A-99", "ofsted", "2025-03-03T16:00:00Z"));
  const auto f = only(h.run("2025-03-10T00:00:00Z"), "CHR-40-ALLEGATION");
  ASSERT_TRUE(f);
  EXPECT_EQ(f->evidence, (Evidence{"A-1", "N-1"}));
  EXPECT_NE(f->summary.find("not notified to Ofsted without delay"), std::string::npos) << f->summary;
}

// An allegation against neither staff nor the home is outside reg 40(4)(c); naming a child it is still
// an allegation of abuse to refer under reg 34.
TEST(AllegationCheckerTest, AllegationAgainstNeitherStaffNorHomeIsNotNotifiable) {
  Harness h = allegations();
  h.add(allegation("A-3", "2025-03-03T15:00:00Z", R"(,"child":"C-LOCAL")"));
  EXPECT_EQ(h.run("2025-03-10T00:00:00Z").rules(), std::vector<std::string>{"CHR-34-REFERRAL"});
}

// The fingerprint of an open finding does not change as notifications arrive, so the same escalation
// stays open until everything is done.
TEST(AllegationCheckerTest, FingerprintIsStableWhileNotificationsArrive) {
  Harness h = allegations();
  h.add(allegation("A-1", "2025-03-03T15:00:00Z", R"(,"child":"C-LOCAL","against_staff":"S-4")"));
  const auto first = only(h.run("2025-03-05T00:00:00Z"), "CHR-40-ALLEGATION");
  ASSERT_TRUE(first);
  const std::string fingerprint = first->fingerprint;
  h.add(notification("N-1", "A-1", "ofsted", "2025-03-05T01:00:00Z"));
  const auto later = h.run("2025-03-05T02:00:00Z");
  const auto second = only(later, "CHR-40-ALLEGATION");
  ASSERT_TRUE(second);
  EXPECT_EQ(second->fingerprint, fingerprint);
  EXPECT_EQ(second->evidence, (Evidence{"A-1", "N-1"}));
}

// --- CHR-34-REFERRAL ---

// For a child placed by the home's host authority, the placing-authority referral alone closes it.
TEST(AllegationCheckerTest, ReferralWithHostAsPlacingAuthorityNeedsOneReferral) {
  Harness h = allegations();
  h.add(allegation("A-4", "2025-03-03T15:00:00Z",
                   R"(,"child":"C-LOCAL","placing_authority_referred_at":"2025-03-03T18:00:00Z")"));
  const auto result = h.run("2025-03-10T00:00:00Z");
  EXPECT_TRUE(result.findings.empty());
  EXPECT_FALSE(result.next_look.has_value());
}

// For a child placed by another authority the host authority must be referred to as well.
TEST(AllegationCheckerTest, ReferralWithDifferentHostNeedsBothReferrals) {
  Harness h = allegations();
  h.add(allegation("A-4", "2025-03-03T15:00:00Z",
                   R"(,"child":"C-AWAY","placing_authority_referred_at":"2025-03-03T18:00:00Z")"));
  const auto f = only(h.run("2025-03-10T00:00:00Z"), "CHR-34-REFERRAL");
  ASSERT_TRUE(f);
  EXPECT_EQ(f->child, "C-AWAY");
  EXPECT_EQ(f->evidence, Evidence{"A-4"});
  EXPECT_EQ(f->summary,
            "Allegation A-4 concerning child C-AWAY was not referred to the host authority within the "
            "practice target of 24 h (not a statutory deadline; due 2025-03-04T15:00:00Z).");
  EXPECT_EQ(f->escalate_to, (std::vector<std::string>{"registered_manager", "responsible_individual",
                                                      "placing_authority", "host_authority"}));

  h.add(allegation("A-4", "2025-03-03T15:00:00Z",
                   R"(,"revision":2,"child":"C-AWAY","placing_authority_referred_at":"2025-03-03T18:00:00Z",)"
                   R"("host_authority_referred_at":"2025-03-04T11:00:00Z")",
                   "2025-03-04T11:30:00Z"));
  EXPECT_TRUE(h.run("2025-03-10T00:00:00Z").findings.empty());
}

// With no referral at all the finding falls due exactly at the referral target and names both.
TEST(AllegationCheckerTest, ReferralBreachIsRaisedOneSecondAfterTheTarget) {
  Harness h = allegations();
  h.add(allegation("A-4", "2025-03-03T15:00:00Z", R"(,"child":"C-AWAY")"));
  expect_deadline(h, "CHR-34-REFERRAL", kDue);
  const auto f = only(h.run(kDue + sdk::Seconds{1}), "CHR-34-REFERRAL");
  ASSERT_TRUE(f);
  EXPECT_NE(f->summary.find("not referred to the placing authority and the host authority"),
            std::string::npos)
      << f->summary;
}

// A child whose placement is not on record cannot be shown to be placed by the host authority, so both
// referrals are asked for.
TEST(AllegationCheckerTest, ReferralForUnknownPlacementAsksForTheHostAuthorityToo) {
  Harness h = allegations();
  h.add(allegation("A-4", "2025-03-03T15:00:00Z",
                   R"(,"child":"C-UNKNOWN","placing_authority_referred_at":"2025-03-03T18:00:00Z")"));
  const auto f = only(h.run("2025-03-10T00:00:00Z"), "CHR-34-REFERRAL");
  ASSERT_TRUE(f);
  EXPECT_NE(f->summary.find("the host authority"), std::string::npos) << f->summary;
}

// referral_target_hours moves the referral deadline.
TEST(AllegationCheckerTest, ReferralTargetIsConfigurable) {
  Harness h = allegations(sdk::Parameters({{"referral_target_hours", sdk::Value(48)}}));
  h.add(allegation("A-4", "2025-03-03T15:00:00Z", R"(,"child":"C-LOCAL")"));
  expect_deadline(h, "CHR-34-REFERRAL", at("2025-03-05T15:00:00Z"));
}

// --- WT-LADO-1WD ---

// An allegation against staff meeting a limb, naming no child, with Ofsted told at once: only the LADO
// rule is left open, so the harness's look-again time is the LADO deadline's.
Harness lado_case(std::string_view received_at, std::string_view extra = {}, sdk::Parameters params = {}) {
  Harness h = allegations(std::move(params));
  h.add(allegation("A-17", received_at, R"(,"against_staff":"S-4","limbs":["harmed"])" + std::string(extra)))
      .add(notification("N-OFSTED", "A-17", "ofsted", received_at));
  return h;
}

// A LADO referral made within the working day closes the rule.
TEST(AllegationCheckerTest, LadoReferralInTimeIsCompliant) {
  Harness h = lado_case("2025-03-03T15:00:00Z", R"(,"lado_referred_at":"2025-03-04T14:59:59Z")");
  const auto result = h.run("2025-03-20T00:00:00Z");
  EXPECT_TRUE(result.findings.empty());
  EXPECT_FALSE(result.next_look.has_value());
}

// Received on a Monday afternoon, the referral is due at the same time on Tuesday.
TEST(AllegationCheckerTest, LadoDeadlineOnAWeekdayIsTheNextWorkingDaySameTime) {
  Harness h = lado_case("2025-03-03T15:00:00Z");
  expect_deadline(h, "WT-LADO-1WD", kDue);
  const auto f = only(h.run("2025-03-10T00:00:00Z"), "WT-LADO-1WD");
  ASSERT_TRUE(f);
  EXPECT_EQ(f->staff, "S-4");
  EXPECT_EQ(f->child, "");
  EXPECT_EQ(f->evidence, Evidence{"A-17"});
  EXPECT_EQ(f->summary,
            "Allegation A-17 against staff S-4 was not referred to the LADO within 1 working day (due "
            "2025-03-04T15:00:00Z).");
  EXPECT_EQ(f->regulation,
            "Working Together to Safeguard Children 2023, allegations against people who work with children");
  EXPECT_EQ(f->escalate_to,
            (std::vector<std::string>{"registered_manager", "responsible_individual", "lado"}));
}

// Received on a Friday afternoon, the referral is due on Monday at the same time.
TEST(AllegationCheckerTest, LadoDeadlineFromFridayAfternoonIsMonday) {
  expect_deadline(lado_case("2025-03-07T15:00:00Z"), "WT-LADO-1WD", at("2025-03-10T15:00:00Z"));
}

// Received on a Saturday, the clock starts on Monday: due at the end of Monday.
TEST(AllegationCheckerTest, LadoDeadlineFromSaturdayIsEndOfMonday) {
  expect_deadline(lado_case("2025-03-08T11:00:00Z"), "WT-LADO-1WD", at("2025-03-11T00:00:00Z"));
}

// Received on the Friday before the August bank holiday, the referral is due on the Tuesday.
TEST(AllegationCheckerTest, LadoDeadlineSkipsBankHolidayMonday) {
  expect_deadline(lado_case("2025-08-22T14:00:00+01:00"), "WT-LADO-1WD", at("2025-08-26T14:00:00+01:00"));
}

// Received on the Thursday before Easter, Good Friday and Easter Monday are skipped: due on Tuesday.
TEST(AllegationCheckerTest, LadoDeadlineSkipsEaster) {
  expect_deadline(lado_case("2025-04-17T10:00:00+01:00"), "WT-LADO-1WD", at("2025-04-22T10:00:00+01:00"));
}

// Received on the Friday before the clocks go forward, the deadline is the same London wall-clock time on
// Monday, which is one hour earlier in UTC.
TEST(AllegationCheckerTest, LadoDeadlineKeepsLocalTimeAcrossSpringClockChange) {
  expect_deadline(lado_case("2025-03-28T16:00:00Z"), "WT-LADO-1WD", at("2025-03-31T15:00:00Z"));
}

// Received on the Saturday night just before the clocks go forward, it is due at the end of Monday in BST.
TEST(AllegationCheckerTest, LadoDeadlineFromSaturdayNightBeforeClockChangeIsEndOfMondayBst) {
  expect_deadline(lado_case("2025-03-29T23:30:00Z"), "WT-LADO-1WD", at("2025-03-31T23:00:00Z"));
}

// Received on the Friday before the clocks go back, the deadline is Monday's same local time in GMT.
TEST(AllegationCheckerTest, LadoDeadlineKeepsLocalTimeAcrossAutumnClockChange) {
  expect_deadline(lado_case("2025-10-24T16:00:00+01:00"), "WT-LADO-1WD", at("2025-10-27T16:00:00Z"));
}

// lado_working_days moves the deadline by working days, not calendar days.
TEST(AllegationCheckerTest, LadoWorkingDaysIsConfigurable) {
  Harness h = lado_case("2025-03-07T15:00:00Z", {}, sdk::Parameters({{"lado_working_days", sdk::Value(2)}}));
  expect_deadline(h, "WT-LADO-1WD", at("2025-03-11T15:00:00Z"));
  const auto f = only(h.run("2025-03-20T00:00:00Z"), "WT-LADO-1WD");
  ASSERT_TRUE(f);
  EXPECT_NE(f->summary.find("within 2 working days"), std::string::npos) << f->summary;
}

// Without any of the four limbs, or against the home rather than a staff member, there is no LADO duty.
TEST(AllegationCheckerTest, LadoRuleNeedsStaffAndALimb) {
  Harness h = allegations();
  h.add(allegation("A-5", "2025-03-03T15:00:00Z", R"(,"against_staff":"S-4","limbs":[])"))
      .add(allegation("A-6", "2025-03-03T15:00:00Z", R"(,"against_staff":"S-4")"))
      .add(allegation("A-7", "2025-03-03T15:00:00Z", R"(,"against_home":true,"limbs":["unsuitable"])"));
  for (const sdk::Finding& f : h.run("2025-03-20T00:00:00Z").findings) EXPECT_NE(f.rule, "WT-LADO-1WD");
}

// A LADO referral made in time but written into the allegation late is unknown to an audit as of a time
// before that revision was recorded; after it, the finding is gone.
TEST(AllegationCheckerTest, LadoReferralRecordedLateCountsFromWhenItWasRecorded) {
  Harness h = lado_case("2025-03-03T15:00:00Z");
  h.add(allegation(
      "A-17", "2025-03-03T15:00:00Z",
      R"(,"revision":2,"against_staff":"S-4","limbs":["harmed"],"lado_referred_at":"2025-03-04T10:00:00Z")",
      "2025-03-06T09:00:00Z"));
  const auto f = only(h.run("2025-03-06T08:59:59Z"), "WT-LADO-1WD");
  ASSERT_TRUE(f);
  EXPECT_TRUE(h.run("2025-03-06T09:00:00Z").findings.empty());
}

// A referral dated after the audit time is not yet made: the finding stands, and the engine is asked to
// look again when the referral takes effect.
TEST(AllegationCheckerTest, LadoReferralDatedAfterTheAuditTimeIsScheduled) {
  Harness h = lado_case("2025-03-03T15:00:00Z", R"(,"lado_referred_at":"2025-03-05T12:00:00Z")");
  const auto before = h.run("2025-03-05T00:00:00Z");
  ASSERT_TRUE(only(before, "WT-LADO-1WD").has_value());
  ASSERT_TRUE(before.next_look.has_value());
  EXPECT_EQ(*before.next_look, at("2025-03-05T12:00:00Z"));
  EXPECT_TRUE(h.run("2025-03-05T12:00:00Z").findings.empty());
}

}  // namespace
}  // namespace carewatch::plugins::serious_events
