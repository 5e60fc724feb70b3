#include "escalation/escalation_store.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include "store/database.hpp"

namespace carewatch::escalation {
namespace {

using sdk::TimePoint;

TimePoint at(std::string_view s) {
  return *sdk::parse_timestamp(s);
}

class TempDb {
 public:
  TempDb() {
    std::random_device rd;
    dir_ = std::filesystem::temp_directory_path() / ("cw-escalation-" + std::to_string(rd()));
    std::filesystem::create_directories(dir_);
  }
  ~TempDb() {
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }
  std::filesystem::path path() const { return dir_ / "carewatch.db"; }

 private:
  std::filesystem::path dir_;
};

sdk::Finding finding(const std::string& rule, const std::string& trigger, const std::string& child = "C1") {
  sdk::Finding f;
  f.rule = rule;
  f.severity = sdk::Severity::high;
  f.home = "H1";
  f.child = child;
  f.evidence = {trigger};
  f.due_at = at("2025-03-03T10:00:00Z");
  f.summary = "A record was not made in time.";
  f.regulation = "Children's Homes (England) Regulations 2015 reg 35(3)(a)";
  f.escalate_to = {"registered_manager"};
  f.fingerprint = sdk::fingerprint(f.rule, f.home, f.child, f.staff, trigger);
  return f;
}

constexpr std::string_view kSubject = "child:H1/C1";
constexpr std::string_view kChecker = "test/records";

class EscalationStoreTest : public ::testing::Test {
 protected:
  std::vector<Transition> sync(const std::vector<sdk::Finding>& findings, TimePoint now) {
    store::Transaction tx(db_);
    auto out = store_.sync(kSubject, kChecker, findings, now);
    tx.commit();
    return out;
  }
  template <class F>
  auto in_tx(F&& f) {
    store::Transaction tx(db_);
    auto out = f();
    tx.commit();
    return out;
  }

  TempDb tmp_;
  store::Database db_{tmp_.path()};
  EscalationStore store_{db_};
  const TimePoint t0_ = at("2025-03-04T09:00:00Z");
};

// A new finding opens an escalation carrying the finding's fields, with an "opened" event by carewatch.
TEST_F(EscalationStoreTest, NewFindingOpensEscalation) {
  const auto f = finding("CHR-35-RECORD-24H", "I1");
  const auto out = sync({f}, t0_);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].kind, Transition::Kind::opened);
  const Escalation& e = out[0].escalation;
  EXPECT_EQ(e.state, State::open);
  EXPECT_EQ(e.fingerprint, f.fingerprint);
  EXPECT_EQ(e.rule, "CHR-35-RECORD-24H");
  EXPECT_EQ(e.severity, sdk::Severity::high);
  EXPECT_EQ(e.home, "H1");
  EXPECT_EQ(e.child, "C1");
  EXPECT_EQ(e.staff, "");
  EXPECT_EQ(e.evidence, std::vector<std::string>{"I1"});
  EXPECT_EQ(e.due_at, f.due_at);
  EXPECT_EQ(e.escalate_to, std::vector<std::string>{"registered_manager"});
  EXPECT_EQ(e.subject_key, kSubject);
  EXPECT_EQ(e.checker, kChecker);
  EXPECT_EQ(e.opened_at, t0_);
  const auto events = store_.events(e.id);
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].type, "opened");
  EXPECT_EQ(events[0].actor, "carewatch");
  EXPECT_EQ(events[0].to_state, State::open);
}

// Syncing the same findings again changes nothing and logs nothing: the sync is idempotent.
TEST_F(EscalationStoreTest, PresentFindingIsKeptWithoutEvents) {
  const auto f = finding("CHR-35-RECORD-24H", "I1");
  const auto opened = sync({f}, t0_);
  ASSERT_EQ(opened.size(), 1u);
  EXPECT_TRUE(sync({f}, t0_ + sdk::hours{1}).empty());
  EXPECT_TRUE(sync({f, f}, t0_ + sdk::hours{2}).empty());
  const auto live = store_.open_for(kSubject, kChecker);
  ASSERT_EQ(live.size(), 1u);
  EXPECT_EQ(live[0].id, opened[0].escalation.id);
  EXPECT_EQ(store_.events(live[0].id).size(), 1u);
}

// A present finding whose details changed updates the escalation in place, without an event.
TEST_F(EscalationStoreTest, PresentFindingUpdatesDetails) {
  auto f = finding("CHR-35-RECORD-24H", "I1");
  const auto id = sync({f}, t0_).at(0).escalation.id;
  f.severity = sdk::Severity::critical;
  f.due_at = at("2025-03-05T10:00:00Z");
  f.evidence = {"I1", "N7"};
  f.summary = "Another sentence.";
  EXPECT_TRUE(sync({f}, t0_ + sdk::hours{1}).empty());
  const auto e = store_.get(id);
  ASSERT_TRUE(e);
  EXPECT_EQ(e->severity, sdk::Severity::critical);
  EXPECT_EQ(e->due_at, f.due_at);
  EXPECT_EQ(e->evidence, (std::vector<std::string>{"I1", "N7"}));
  EXPECT_EQ(e->summary, "Another sentence.");
  EXPECT_EQ(e->updated_at, t0_ + sdk::hours{1});
  EXPECT_EQ(store_.events(id).size(), 1u);
}

// A finding absent from the pair's set resolves its escalation by carewatch with the reason.
TEST_F(EscalationStoreTest, AbsentFindingResolves) {
  const auto a = finding("CHR-35-RECORD-24H", "I1");
  const auto b = finding("CHR-35-RECORD-24H", "I2");
  const auto opened = sync({a, b}, t0_);
  ASSERT_EQ(opened.size(), 2u);
  const auto out = sync({b}, t0_ + sdk::hours{1});
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].kind, Transition::Kind::resolved);
  EXPECT_EQ(out[0].escalation.fingerprint, a.fingerprint);
  EXPECT_EQ(out[0].escalation.state, State::resolved);
  EXPECT_EQ(out[0].escalation.resolved_by, "carewatch");
  EXPECT_EQ(out[0].escalation.resolved_at, t0_ + sdk::hours{1});
  const auto events = store_.events(out[0].escalation.id);
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[1].type, "resolved");
  EXPECT_EQ(events[1].actor, "carewatch");
  EXPECT_EQ(events[1].reason, "finding no longer present");
  EXPECT_EQ(events[1].from_state, State::open);
  EXPECT_EQ(events[1].to_state, State::resolved);
  EXPECT_EQ(store_.open_for(kSubject, kChecker).size(), 1u);
}

// Syncing one (subject, checker) never touches another pair's escalations.
TEST_F(EscalationStoreTest, SyncIsScopedToSubjectAndChecker) {
  const auto f = finding("CHR-35-RECORD-24H", "I1");
  sync({f}, t0_);
  const auto other = finding("CHR-35-RECORD-24H", "I9", "C2");
  in_tx([&] { return store_.sync("child:H1/C2", kChecker, {other}, t0_); });
  in_tx([&] { return store_.sync("child:H1/C2", "test/other", {}, t0_); });
  EXPECT_EQ(store_.open_for(kSubject, kChecker).size(), 1u);
  EXPECT_EQ(store_.open_for("child:H1/C2", kChecker).size(), 1u);
}

// A finding that clears and comes back opens a new escalation; the old one stays resolved.
TEST_F(EscalationStoreTest, ReappearingFindingOpensNewEscalation) {
  const auto f = finding("CHR-35-RECORD-24H", "I1");
  const auto first = sync({f}, t0_).at(0).escalation.id;
  sync({}, t0_ + sdk::hours{1});
  const auto out = sync({f}, t0_ + sdk::hours{2});
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].kind, Transition::Kind::opened);
  EXPECT_NE(out[0].escalation.id, first);
  EXPECT_EQ(store_.get(first)->state, State::resolved);
}

// A finding a person resolved stays resolved while present, and opens anew once it has gone and returned.
TEST_F(EscalationStoreTest, PersonResolvedStaysResolvedWhilePresent) {
  const auto f = finding("CHR-35-RECORD-24H", "I1");
  const auto id = sync({f}, t0_).at(0).escalation.id;
  in_tx([&] { return store_.resolve(id, "S42", "handled by phone with the LADO", t0_ + sdk::hours{1}); });
  EXPECT_TRUE(sync({f}, t0_ + sdk::hours{2}).empty());
  EXPECT_TRUE(sync({f}, t0_ + sdk::hours{3}).empty());
  EXPECT_TRUE(store_.open_for(kSubject, kChecker).empty());
  EXPECT_EQ(store_.get(id)->resolved_by, "S42");

  EXPECT_TRUE(sync({}, t0_ + sdk::hours{4}).empty());
  const auto events = store_.events(id);
  EXPECT_EQ(events.back().type, "cleared");
  EXPECT_EQ(events.back().actor, "carewatch");
  EXPECT_EQ(store_.get(id)->resolved_by, "S42");

  const auto out = sync({f}, t0_ + sdk::hours{5});
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].kind, Transition::Kind::opened);
  EXPECT_NE(out[0].escalation.id, id);
}

// Acknowledge, silence and resolve each record who, why and the states in the event log.
TEST_F(EscalationStoreTest, PersonActionsAreLoggedWithWhoAndWhy) {
  const auto id = sync({finding("CHR-35-RECORD-24H", "I1")}, t0_).at(0).escalation.id;
  const auto until = t0_ + sdk::days{2};
  auto e =
      in_tx([&] { return store_.silence(id, "S7", "waiting for the police", until, t0_ + sdk::hours{1}); });
  EXPECT_EQ(e.state, State::silenced);
  EXPECT_EQ(e.silenced_until, until);
  e = in_tx([&] { return store_.acknowledge(id, "S1", "on it", t0_ + sdk::hours{2}); });
  EXPECT_EQ(e.state, State::acknowledged);
  EXPECT_FALSE(e.silenced_until);
  e = in_tx([&] { return store_.resolve(id, "S2", "record completed", t0_ + sdk::hours{3}); });
  EXPECT_EQ(e.state, State::resolved);
  EXPECT_EQ(e.resolved_by, "S2");

  const auto events = store_.events(id);
  ASSERT_EQ(events.size(), 4u);
  EXPECT_EQ(events[1].type, "silenced");
  EXPECT_EQ(events[1].actor, "S7");
  EXPECT_EQ(events[1].reason, "waiting for the police");
  EXPECT_EQ(events[1].until, until);
  EXPECT_EQ(events[1].from_state, State::open);
  EXPECT_EQ(events[2].type, "acknowledged");
  EXPECT_EQ(events[2].actor, "S1");
  EXPECT_EQ(events[2].reason, "on it");
  EXPECT_EQ(events[2].from_state, State::silenced);
  EXPECT_EQ(events[3].type, "resolved");
  EXPECT_EQ(events[3].actor, "S2");
  EXPECT_EQ(events[3].reason, "record completed");
  EXPECT_EQ(events[3].at, t0_ + sdk::hours{3});
  for (const auto& ev : events) {
    EXPECT_FALSE(ev.actor.empty());
    EXPECT_TRUE(ev.to_state.has_value());
  }
}

// Transitions the lifecycle does not allow, unknown ids and missing who/why are refused and change nothing.
TEST_F(EscalationStoreTest, InvalidTransitionsAreRefused) {
  const auto id = sync({finding("CHR-35-RECORD-24H", "I1")}, t0_).at(0).escalation.id;
  const auto later = t0_ + sdk::hours{1};
  auto code_of = [&](auto&& action) {
    store::Transaction tx(db_);
    try {
      action();
    } catch (const EscalationError& e) {
      EXPECT_NE(std::string(e.what()), "");
      return e.code();
    }
    ADD_FAILURE() << "no error";
    return EscalationError::Code::invalid_argument;
  };
  using Code = EscalationError::Code;
  EXPECT_EQ(code_of([&] { store_.acknowledge(id, "", "why", later); }), Code::invalid_argument);
  EXPECT_EQ(code_of([&] { store_.acknowledge(id, "S1", " ", later); }), Code::invalid_argument);
  EXPECT_EQ(code_of([&] { store_.acknowledge(id, "carewatch", "why", later); }), Code::invalid_argument);
  EXPECT_EQ(code_of([&] { store_.silence(id, "S1", "why", t0_, later); }), Code::invalid_argument);
  EXPECT_EQ(code_of([&] { store_.acknowledge(id + 100, "S1", "why", later); }), Code::not_found);

  in_tx([&] { return store_.acknowledge(id, "S1", "seen", later); });
  EXPECT_EQ(code_of([&] { store_.acknowledge(id, "S1", "again", later); }), Code::invalid_transition);
  in_tx([&] { return store_.resolve(id, "S1", "done", later); });
  EXPECT_EQ(code_of([&] { store_.acknowledge(id, "S1", "why", later); }), Code::invalid_transition);
  EXPECT_EQ(code_of([&] { store_.resolve(id, "S1", "why", later); }), Code::invalid_transition);
  EXPECT_EQ(code_of([&] { store_.silence(id, "S1", "why", later + sdk::days{1}, later); }),
            Code::invalid_transition);
  EXPECT_EQ(store_.events(id).size(), 3u);
  EXPECT_EQ(store_.get(id)->resolved_by, "S1");

  try {
    store::Transaction tx(db_);
    store_.acknowledge(id, "S1", "why", later);
    FAIL() << "acknowledged a resolved escalation";
  } catch (const EscalationError& e) {
    EXPECT_NE(std::string(e.what()).find("escalation " + std::to_string(id) + " is resolved"),
              std::string::npos)
        << e.what();
  }
}

// A silence ends at its expiry and the escalation returns to the state it was silenced from.
TEST_F(EscalationStoreTest, SilenceExpiresToPreviousState) {
  const auto f = finding("CHR-35-RECORD-24H", "I1");
  const auto id = sync({f}, t0_).at(0).escalation.id;
  in_tx([&] { return store_.acknowledge(id, "S1", "seen", t0_); });
  const auto until = t0_ + sdk::hours{6};
  in_tx([&] { return store_.silence(id, "S1", "police asked us to wait", until, t0_); });
  // Extending a silence keeps the state it will return to.
  in_tx(
      [&] { return store_.silence(id, "S1", "still waiting", until + sdk::hours{1}, t0_ + sdk::hours{1}); });
  EXPECT_EQ(store_.next_silence_expiry(), until + sdk::hours{1});
  EXPECT_TRUE(in_tx([&] { return store_.expire_silences(until); }).empty());
  const auto out = in_tx([&] { return store_.expire_silences(until + sdk::hours{1}); });
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].kind, Transition::Kind::silence_expired);
  EXPECT_EQ(out[0].escalation.state, State::acknowledged);
  EXPECT_FALSE(store_.next_silence_expiry());
  const auto events = store_.events(id);
  EXPECT_EQ(events.back().type, "silence_expired");
  EXPECT_EQ(events.back().actor, "carewatch");
}

// A silenced escalation whose finding clears is resolved by the data like any other.
TEST_F(EscalationStoreTest, SilencedEscalationResolvesWhenFindingClears) {
  const auto id = sync({finding("CHR-35-RECORD-24H", "I1")}, t0_).at(0).escalation.id;
  in_tx([&] { return store_.silence(id, "S1", "waiting", t0_ + sdk::days{1}, t0_); });
  const auto out = sync({}, t0_ + sdk::hours{1});
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].escalation.state, State::resolved);
  EXPECT_FALSE(out[0].escalation.silenced_until);
  EXPECT_EQ(store_.events(id).back().from_state, State::silenced);
}

// list() filters by state, rule, home and severity.
TEST_F(EscalationStoreTest, ListFilters) {
  auto a = finding("CHR-35-RECORD-24H", "I1");
  auto b = finding("WT-LADO-1WD", "A1");
  b.severity = sdk::Severity::critical;
  auto c = finding("WT-LADO-1WD", "A2");
  c.home = "H2";
  c.fingerprint = sdk::fingerprint(c.rule, c.home, c.child, c.staff, "A2");
  const auto out = sync({a, b, c}, t0_);
  ASSERT_EQ(out.size(), 3u);
  in_tx([&] { return store_.acknowledge(out[0].escalation.id, "S1", "seen", t0_); });
  auto count = [&](auto&& set) {
    ListFilter filter;
    set(filter);
    return store_.list(filter).size();
  };
  EXPECT_EQ(store_.list().size(), 3u);
  EXPECT_EQ(count([](ListFilter& f) { f.state = State::open; }), 2u);
  EXPECT_EQ(count([](ListFilter& f) { f.rule = "WT-LADO-1WD"; }), 2u);
  EXPECT_EQ(count([](ListFilter& f) { f.home = "H2"; }), 1u);
  EXPECT_EQ(count([](ListFilter& f) { f.severity = sdk::Severity::critical; }), 1u);
  EXPECT_EQ(count([](ListFilter& f) {
              f.state = State::open;
              f.rule = "WT-LADO-1WD";
              f.home = "H1";
            }),
            1u);
  EXPECT_EQ(count([](ListFilter& f) { f.limit = 1; }), 1u);
}

// The event log cannot be edited or deleted from, even by SQL.
TEST_F(EscalationStoreTest, EventLogIsAppendOnly) {
  const auto id = sync({finding("CHR-35-RECORD-24H", "I1")}, t0_).at(0).escalation.id;
  EXPECT_THROW(db_.exec("UPDATE escalation_events SET actor = 'x'"), store::DatabaseError);
  EXPECT_THROW(db_.exec("DELETE FROM escalation_events"), store::DatabaseError);
  EXPECT_EQ(store_.events(id).size(), 1u);
}

// State survives closing and reopening the database file.
TEST_F(EscalationStoreTest, StateSurvivesReopen) {
  const auto id = sync({finding("CHR-35-RECORD-24H", "I1")}, t0_).at(0).escalation.id;
  in_tx([&] { return store_.acknowledge(id, "S1", "seen", t0_); });
  store::Database again(tmp_.path());
  EscalationStore other(again);
  EXPECT_EQ(other.get(id)->state, State::acknowledged);
  EXPECT_EQ(other.events(id).size(), 2u);
}

}  // namespace
}  // namespace carewatch::escalation
