// IncidentChecker: CHR-40-DEATH, CHR-40-CSE, CHR-40-POLICE, CHR-40-DECISION and CHR-40-SERIOUS over the
// home fixture. Unless a test says otherwise an incident occurs at 2025-03-03T10:00:00Z, so the default
// practice target of 24 h falls due at 2025-03-04T10:00:00Z.

#include "incident_checker.hpp"

#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "test_support.hpp"

namespace carewatch::plugins::serious_events {
namespace {

using namespace testing;
using Evidence = std::vector<std::string>;

const sdk::TimePoint kDue = at("2025-03-04T10:00:00Z");

// An incident at 2025-03-03T10:00:00Z recorded half an hour later; `extra` adds fields (",..." form).
std::string incident(std::string_view id, std::string_view child, std::string_view categories,
                     std::string_view extra = {}) {
  return R"({"kind":"incident","home":"H1","id":")" + std::string(id) + R"(","child":")" +
         std::string(child) +
         R"(","occurred_at":"2025-03-03T10:00:00Z","recorded_at":"2025-03-03T10:30:00Z","categories":)" +
         std::string(categories) + std::string(extra) + "}";
}

Harness incidents(sdk::Parameters params = {}) {
  return harness<IncidentChecker>(std::move(params));
}

// --- CHR-40-DEATH ---

// A death of a child placed by the home's own host authority is closed by Ofsted, placing authority and
// ICB notifications: no separate host-authority notification is asked for.
TEST(IncidentCheckerTest, DeathWithHostAsPlacingAuthorityNeedsNoHostNotification) {
  Harness h = incidents();
  h.add(incident("I-1", "C-LOCAL", R"(["death"])"))
      .add(notification("N-1", "I-1", "ofsted", "2025-03-03T11:00:00Z"))
      .add(notification("N-2", "I-1", "placing_authority", "2025-03-03T11:05:00Z"))
      .add(notification("N-3", "I-1", "icb", "2025-03-03T12:00:00Z"));
  const auto result = h.run("2025-03-10T00:00:00Z");
  EXPECT_TRUE(result.findings.empty());
  EXPECT_FALSE(result.next_look.has_value());
}

// A death of a child placed by another authority also needs the host authority told; the finding names
// only what is missing and lists the relevant notifications already sent, nothing else.
TEST(IncidentCheckerTest, DeathWithDifferentHostNeedsHostNotification) {
  Harness h = incidents();
  h.add(incident("I-1", "C-AWAY", R"(["death"])"))
      .add(notification("N-3", "I-1", "icb", "2025-03-03T12:00:00Z"))
      .add(notification("N-1", "I-1", "ofsted", "2025-03-03T11:00:00Z"))
      .add(notification("N-2", "I-1", "placing_authority", "2025-03-03T11:05:00Z"))
      .add(notification("N-POLICE", "I-1", "police", "2025-03-03T10:10:00Z"))
      .add(notification("N-OTHER", "I-9", "host_authority", "2025-03-03T10:20:00Z"));
  const auto f = only(h.run("2025-03-10T00:00:00Z"), "CHR-40-DEATH");
  ASSERT_TRUE(f);
  EXPECT_EQ(f->home, "H1");
  EXPECT_EQ(f->child, "C-AWAY");
  EXPECT_EQ(f->staff, "");
  EXPECT_EQ(f->evidence, (Evidence{"I-1", "N-1", "N-2", "N-3"}));
  ASSERT_TRUE(f->due_at.has_value());
  EXPECT_EQ(*f->due_at, kDue);
  EXPECT_EQ(f->summary,
            "Death incident I-1 for child C-AWAY was not notified to the host authority without delay "
            "(practice target of 24 h, not a statutory deadline; due 2025-03-04T10:00:00Z).");
  EXPECT_EQ(f->severity, sdk::Severity::critical);
  EXPECT_EQ(f->regulation, "Children's Homes (England) Regulations 2015 reg 40(1)");

  h.add(notification("N-4", "I-1", "host_authority", "2025-03-03T12:30:00Z"));
  EXPECT_TRUE(h.run("2025-03-10T00:00:00Z").findings.empty());
}

// With nothing notified a death falls due exactly at the practice target: nothing at it, a finding one
// second later naming every recipient.
TEST(IncidentCheckerTest, DeathBreachIsRaisedOneSecondAfterTheTarget) {
  Harness h = incidents();
  h.add(incident("I-1", "C-LOCAL", R"(["death"])"));
  expect_deadline(h, "CHR-40-DEATH", kDue);
  const auto f = only(h.run(kDue + sdk::Seconds{1}), "CHR-40-DEATH");
  ASSERT_TRUE(f);
  EXPECT_EQ(f->evidence, Evidence{"I-1"});
  EXPECT_EQ(
      f->summary,
      "Death incident I-1 for child C-LOCAL was not notified to Ofsted, the placing authority and the "
      "ICB without delay (practice target of 24 h, not a statutory deadline; due 2025-03-04T10:00:00Z).");
}

// A notification written into the records late is invisible to an audit as of a time before it was
// recorded, even though it says it was sent in time; once recorded it closes the finding.
TEST(IncidentCheckerTest, NotificationRecordedLateCountsOnlyFromWhenItWasRecorded) {
  Harness h = incidents();
  h.add(incident("I-1", "C-LOCAL", R"(["death"])"))
      .add(notification("N-1", "I-1", "ofsted", "2025-03-03T11:00:00Z"))
      .add(notification("N-2", "I-1", "placing_authority", "2025-03-03T11:00:00Z"))
      .add(notification("N-3", "I-1", "icb", "2025-03-03T11:00:00Z", {}, "2025-03-05T08:00:00Z"));
  const auto f = only(h.run("2025-03-05T07:59:59Z"), "CHR-40-DEATH");
  ASSERT_TRUE(f);
  EXPECT_EQ(f->evidence, (Evidence{"I-1", "N-1", "N-2"}));
  EXPECT_TRUE(h.run("2025-03-05T08:00:00Z").findings.empty());
}

// A notification sent after the deadline still closes the duty (the escalation resolves), but only from
// the time it was sent.
TEST(IncidentCheckerTest, LateNotificationClosesFromItsSentTime) {
  Harness h = incidents();
  h.add(incident("I-2", "C-LOCAL", R"(["sexual_exploitation"])"))
      .add(notification("N-1", "I-2", "ofsted", "2025-03-04T18:00:00Z"))
      .add(notification("N-2", "I-2", "placing_authority", "2025-03-04T18:30:00Z"));
  const auto f = only(h.run("2025-03-04T18:29:59Z"), "CHR-40-CSE");
  ASSERT_TRUE(f);
  EXPECT_EQ(f->evidence, (Evidence{"I-2", "N-1"}));
  EXPECT_TRUE(h.run("2025-03-04T18:30:00Z").findings.empty());
}

// A notification already on file but dated after T is not yet sent: it is neither evidence nor a closing
// record until its time, and the engine is asked to look again then.
TEST(IncidentCheckerTest, NotificationDatedAfterTheAuditTimeIsNotYetSent) {
  Harness h = incidents();
  h.add(incident("I-2", "C-LOCAL", R"(["sexual_exploitation"])"))
      .add(notification("N-1", "I-2", "ofsted", "2025-03-03T11:00:00Z"))
      .add(notification("N-2", "I-2", "placing_authority", "2025-03-06T00:00:00Z", {},
                        "2025-03-03T12:00:00Z"));
  const auto before = h.run("2025-03-05T00:00:00Z");
  const auto f = only(before, "CHR-40-CSE");
  ASSERT_TRUE(f);
  EXPECT_EQ(f->evidence, (Evidence{"I-2", "N-1"}));
  EXPECT_NE(f->summary.find("not notified to the placing authority"), std::string::npos) << f->summary;
  ASSERT_TRUE(before.next_look.has_value());
  EXPECT_EQ(*before.next_look, at("2025-03-06T00:00:00Z"));
  EXPECT_TRUE(h.run("2025-03-06T00:00:00Z").findings.empty());
}

// --- CHR-40-CSE ---

// Sexual exploitation notified to Ofsted and the placing authority in time raises nothing.
TEST(IncidentCheckerTest, SexualExploitationNotifiedIsCompliant) {
  Harness h = incidents();
  h.add(incident("I-2", "C-AWAY", R"(["sexual_exploitation"])"))
      .add(notification("N-1", "I-2", "ofsted", "2025-03-03T15:00:00Z"))
      .add(notification("N-2", "I-2", "placing_authority", "2025-03-04T10:00:00Z"));
  const auto result = h.run("2025-03-10T00:00:00Z");
  EXPECT_TRUE(result.findings.empty());
  EXPECT_FALSE(result.next_look.has_value());
}

// Sexual exploitation notified only to the placing authority is a breach naming Ofsted, with the sent
// notification as evidence; the host authority is not required by reg 40(4)(a).
TEST(IncidentCheckerTest, SexualExploitationNotNotifiedToOfstedIsABreach) {
  Harness h = incidents();
  h.add(incident("I-2", "C-AWAY", R"(["sexual_exploitation"])"))
      .add(notification("N-2", "I-2", "placing_authority", "2025-03-03T15:00:00Z"));
  expect_deadline(h, "CHR-40-CSE", kDue);
  const auto f = only(h.run("2025-03-10T00:00:00Z"), "CHR-40-CSE");
  ASSERT_TRUE(f);
  EXPECT_EQ(f->evidence, (Evidence{"I-2", "N-2"}));
  EXPECT_EQ(f->summary,
            "Sexual exploitation incident I-2 for child C-AWAY was not notified to Ofsted without delay "
            "(practice target of 24 h, not a statutory deadline; due 2025-03-04T10:00:00Z).");
}

// --- CHR-40-POLICE ---

// A police incident with no seriousness decision and no notification is due at the practice target.
TEST(IncidentCheckerTest, PoliceIncidentWithoutDecisionMustBeNotified) {
  Harness h = incidents();
  h.add(incident("I-3", "C-LOCAL", R"(["police"])"));
  expect_deadline(h, "CHR-40-POLICE", kDue);
  const auto f = only(h.run(kDue + sdk::Seconds{1}), "CHR-40-POLICE");
  ASSERT_TRUE(f);
  EXPECT_EQ(f->evidence, Evidence{"I-3"});
  EXPECT_EQ(f->severity, sdk::Severity::high);
  EXPECT_EQ(f->escalate_to, std::vector<std::string>{"registered_manager"});
  EXPECT_EQ(f->summary,
            "Police incident I-3 for child C-LOCAL, with no dated seriousness decision, was not notified to "
            "Ofsted and the placing authority without delay (practice target of 24 h, not a statutory "
            "deadline; due 2025-03-04T10:00:00Z).");
}

// police_involved marks police involvement as much as the police category does.
TEST(IncidentCheckerTest, PoliceInvolvedFlagCountsAsPoliceInvolvement) {
  Harness h = incidents();
  h.add(incident("I-3", "C-LOCAL", R"(["assault"])", R"(,"police_involved":true)"));
  expect_deadline(h, "CHR-40-POLICE", kDue);
}

// A police incident judged serious and notified to both raises neither POLICE nor SERIOUS.
TEST(IncidentCheckerTest, PoliceIncidentJudgedSeriousAndNotifiedIsCompliant) {
  Harness h = incidents();
  h.add(incident("I-3", "C-LOCAL", R"(["police"])",
                 R"(,"seriousness":"serious","seriousness_decided_at":"2025-03-03T11:00:00Z")"))
      .add(notification("N-1", "I-3", "ofsted", "2025-03-03T13:00:00Z"))
      .add(notification("N-2", "I-3", "placing_authority", "2025-03-03T13:00:00Z"));
  const auto result = h.run("2025-03-10T00:00:00Z");
  EXPECT_TRUE(result.findings.empty());
  EXPECT_FALSE(result.next_look.has_value());
}

// A police incident judged serious but notified only to Ofsted breaches POLICE (and SERIOUS) and says it
// was judged serious.
TEST(IncidentCheckerTest, PoliceIncidentJudgedSeriousNotifiedToOneIsABreach) {
  Harness h = incidents();
  h.add(incident("I-3", "C-LOCAL", R"(["police"])",
                 R"(,"seriousness":"serious","seriousness_decided_at":"2025-03-03T10:00:00Z")"))
      .add(notification("N-1", "I-3", "ofsted", "2025-03-03T13:00:00Z"));
  const auto result = h.run("2025-03-10T00:00:00Z");
  EXPECT_EQ(result.rules(), (std::vector<std::string>{"CHR-40-POLICE", "CHR-40-SERIOUS"}));
  const auto f = only(result, "CHR-40-POLICE");
  ASSERT_TRUE(f);
  EXPECT_EQ(f->evidence, (Evidence{"I-3", "N-1"}));
  EXPECT_NE(f->summary.find("judged serious"), std::string::npos) << f->summary;
  EXPECT_NE(f->summary.find("the placing authority"), std::string::npos) << f->summary;
}

// A not_serious decision made in time lifts the police notification duty and closes the decision rule.
TEST(IncidentCheckerTest, PoliceIncidentDecidedNotSeriousNeedsNoNotification) {
  Harness h = incidents();
  h.add(incident("I-3", "C-LOCAL", R"(["police"])",
                 R"(,"seriousness":"not_serious","seriousness_decided_at":"2025-03-03T12:00:00Z")"));
  const auto result = h.run("2025-03-10T00:00:00Z");
  EXPECT_TRUE(result.findings.empty());
  EXPECT_FALSE(result.next_look.has_value());
}

// A not_serious decision recorded after the deadline resolves the police finding, but an audit as of a
// time before that revision was recorded still sees the breach.
TEST(IncidentCheckerTest, LateNotSeriousDecisionResolvesPoliceFinding) {
  Harness h = incidents();
  h.add(incident("I-3", "C-LOCAL", R"(["police"])"))
      .add(
          R"({"kind":"incident","home":"H1","id":"I-3","revision":2,"child":"C-LOCAL",)"
          R"("occurred_at":"2025-03-03T10:00:00Z","recorded_at":"2025-03-05T09:05:00Z","categories":["police"],)"
          R"("seriousness":"not_serious","seriousness_decided_at":"2025-03-05T09:00:00Z"})");
  const auto before = h.run("2025-03-05T09:04:59Z");
  EXPECT_EQ(before.rules(), (std::vector<std::string>{"CHR-40-DECISION", "CHR-40-POLICE"}));
  EXPECT_TRUE(h.run("2025-03-05T09:05:00Z").findings.empty());
}

// A decision already on file but dated after T does not count yet; the engine is asked to look again when
// it takes effect, and then everything closes.
TEST(IncidentCheckerTest, DecisionDatedAfterTheAuditTimeTakesEffectWhenItsTimeComes) {
  Harness h = incidents();
  h.add(incident("I-3", "C-LOCAL", R"(["police"])",
                 R"(,"seriousness":"not_serious","seriousness_decided_at":"2025-03-06T00:00:00Z")"));
  const auto before = h.run("2025-03-05T00:00:00Z");
  EXPECT_EQ(before.rules(), (std::vector<std::string>{"CHR-40-DECISION", "CHR-40-POLICE"}));
  ASSERT_TRUE(before.next_look.has_value());
  EXPECT_EQ(*before.next_look, at("2025-03-06T00:00:00Z"));
  EXPECT_TRUE(h.run("2025-03-06T00:00:00Z").findings.empty());
}

// --- CHR-40-DECISION ---

// An incident in a candidate category with no seriousness decision is due at the decision target.
TEST(IncidentCheckerTest, CandidateIncidentWithoutDecisionIsABreach) {
  Harness h = incidents();
  h.add(incident("I-5", "C-AWAY", R"(["missing"])"));
  expect_deadline(h, "CHR-40-DECISION", kDue);
  const auto result = h.run(kDue + sdk::Seconds{1});
  EXPECT_EQ(result.rules(), std::vector<std::string>{"CHR-40-DECISION"});
  const auto f = only(result, "CHR-40-DECISION");
  ASSERT_TRUE(f);
  EXPECT_EQ(f->child, "C-AWAY");
  EXPECT_EQ(f->evidence, Evidence{"I-5"});
  EXPECT_EQ(f->summary,
            "Incident I-5 for child C-AWAY in category missing has no seriousness decision recorded within "
            "the practice target of 24 h (not a statutory deadline; due 2025-03-04T10:00:00Z).");
}

// A dated decision within the target closes the decision rule.
TEST(IncidentCheckerTest, CandidateIncidentDecidedInTimeIsCompliant) {
  Harness h = incidents();
  h.add(incident("I-5", "C-AWAY", R"(["self_harm","distress"])",
                 R"(,"seriousness":"not_serious","seriousness_decided_at":"2025-03-03T13:00:00Z")"));
  EXPECT_TRUE(h.run("2025-03-10T00:00:00Z").findings.empty());
}

// A seriousness value with no decision time cannot show it was made in time and does not count.
TEST(IncidentCheckerTest, UndatedSeriousnessIsNoDecision) {
  Harness h = incidents();
  h.add(incident("I-5", "C-AWAY", R"(["assault","self_harm"])", R"(,"seriousness":"not_serious")"));
  const auto f = only(h.run("2025-03-10T00:00:00Z"), "CHR-40-DECISION");
  ASSERT_TRUE(f);
  EXPECT_NE(f->summary.find("in categories assault and self_harm"), std::string::npos) << f->summary;
}

// Incidents outside the candidate categories (and not otherwise notifiable) raise nothing and ask for no
// look-again.
TEST(IncidentCheckerTest, OrdinaryIncidentRaisesNothing) {
  Harness h = incidents();
  h.add(incident("I-6", "C-LOCAL", R"(["distress","injury","property_damage"])"));
  const auto result = h.run("2025-03-10T00:00:00Z");
  EXPECT_TRUE(result.findings.empty());
  EXPECT_FALSE(result.next_look.has_value());
}

// decision_target_hours moves the decision deadline.
TEST(IncidentCheckerTest, DecisionTargetIsConfigurable) {
  Harness h = incidents(sdk::Parameters({{"decision_target_hours", sdk::Value(48)}}));
  h.add(incident("I-5", "C-AWAY", R"(["serious_injury"])"));
  expect_deadline(h, "CHR-40-DECISION", at("2025-03-05T10:00:00Z"));
}

// --- CHR-40-SERIOUS ---

// An incident decided serious is due the practice target after the decision, not after the incident.
TEST(IncidentCheckerTest, SeriousIncidentIsDueFromTheDecision) {
  Harness h = incidents();
  h.add(incident("I-7", "C-LOCAL", R"(["injury"])",
                 R"(,"seriousness":"serious","seriousness_decided_at":"2025-03-03T16:00:00Z")"))
      .add(notification("N-1", "I-7", "placing_authority", "2025-03-03T17:00:00Z"));
  expect_deadline(h, "CHR-40-SERIOUS", at("2025-03-04T16:00:00Z"));
  const auto f = only(h.run("2025-03-10T00:00:00Z"), "CHR-40-SERIOUS");
  ASSERT_TRUE(f);
  EXPECT_EQ(f->evidence, (Evidence{"I-7", "N-1"}));
  EXPECT_EQ(f->escalate_to, (std::vector<std::string>{"registered_manager", "responsible_individual"}));
  EXPECT_EQ(f->summary,
            "Incident I-7 for child C-LOCAL, decided serious, was not notified to Ofsted without delay "
            "(practice target of 24 h, not a statutory deadline; due 2025-03-04T16:00:00Z).");
}

// Without a decision time the serious incident is due from when it occurred.
TEST(IncidentCheckerTest, SeriousIncidentWithoutDecisionTimeIsDueFromOccurrence) {
  Harness h = incidents();
  h.add(incident("I-7", "C-LOCAL", R"(["other"])", R"(,"seriousness":"serious")"));
  expect_deadline(h, "CHR-40-SERIOUS", kDue);
}

// A serious incident notified to both raises nothing.
TEST(IncidentCheckerTest, SeriousIncidentNotifiedIsCompliant) {
  Harness h = incidents();
  h.add(incident("I-7", "C-LOCAL", R"(["injury"])",
                 R"(,"seriousness":"serious","seriousness_decided_at":"2025-03-03T16:00:00Z")"))
      .add(notification("N-1", "I-7", "ofsted", "2025-03-03T17:00:00Z"))
      .add(notification("N-2", "I-7", "placing_authority", "2025-03-04T16:00:00Z"));
  EXPECT_TRUE(h.run("2025-03-10T00:00:00Z").findings.empty());
}

// without_delay_hours moves every "without delay" deadline, and the summary quotes the configured target.
TEST(IncidentCheckerTest, WithoutDelayTargetIsConfigurable) {
  Harness h = incidents(sdk::Parameters({{"without_delay_hours", sdk::Value(12)}}));
  h.add(incident("I-7", "C-LOCAL", R"(["injury"])",
                 R"(,"seriousness":"serious","seriousness_decided_at":"2025-03-03T16:00:00Z")"));
  expect_deadline(h, "CHR-40-SERIOUS", at("2025-03-04T04:00:00Z"));
  const auto f = only(h.run("2025-03-10T00:00:00Z"), "CHR-40-SERIOUS");
  ASSERT_TRUE(f);
  EXPECT_NE(f->summary.find("practice target of 12 h"), std::string::npos) << f->summary;
}

// --- across rules ---

// Findings carry ids only: free text from the record never reaches a summary.
TEST(IncidentCheckerTest, SummariesNeverCopyRecordText) {
  Harness h = incidents();
  h.add(incident("I-8", "C-LOCAL", R"(["death","sexual_exploitation","police","missing"])",
                 R"(,"description":"Alex Example was found by Sam Sample","seriousness":"serious")"));
  const auto result = h.run("2025-03-10T00:00:00Z");
  EXPECT_EQ(result.rules(), (std::vector<std::string>{"CHR-40-CSE", "CHR-40-DEATH", "CHR-40-DECISION",
                                                      "CHR-40-POLICE", "CHR-40-SERIOUS"}));
  for (const sdk::Finding& f : result.findings) {
    EXPECT_EQ(f.summary.find("Alex"), std::string::npos) << f.summary;
    EXPECT_EQ(f.summary.find("Sam"), std::string::npos) << f.summary;
  }
}

// One incident raising several rules gives each rule its own fingerprint, and a fingerprint stays the
// same as notifications arrive (the escalation it identifies is the same one).
TEST(IncidentCheckerTest, FingerprintsDifferByRuleAndStayStable) {
  Harness h = incidents();
  h.add(incident("I-8", "C-AWAY", R"(["death","sexual_exploitation"])"));
  const auto first = h.run("2025-03-05T00:00:00Z");
  ASSERT_EQ(first.findings.size(), 2u);
  EXPECT_NE(first.findings[0].fingerprint, first.findings[1].fingerprint);
  h.add(notification("N-1", "I-8", "ofsted", "2025-03-05T01:00:00Z"));
  const auto later = h.run("2025-03-05T02:00:00Z");
  ASSERT_EQ(later.findings.size(), 2u);
  EXPECT_EQ(later.findings[0].fingerprint, first.findings[0].fingerprint);
  EXPECT_EQ(later.findings[1].fingerprint, first.findings[1].fingerprint);
  EXPECT_EQ(later.findings[0].evidence, (Evidence{"I-8", "N-1"}));
}

// Incidents in another home's timeline never borrow this home's notifications or placements.
TEST(IncidentCheckerTest, EachHomeIsCheckedOnItsOwnRecords) {
  Harness h = incidents();
  h.add(R"({"kind":"home","id":"H2","recorded_at":"2025-01-01T09:00:00Z","host_authority":"LA-AWAY"})")
      .add(R"({"kind":"incident","home":"H2","id":"I-9","child":"C-9","occurred_at":"2025-03-03T10:00:00Z",)"
           R"("recorded_at":"2025-03-03T10:30:00Z","categories":["sexual_exploitation"]})")
      .add(notification("N-1", "I-9", "ofsted", "2025-03-03T11:00:00Z"))
      .add(notification("N-2", "I-9", "placing_authority", "2025-03-03T11:00:00Z"));
  const auto f = only(h.run("2025-03-10T00:00:00Z"), "CHR-40-CSE");
  ASSERT_TRUE(f);
  EXPECT_EQ(f->home, "H2");
  EXPECT_EQ(f->evidence, Evidence{"I-9"});
}

}  // namespace
}  // namespace carewatch::plugins::serious_events
