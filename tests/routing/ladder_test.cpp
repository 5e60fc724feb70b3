#include "routing/ladder.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include <carewatch/sdk/json.hpp>

#include "routing/message_composer.hpp"
#include "routing_fixture.hpp"

namespace carewatch::routing {
namespace {

using escalation::State;
using sdk::TimePoint;
using testing::at;

constexpr std::string_view kConfig = R"(
[contacts.default]
registered_manager = { email = "rm@example.org" }
responsible_individual = { email = "ri@example.org" }
lado = { email = "lado@example.org", webhook = "http://127.0.0.1:9000/lado" }

[routing]
act_url = "http://127.0.0.1:8787/v1/escalations"

[[routes]]
name = "ladder"
rules = ["R-LADDER"]
repeat_interval = "off"
[[routes.levels]]
roles = ["registered_manager"]
timeout = "1h"
[[routes.levels]]
roles = ["responsible_individual"]
timeout = "2h"
[[routes.levels]]
roles = ["lado"]

[[routes]]
name = "remind"
rules = ["R-REMIND"]
repeat_interval = "6h"
[[routes.levels]]
roles = ["registered_manager"]
)";

struct Sent {
  std::string kind;
  int level = 0;
  std::string channel;
  std::string recipient;
  std::string role;
  std::string key;
  std::string body;
  std::string payload;
};

constexpr std::string_view kSubject = "child:H1/C1";
constexpr std::string_view kChecker = "test_family/records";

class LadderTest : public ::testing::Test {
 protected:
  // Opens (or keeps) the escalations of `findings` for the test subject, as the engine does: sync and
  // the ladder's hook in one transaction. Returns the ids of the escalations opened.
  std::vector<std::int64_t> sync(const std::vector<sdk::Finding>& findings, TimePoint now) {
    store::Transaction tx(db_);
    const auto transitions = escalations_.sync(kSubject, kChecker, findings, now);
    ladder_.on_transitions(transitions);
    tx.commit();
    std::vector<std::int64_t> ids;
    for (const auto& t : transitions)
      if (t.kind == escalation::Transition::Kind::opened) ids.push_back(t.escalation.id);
    return ids;
  }

  // Adds a finding to the subject's current findings (sync is level-triggered: it takes the complete
  // set) and returns the id of the escalation it opened.
  std::int64_t open(const std::string& rule, const std::string& trigger, TimePoint now) {
    current_.push_back(testing::finding(rule, trigger, sdk::Severity::high));
    const auto ids = sync(current_, now);
    EXPECT_EQ(ids.size(), 1u);
    return ids.empty() ? 0 : ids[0];
  }

  // The engine's deadline pass for silences: expiries and the hook in one transaction.
  void expire_silences(TimePoint now) {
    store::Transaction tx(db_);
    ladder_.on_transitions(escalations_.expire_silences(now));
    tx.commit();
  }

  template <class F>
  auto in_tx(F&& f) {
    store::Transaction tx(db_);
    auto out = f();
    tx.commit();
    return out;
  }

  std::vector<Sent> sent(std::int64_t eid = 0) {
    store::Statement st(db_,
                        "SELECT o.kind, o.level, o.channel, o.recipient, o.role, o.idempotency_key, o.body, "
                        "o.payload FROM outbox o WHERE ?1 = 0 OR EXISTS (SELECT 1 FROM outbox_escalations x "
                        "WHERE x.outbox_id = o.id AND x.eid = ?1) ORDER BY o.id");
    st.bind(1, eid);
    std::vector<Sent> out;
    while (st.step())
      out.push_back({st.column_text(0), static_cast<int>(st.column_int(1)), st.column_text(2),
                     st.column_text(3), st.column_text(4), st.column_text(5), st.column_text(6),
                     st.column_text(7)});
    return out;
  }

  std::vector<std::string> event_types(std::int64_t eid) {
    std::vector<std::string> out;
    for (const auto& ev : escalations_.events(eid)) out.push_back(ev.type);
    return out;
  }

  std::vector<sdk::Finding> current_;
  testing::TempDir dir_;
  store::Database db_{dir_.path() / "carewatch.db"};
  config::Config cfg_ = testing::parse(kConfig);
  Router router_{cfg_.contacts, cfg_.routing};
  escalation::EscalationStore escalations_{db_};
  Ladder ladder_{db_, router_};
  const TimePoint t0_ = at("2025-03-04T09:00:00Z");
};

// Opening tells level 0 once, in the transaction that opened it, and schedules the climb.
TEST_F(LadderTest, OpenedTellsLevelZero) {
  const auto id = open("R-LADDER", "I1", t0_);
  const auto msgs = sent();
  ASSERT_EQ(msgs.size(), 1u);
  EXPECT_EQ(msgs[0].kind, "opened");
  EXPECT_EQ(msgs[0].level, 0);
  EXPECT_EQ(msgs[0].recipient, "rm@example.org");
  EXPECT_EQ(msgs[0].role, "registered_manager");
  const auto s = ladder_.state(id);
  ASSERT_TRUE(s);
  EXPECT_EQ(s->route, "ladder");
  EXPECT_EQ(s->level, 0);
  EXPECT_EQ(ladder_.next_due(), t0_ + std::chrono::hours(1));
}

// Not acknowledged: the next level is told exactly when the timeout has passed, not a second before,
// with an "escalated" event by carewatch; then the top level.
TEST_F(LadderTest, ClimbsExactlyAfterTimeout) {
  const auto id = open("R-LADDER", "I1", t0_);
  EXPECT_EQ(ladder_.advance(t0_ + std::chrono::hours(1) - std::chrono::seconds(1)).messages, 0u);
  EXPECT_EQ(sent().size(), 1u);

  const auto summary = ladder_.advance(t0_ + std::chrono::hours(1));
  EXPECT_EQ(summary.escalated, 1u);
  auto msgs = sent();
  ASSERT_EQ(msgs.size(), 2u);
  EXPECT_EQ(msgs[1].kind, "escalated");
  EXPECT_EQ(msgs[1].level, 1);
  EXPECT_EQ(msgs[1].recipient, "ri@example.org");
  const auto events = escalations_.events(id);
  ASSERT_EQ(events.back().type, "escalated");
  EXPECT_EQ(events.back().actor, "carewatch");
  EXPECT_NE(events.back().reason.find("level 2 of 3"), std::string::npos) << events.back().reason;

  // Level 1's timeout (2 h) runs from when level 1 was told.
  EXPECT_EQ(ladder_.advance(t0_ + std::chrono::hours(3) - std::chrono::seconds(1)).messages, 0u);
  ladder_.advance(t0_ + std::chrono::hours(3));
  msgs = sent();
  ASSERT_EQ(msgs.size(), 4u);
  EXPECT_EQ(msgs[2].recipient, "lado@example.org");
  EXPECT_EQ(msgs[3].channel, "webhook");
  EXPECT_EQ(msgs[3].recipient, "http://127.0.0.1:9000/lado");
  // The top of the ladder with no repeat interval: nothing more is scheduled.
  EXPECT_EQ(ladder_.state(id)->next_action_at, std::nullopt);
  EXPECT_EQ(ladder_.advance(t0_ + std::chrono::hours(100)).messages, 0u);
}

// Acknowledgement stops the climb.
TEST_F(LadderTest, AcknowledgementStopsClimb) {
  const auto id = open("R-LADDER", "I1", t0_);
  in_tx([&] { return ladder_.acknowledge(id, "RM-1", "looking into it", t0_ + std::chrono::minutes(30)); });
  EXPECT_EQ(ladder_.next_due(), std::nullopt);
  EXPECT_EQ(ladder_.advance(t0_ + std::chrono::hours(10)).messages, 0u);
  EXPECT_EQ(sent().size(), 1u);
  const auto events = escalations_.events(id);
  EXPECT_EQ(events.back().type, "acknowledged");
  EXPECT_EQ(events.back().actor, "RM-1");
}

// An acknowledgement made elsewhere (another process) after the climb was scheduled also stops it.
TEST_F(LadderTest, AcknowledgementThroughStoreAlsoStopsClimb) {
  const auto id = open("R-LADDER", "I1", t0_);
  in_tx([&] { return escalations_.acknowledge(id, "RM-1", "seen", t0_ + std::chrono::minutes(5)); });
  EXPECT_EQ(ladder_.advance(t0_ + std::chrono::hours(2)).messages, 0u);
  EXPECT_EQ(ladder_.next_due(), std::nullopt);
}

// A still-open escalation gets a reminder every repeat interval, each with its own sequence number.
TEST_F(LadderTest, RemindersEveryRepeatInterval) {
  open("R-REMIND", "I1", t0_);
  EXPECT_EQ(ladder_.advance(t0_ + std::chrono::hours(6) - std::chrono::seconds(1)).messages, 0u);
  EXPECT_EQ(ladder_.advance(t0_ + std::chrono::hours(6)).reminders, 1u);
  EXPECT_EQ(ladder_.advance(t0_ + std::chrono::hours(12)).reminders, 1u);
  const auto msgs = sent();
  ASSERT_EQ(msgs.size(), 3u);
  EXPECT_EQ(msgs[1].kind, "reminder");
  EXPECT_EQ(msgs[2].kind, "reminder");
  EXPECT_NE(msgs[1].key, msgs[2].key);
  EXPECT_NE(msgs[2].payload.find("\"sequence\":2"), std::string::npos) << msgs[2].payload;
}

// When the data closes an escalation, everyone told so far hears, and nothing more is scheduled.
TEST_F(LadderTest, ResolvedByDataTellsEveryoneTold) {
  const auto id = open("R-LADDER", "I1", t0_);
  ladder_.advance(t0_ + std::chrono::hours(1));
  sync({}, t0_ + std::chrono::hours(2));
  auto msgs = sent();
  ASSERT_EQ(msgs.size(), 4u);
  EXPECT_EQ(msgs[2].kind, "resolved");
  EXPECT_EQ(msgs[2].recipient, "rm@example.org");
  EXPECT_EQ(msgs[3].kind, "resolved");
  EXPECT_EQ(msgs[3].recipient, "ri@example.org");
  EXPECT_EQ(ladder_.state(id)->next_action_at, std::nullopt);
  EXPECT_EQ(ladder_.advance(t0_ + std::chrono::hours(10)).messages, 0u);
}

// When a person resolves it, everyone told so far hears who closed it, never why (the reason is free
// text and may name people).
TEST_F(LadderTest, ClosedByPersonTellsEveryoneToldWithoutReason) {
  const auto id = open("R-LADDER", "I1", t0_);
  ladder_.advance(t0_ + std::chrono::hours(1));
  in_tx([&] {
    return ladder_.resolve(id, "RM-1", "Spoke to Jane Example about it", t0_ + std::chrono::hours(2));
  });
  const auto msgs = sent();
  ASSERT_EQ(msgs.size(), 4u);
  for (std::size_t i = 2; i < 4; ++i) {
    EXPECT_EQ(msgs[i].kind, "closed");
    EXPECT_NE(msgs[i].body.find("RM-1"), std::string::npos);
    EXPECT_EQ(msgs[i].body.find("Jane"), std::string::npos);
    EXPECT_EQ(msgs[i].payload.find("Jane"), std::string::npos);
  }
  EXPECT_EQ(escalations_.get(id)->state, State::resolved);
}

// A message carries the rule, clause, severity, ids, deadline, escalation id and where to act; the
// webhook payload carries the finding's fields plus escalation, state, level and kind.
TEST_F(LadderTest, MessageContent) {
  const auto id = open("R-LADDER", "I1", t0_);
  ladder_.advance(t0_ + std::chrono::hours(1));
  ladder_.advance(t0_ + std::chrono::hours(3));
  const auto msgs = sent();
  ASSERT_EQ(msgs.size(), 4u);
  const std::string& body = msgs[0].body;
  for (const std::string& want :
       {std::string("R-LADDER"), std::string("reg 35(3)(a)"), std::string("high"),
        std::string("Home:       H1"), std::string("Child:      C1"), std::string("2025-03-03T10:00:00Z"),
        "Escalation " + std::to_string(id), "carewatch escalations ack " + std::to_string(id),
        "http://127.0.0.1:8787/v1/escalations/" + std::to_string(id)})
    EXPECT_NE(body.find(want), std::string::npos) << want << " not in\n" << body;

  const auto parsed = sdk::parse_json(msgs[3].payload);
  const auto* v = std::get_if<sdk::Value>(&parsed);
  ASSERT_TRUE(v && v->is_object());
  EXPECT_EQ(v->find("rule")->as_string(), "R-LADDER");
  EXPECT_EQ(v->find("severity")->as_string(), "high");
  EXPECT_EQ(v->find("home")->as_string(), "H1");
  EXPECT_EQ(v->find("child")->as_string(), "C1");
  EXPECT_TRUE(v->find("staff")->is_null());
  EXPECT_EQ(v->find("due_at")->as_string(), "2025-03-03T10:00:00Z");
  EXPECT_EQ(v->find("evidence")->as_array().at(0).as_string(), "I1");
  EXPECT_EQ(v->find("fingerprint")->as_string(), escalations_.get(id)->fingerprint);
  EXPECT_EQ(v->find("escalation")->as_int(), id);
  EXPECT_EQ(v->find("state")->as_string(), "open");
  EXPECT_EQ(v->find("level")->as_int(), 2);
  EXPECT_EQ(v->find("kind")->as_string(), "escalated");
  EXPECT_EQ(v->find("act")->find("url")->as_string(),
            "http://127.0.0.1:8787/v1/escalations/" + std::to_string(id));
}

// Re-applying the same transitions and re-running advance at the same time change nothing.
TEST_F(LadderTest, RepeatingIsHarmless) {
  store::Transaction tx(db_);
  const auto transitions =
      escalations_.sync(kSubject, kChecker, {testing::finding("R-LADDER", "I1", sdk::Severity::high)}, t0_);
  ladder_.on_transitions(transitions);
  ladder_.on_transitions(transitions);
  tx.commit();
  EXPECT_EQ(sent().size(), 1u);
  ladder_.advance(t0_ + std::chrono::hours(1));
  EXPECT_EQ(ladder_.advance(t0_ + std::chrono::hours(1)).messages, 0u);
  EXPECT_EQ(sent().size(), 2u);
  // The same finding again keeps its escalation: no new message.
  sync({testing::finding("R-LADDER", "I1", sdk::Severity::high)}, t0_ + std::chrono::hours(1));
  EXPECT_EQ(sent().size(), 2u);
}

// A person's silence stops messages and the climb; at its expiry the level's timer starts again.
TEST_F(LadderTest, PersonSilenceStopsClimbUntilExpiry) {
  const auto id = open("R-LADDER", "I1", t0_);
  const TimePoint until = t0_ + std::chrono::hours(5);
  in_tx([&] { return ladder_.silence(id, "RM-1", "known, in hand", until, t0_ + std::chrono::minutes(10)); });
  EXPECT_EQ(ladder_.advance(t0_ + std::chrono::hours(4)).messages, 0u);
  expire_silences(until);
  EXPECT_EQ(escalations_.get(id)->state, State::open);
  EXPECT_EQ(ladder_.advance(until + std::chrono::hours(1) - std::chrono::seconds(1)).messages, 0u);
  EXPECT_EQ(ladder_.advance(until + std::chrono::hours(1)).escalated, 1u);
}

// A silence rule silences the live escalations it matches when created and new ones as they open, with
// events naming its author and reason; silenced escalations get no messages and do not climb.
TEST_F(LadderTest, SilenceRuleAppliesToLiveAndNewEscalations) {
  const auto e1 = open("R-LADDER", "I1", t0_);
  SilenceRule rule;
  rule.rule = "R-LADDER";
  rule.reason = "planned records migration";
  rule.author = "RI-2";
  rule.expires_at = t0_ + std::chrono::hours(5);
  const auto [sid, silenced] =
      in_tx([&] { return ladder_.add_silence_rule(rule, t0_ + std::chrono::minutes(10)); });
  EXPECT_EQ(silenced, std::vector<std::int64_t>{e1});
  EXPECT_EQ(escalations_.get(e1)->state, State::silenced);
  const auto ev = escalations_.events(e1).back();
  EXPECT_EQ(ev.type, "silenced");
  EXPECT_EQ(ev.actor, "RI-2");
  EXPECT_EQ(ev.reason, "silence rule " + std::to_string(sid) + ": planned records migration");

  const auto e2 = open("R-LADDER", "I2", t0_ + std::chrono::minutes(20));
  EXPECT_EQ(escalations_.get(e2)->state, State::silenced);
  EXPECT_EQ(escalations_.get(e2)->silenced_until, rule.expires_at);
  EXPECT_EQ(event_types(e2), (std::vector<std::string>{"opened", "silenced"}));
  // Another rule's escalation is not touched.
  open("R-REMIND", "I3", t0_ + std::chrono::minutes(20));

  EXPECT_EQ(ladder_.advance(t0_ + std::chrono::hours(4)).messages, 0u);
  EXPECT_EQ(sent(e1).size(), 1u);  // only the opening, before the rule
  EXPECT_TRUE(sent(e2).empty());
}

// A silence rule stops applying by itself at expiry: silenced escalations resume (one never told is told
// then) and escalations opening afterwards are told at once.
TEST_F(LadderTest, SilenceRuleExpiresByItself) {
  const auto e1 = open("R-LADDER", "I1", t0_);
  SilenceRule rule;
  rule.home = "H1";
  rule.reason = "inspection week";
  rule.author = "RI-2";
  rule.expires_at = t0_ + std::chrono::hours(5);
  in_tx([&] { return ladder_.add_silence_rule(rule, t0_ + std::chrono::minutes(10)); });
  const auto e2 = open("R-LADDER", "I2", t0_ + std::chrono::minutes(20));
  EXPECT_TRUE(sent(e2).empty());

  expire_silences(rule.expires_at);
  EXPECT_EQ(escalations_.get(e1)->state, State::open);
  EXPECT_EQ(escalations_.get(e2)->state, State::open);
  const auto told = sent(e2);
  ASSERT_EQ(told.size(), 1u);
  EXPECT_EQ(told[0].kind, "opened");
  // e1 was told before the silence: its level timer restarts at the expiry.
  EXPECT_EQ(sent(e1).size(), 1u);
  EXPECT_EQ(ladder_.advance(rule.expires_at + std::chrono::hours(1) - std::chrono::seconds(1)).messages, 0u);
  EXPECT_EQ(ladder_.advance(rule.expires_at + std::chrono::hours(1)).escalated, 2u);

  const auto e3 = open("R-LADDER", "I3", rule.expires_at + std::chrono::hours(2));
  EXPECT_EQ(escalations_.get(e3)->state, State::open);
  EXPECT_EQ(sent(e3).size(), 1u);
}

// Ending a silence rule early returns its escalations to where they were, with the person and reason in
// the event log; a rule that never matched changes nothing.
TEST_F(LadderTest, EndingSilenceRuleResumes) {
  SilenceRule rule;
  rule.child = "C1";
  rule.reason = "child in hospital";
  rule.author = "RM-1";
  rule.expires_at = t0_ + std::chrono::hours(48);
  const auto [sid, none] = in_tx([&] { return ladder_.add_silence_rule(rule, t0_ - std::chrono::hours(1)); });
  EXPECT_TRUE(none.empty());
  const auto id = open("R-LADDER", "I1", t0_);
  EXPECT_EQ(escalations_.get(id)->state, State::silenced);
  const auto resumed =
      in_tx([&] { return ladder_.end_silence_rule(sid, "RM-1", "back home", t0_ + std::chrono::hours(2)); });
  EXPECT_EQ(resumed, std::vector<std::int64_t>{id});
  EXPECT_EQ(escalations_.get(id)->state, State::open);
  const auto ev = escalations_.events(id).back();
  EXPECT_EQ(ev.type, "silence_ended");
  EXPECT_EQ(ev.actor, "RM-1");
  const auto msgs = sent(id);
  ASSERT_EQ(msgs.size(), 1u);
  EXPECT_EQ(msgs[0].kind, "opened");
  EXPECT_TRUE(ladder_.silence_rules().list(t0_ + std::chrono::hours(3)).empty());
  EXPECT_THROW(
      in_tx([&] { return ladder_.end_silence_rule(sid, "RM-1", "again", t0_ + std::chrono::hours(3)); }),
      SilenceRuleError);
}

// A silence rule needs a matcher, an author, a reason and a future expiry.
TEST_F(LadderTest, SilenceRuleValidation) {
  SilenceRule rule;
  rule.reason = "r";
  rule.author = "A";
  rule.expires_at = t0_ + std::chrono::hours(1);
  EXPECT_THROW(in_tx([&] { return ladder_.add_silence_rule(rule, t0_); }), SilenceRuleError);
  rule.fingerprint = "abc";
  rule.author = "carewatch";
  EXPECT_THROW(in_tx([&] { return ladder_.add_silence_rule(rule, t0_); }), SilenceRuleError);
  rule.author = "A";
  rule.expires_at = t0_;
  EXPECT_THROW(in_tx([&] { return ladder_.add_silence_rule(rule, t0_); }), SilenceRuleError);
  rule.expires_at = t0_ + std::chrono::seconds(1);
  EXPECT_NO_THROW(in_tx([&] { return ladder_.add_silence_rule(rule, t0_); }));
}

// Open escalations the ladder never saw (opened before routing existed) are taken on once: their first
// level is told at the next advance.
TEST_F(LadderTest, AdoptsUntrackedOpenEscalations) {
  const auto id = in_tx([&] {
    return escalations_
        .sync(kSubject, kChecker, {testing::finding("R-LADDER", "I1", sdk::Severity::high)}, t0_)
        .at(0)
        .escalation.id;
  });
  EXPECT_TRUE(sent().empty());
  EXPECT_EQ(ladder_.adopt_untracked(t0_ + std::chrono::hours(1)), 1u);
  EXPECT_EQ(ladder_.adopt_untracked(t0_ + std::chrono::hours(1)), 0u);
  EXPECT_EQ(ladder_.next_due(), t0_ + std::chrono::hours(1));
  EXPECT_EQ(ladder_.advance(t0_ + std::chrono::hours(1)).opened, 1u);
  const auto msgs = sent(id);
  ASSERT_EQ(msgs.size(), 1u);
  EXPECT_EQ(msgs[0].kind, "opened");
  EXPECT_EQ(ladder_.next_due(), t0_ + std::chrono::hours(2));
}

// An escalation with no route of its own follows the default route: the finding's own roles.
TEST_F(LadderTest, DefaultRouteTellsFindingRoles) {
  const auto ids = sync(
      {testing::finding("R-OTHER", "I9", sdk::Severity::low, "H1", "C1", {"registered_manager", "lado"})},
      t0_);
  ASSERT_EQ(ids.size(), 1u);
  const auto msgs = sent(ids[0]);
  ASSERT_EQ(msgs.size(), 3u);
  EXPECT_EQ(msgs[0].recipient, "rm@example.org");
  EXPECT_EQ(msgs[1].recipient, "lado@example.org");
  EXPECT_EQ(msgs[2].recipient, "http://127.0.0.1:9000/lado");
  EXPECT_EQ(ladder_.state(ids[0])->route, "default");
  // The default route reminds daily.
  EXPECT_EQ(ladder_.next_due(), t0_ + std::chrono::hours(24));
}

}  // namespace
}  // namespace carewatch::routing
