#include "engine/engine.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <memory>
#include <random>
#include <stdexcept>
#include <string>
#include <vector>

#include <carewatch/sdk/testing/harness.hpp>

#include "engine/static_checker_source.hpp"
#include "escalation/escalation_store.hpp"
#include "store/database.hpp"
#include "store/record_store.hpp"

namespace carewatch::engine {
namespace {

using sdk::TimePoint;
using sdk::testing::at;

// How often each checker ran for each subject key.
using Calls = std::map<std::string, int>;

sdk::RuleInfo rule(const std::string& id) {
  return {id,   "Test rule " + id, "Test clause for " + id, sdk::Severity::medium, {"registered_manager"},
          false};
}

// Reports every daily log without a signature; counts its calls per subject.
class UnsignedLogChecker final : public sdk::Checker {
 public:
  explicit UnsignedLogChecker(std::shared_ptr<Calls> calls) : calls_(std::move(calls)) {}
  std::string name() const override { return "unsigned_logs"; }
  std::vector<sdk::RuleInfo> rules() const override { return {rule("T-UNSIGNED")}; }
  sdk::Scope scope() const override { return sdk::Scope::child; }
  std::vector<std::string> kinds() const override { return {"daily_log"}; }
  void check(const sdk::Timeline& timeline, const sdk::Context&, sdk::Sink& sink) const override {
    ++(*calls_)[timeline.subject().key()];
    for (const sdk::Record* r : timeline.of_kind("daily_log")) {
      if (r->has("signed_at")) continue;
      sdk::Finding f;
      f.rule = "T-UNSIGNED";
      f.home = timeline.subject().home;
      f.child = timeline.subject().id;
      f.evidence = {r->id()};
      f.summary = "A daily log is not signed.";
      sink.emit(std::move(f));
    }
  }

 private:
  std::shared_ptr<Calls> calls_;
};

// Reports an incident once 24 hours have passed since it occurred, asking to look again at the deadline.
class DeadlineChecker final : public sdk::Checker {
 public:
  explicit DeadlineChecker(std::shared_ptr<Calls> calls) : calls_(std::move(calls)) {}
  std::string name() const override { return "deadlines"; }
  std::vector<sdk::RuleInfo> rules() const override { return {rule("T-24H")}; }
  sdk::Scope scope() const override { return sdk::Scope::child; }
  std::vector<std::string> kinds() const override { return {"incident"}; }
  void check(const sdk::Timeline& timeline, const sdk::Context& context, sdk::Sink& sink) const override {
    ++(*calls_)[timeline.subject().key()];
    for (const sdk::Record* r : timeline.of_kind("incident")) {
      const TimePoint due = r->when() + sdk::hours{24};
      if (context.as_of() <= due) {
        sink.look_again_at(due);
        continue;
      }
      sdk::Finding f;
      f.rule = "T-24H";
      f.home = timeline.subject().home;
      f.child = timeline.subject().id;
      f.evidence = {r->id()};
      f.due_at = due;
      f.summary = "An incident passed its 24-hour deadline.";
      sink.emit(std::move(f));
    }
  }

 private:
  std::shared_ptr<Calls> calls_;
};

// Throws from check() while `*broken` is true; otherwise reports one finding per home.
class FlakyChecker final : public sdk::Checker {
 public:
  FlakyChecker(std::shared_ptr<bool> broken, std::shared_ptr<int> calls)
      : broken_(std::move(broken)), calls_(std::move(calls)) {}
  std::string name() const override { return "flaky"; }
  std::vector<sdk::RuleInfo> rules() const override { return {rule("T-FLAKY")}; }
  sdk::Scope scope() const override { return sdk::Scope::home; }
  std::vector<std::string> kinds() const override { return {"daily_log"}; }
  void check(const sdk::Timeline& timeline, const sdk::Context&, sdk::Sink& sink) const override {
    ++*calls_;
    if (*broken_) throw std::runtime_error("index out of range");
    sdk::Finding f;
    f.rule = "T-FLAKY";
    f.home = timeline.subject().home;
    f.evidence = {timeline.subject().home};
    f.summary = "The home has daily logs.";
    sink.emit(std::move(f));
  }

 private:
  std::shared_ptr<bool> broken_;
  std::shared_ptr<int> calls_;
};

// Reports a finding for a rule it never declared.
class UndeclaredRuleChecker final : public sdk::Checker {
 public:
  std::string name() const override { return "undeclared"; }
  std::vector<sdk::RuleInfo> rules() const override { return {rule("T-DECLARED")}; }
  sdk::Scope scope() const override { return sdk::Scope::home; }
  std::vector<std::string> kinds() const override { return {"daily_log"}; }
  void check(const sdk::Timeline& timeline, const sdk::Context&, sdk::Sink& sink) const override {
    for (const char* id : {"T-DECLARED", "T-NOT-DECLARED"}) {
      sdk::Finding f;
      f.rule = id;
      f.home = timeline.subject().home;
      f.evidence = {timeline.subject().home};
      f.summary = "A finding.";
      sink.emit(std::move(f));
    }
  }
};

class TempDir {
 public:
  TempDir() {
    std::random_device rd;
    path_ = std::filesystem::temp_directory_path() / ("cw-engine-" + std::to_string(rd()));
    std::filesystem::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

constexpr std::string_view kHome =
    R"({"kind":"home","id":"H1","recorded_at":"2025-01-01T00:00:00Z","host_authority":"LA1"})";

std::string child(const std::string& id) {
  return R"({"kind":"child","id":")" + id +
         R"(","home":"H1","recorded_at":"2025-01-01T00:00:00Z","date_of_birth":"2010-05-01",)"
         R"("placing_authority":"LA2","admitted_at":"2025-01-01T00:00:00Z","communication":"verbal"})";
}

std::string daily_log(const std::string& id, const std::string& child_id, const std::string& recorded_at,
                      bool signed_log = false, int revision = 1, bool deleted = false) {
  std::string s = R"({"kind":"daily_log","id":")" + id + R"(","home":"H1","recorded_at":")" + recorded_at +
                  R"(","child":")" + child_id +
                  R"(","occurred_at":"2025-03-01T09:00:00Z","author":"S1",)"
                  R"("text":"free text","revision":)" +
                  std::to_string(revision);
  if (signed_log) s += R"(,"signed_at":")" + recorded_at + "\"";
  if (deleted) s += R"(,"deleted":true)";
  return s + "}";
}

std::string incident(const std::string& id, const std::string& child_id, const std::string& occurred_at) {
  return R"({"kind":"incident","id":")" + id + R"(","home":"H1","recorded_at":")" + occurred_at +
         R"(","child":")" + child_id + R"(","occurred_at":")" + occurred_at + R"(","categories":["injury"]})";
}

class EngineTest : public ::testing::Test {
 protected:
  void put(std::string_view ndjson) {
    store::Transaction tx(db_);
    for (const auto& r : sdk::testing::parse_records(ndjson))
      records_.put(r, "test", at("2025-03-10T00:00:00Z"));
    tx.commit();
  }
  void put_children() {
    put(std::string(kHome) + "\n" + child("C1") + "\n" + child("C2") + "\n" + child("C3"));
  }
  std::unique_ptr<Engine> make_engine(std::unique_ptr<CheckerSource> source) {
    return std::make_unique<Engine>(db_, sdk::Calendar(), std::move(source));
  }
  std::unique_ptr<Engine> unsigned_engine() {
    auto source = std::make_unique<StaticCheckerSource>();
    source->add("tests", std::make_unique<UnsignedLogChecker>(calls_));
    return make_engine(std::move(source));
  }
  // The escalations of `rule` that are not resolved.
  std::vector<escalation::Escalation> live(const std::string& rule) {
    std::vector<escalation::Escalation> out;
    escalation::ListFilter filter;
    filter.rule = rule;
    for (auto& e : escalations_.list(filter))
      if (e.state != escalation::State::resolved) out.push_back(std::move(e));
    return out;
  }

  TempDir dir_;
  store::Database db_{dir_.path() / "carewatch.db"};
  store::RecordStore records_{db_};
  escalation::EscalationStore escalations_{db_};
  std::shared_ptr<Calls> calls_ = std::make_shared<Calls>();
  const TimePoint now_ = at("2025-03-05T12:00:00Z");
};

// A change to one child's records re-evaluates that child only.
TEST_F(EngineTest, OnlyDirtySubjectsAreReevaluated) {
  put_children();
  put(daily_log("L1", "C1", "2025-03-01T10:00:00Z") + "\n" + daily_log("L2", "C2", "2025-03-01T10:00:00Z"));
  auto engine = unsigned_engine();
  const auto sweep = engine->full_sweep(now_);
  EXPECT_EQ(sweep.checks, 3u);
  EXPECT_EQ(sweep.transitions.size(), 2u);
  EXPECT_EQ(*calls_, (Calls{{"child:H1/C1", 1}, {"child:H1/C2", 1}, {"child:H1/C3", 1}}));

  put(daily_log("L3", "C2", "2025-03-02T10:00:00Z"));
  const auto changes = engine->evaluate_changes(now_);
  EXPECT_EQ(changes.checks, 1u);
  EXPECT_EQ(changes.subjects, 1u);
  EXPECT_EQ(*calls_, (Calls{{"child:H1/C1", 1}, {"child:H1/C2", 2}, {"child:H1/C3", 1}}));
  ASSERT_EQ(changes.transitions.size(), 1u);
  EXPECT_EQ(changes.transitions[0].kind, escalation::Transition::Kind::opened);
  EXPECT_EQ(changes.transitions[0].escalation.evidence, std::vector<std::string>{"L3"});
  EXPECT_EQ(engine->watermark(), records_.last_seq());

  // Nothing new: nothing evaluated.
  EXPECT_EQ(engine->evaluate_changes(now_).checks, 0u);
  EXPECT_EQ((*calls_)["child:H1/C2"], 2);
}

// A record moved from one child to another re-evaluates both: the old escalation resolves, a new one opens.
TEST_F(EngineTest, MovedRecordReevaluatesOldAndNewSubject) {
  put_children();
  put(daily_log("L1", "C1", "2025-03-01T10:00:00Z"));
  auto engine = unsigned_engine();
  engine->full_sweep(now_);
  ASSERT_EQ(live("T-UNSIGNED").size(), 1u);
  EXPECT_EQ(live("T-UNSIGNED")[0].child, "C1");
  calls_->clear();

  put(daily_log("L1", "C2", "2025-03-02T10:00:00Z", false, 2));
  const auto summary = engine->evaluate_changes(now_);
  EXPECT_EQ(*calls_, (Calls{{"child:H1/C1", 1}, {"child:H1/C2", 1}}));
  ASSERT_EQ(summary.transitions.size(), 2u);
  const auto now_live = live("T-UNSIGNED");
  ASSERT_EQ(now_live.size(), 1u);
  EXPECT_EQ(now_live[0].child, "C2");
  EXPECT_EQ(now_live[0].subject_key, "child:H1/C2");
}

// A tombstone withdraws the record, and the escalation it caused resolves.
TEST_F(EngineTest, TombstonedRecordResolvesItsEscalation) {
  put_children();
  put(daily_log("L1", "C1", "2025-03-01T10:00:00Z"));
  auto engine = unsigned_engine();
  engine->full_sweep(now_);
  ASSERT_EQ(live("T-UNSIGNED").size(), 1u);
  put(daily_log("L1", "C1", "2025-03-02T10:00:00Z", false, 2, true));
  const auto summary = engine->evaluate_changes(now_);
  ASSERT_EQ(summary.transitions.size(), 1u);
  EXPECT_EQ(summary.transitions[0].kind, escalation::Transition::Kind::resolved);
  EXPECT_EQ(summary.transitions[0].escalation.resolved_by, "carewatch");
  EXPECT_TRUE(live("T-UNSIGNED").empty());
}

// A change to the home record re-evaluates every child of that home, whose timelines carry it.
TEST_F(EngineTest, HomeRecordChangeReevaluatesItsChildren) {
  put_children();
  auto engine = unsigned_engine();
  engine->full_sweep(now_);
  calls_->clear();
  put(R"({"kind":"home","id":"H1","recorded_at":"2025-03-02T00:00:00Z","host_authority":"LA3","revision":2})");
  EXPECT_EQ(engine->evaluate_changes(now_).checks, 3u);
  EXPECT_EQ(calls_->size(), 3u);
}

// With no record changing, the subject is looked at again when its deadline passes: nothing at the
// deadline itself, a finding one second later.
TEST_F(EngineTest, LookAgainWakesSubjectWhenDeadlinePasses) {
  put_children();
  put(incident("I1", "C1", "2025-03-05T09:00:00Z"));
  auto source = std::make_unique<StaticCheckerSource>();
  source->add("tests", std::make_unique<DeadlineChecker>(calls_));
  auto engine = make_engine(std::move(source));
  const TimePoint deadline = at("2025-03-06T09:00:00Z");

  EXPECT_TRUE(engine->full_sweep(now_).transitions.empty());
  EXPECT_EQ(engine->next_due(), deadline);
  EXPECT_EQ(engine->evaluate_due(deadline - sdk::Seconds{1}).checks, 0u);

  calls_->clear();
  const auto at_deadline = engine->evaluate_due(deadline);
  EXPECT_EQ(at_deadline.checks, 1u);
  EXPECT_EQ(*calls_, (Calls{{"child:H1/C1", 1}}));
  EXPECT_TRUE(at_deadline.transitions.empty());
  EXPECT_EQ(engine->next_due(), deadline + sdk::Seconds{1});

  const auto after = engine->evaluate_due(deadline + sdk::Seconds{1});
  ASSERT_EQ(after.transitions.size(), 1u);
  EXPECT_EQ(after.transitions[0].kind, escalation::Transition::Kind::opened);
  EXPECT_EQ(after.transitions[0].escalation.rule, "T-24H");
  EXPECT_EQ(after.transitions[0].escalation.due_at, deadline);
  EXPECT_FALSE(engine->next_due());
  EXPECT_EQ(engine->evaluate_changes(deadline + sdk::Seconds{2}).checks, 0u);
}

// A second full sweep over unchanged records opens and resolves nothing.
TEST_F(EngineTest, FullSweepIsIdempotent) {
  put_children();
  put(daily_log("L1", "C1", "2025-03-01T10:00:00Z") + "\n" + daily_log("L2", "C3", "2025-03-01T10:00:00Z"));
  auto engine = unsigned_engine();
  const auto first = engine->full_sweep(now_);
  EXPECT_EQ(first.transitions.size(), 2u);
  const auto second = engine->full_sweep(now_ + sdk::hours{1});
  EXPECT_TRUE(second.transitions.empty());
  EXPECT_EQ(second.findings, 2u);
  // A fresh engine (a restart) sweeping the same store also changes nothing.
  auto restarted = unsigned_engine();
  EXPECT_TRUE(restarted->full_sweep(now_ + sdk::hours{2}).transitions.empty());
  EXPECT_EQ(escalations_.list().size(), 2u);
}

// An audit as of a time before a record was written does not see it; one after does.
TEST_F(EngineTest, AuditAsOfHonoursWhenRecordsWereWritten) {
  put_children();
  put(daily_log("L1", "C1", "2025-03-03T10:00:00Z"));
  put(daily_log("L1", "C1", "2025-03-04T10:00:00Z", true, 2));
  auto engine = unsigned_engine();
  EXPECT_TRUE(engine->audit(at("2025-03-03T09:59:59Z")).findings.empty());
  const auto between = engine->audit(at("2025-03-03T10:00:00Z"));
  ASSERT_EQ(between.findings.size(), 1u);
  EXPECT_EQ(between.findings[0].rule, "T-UNSIGNED");
  EXPECT_EQ(between.findings[0].regulation, "Test clause for T-UNSIGNED");
  EXPECT_EQ(between.findings[0].severity, sdk::Severity::medium);
  EXPECT_EQ(between.findings[0].escalate_to, std::vector<std::string>{"registered_manager"});
  EXPECT_EQ(between.findings[0].fingerprint, sdk::fingerprint("T-UNSIGNED", "H1", "C1", "", "L1"));
  EXPECT_TRUE(engine->audit(at("2025-03-04T10:00:00Z")).findings.empty());
}

// An audit only reads: it runs on a read-only connection and leaves no escalation behind.
TEST_F(EngineTest, AuditDoesNotWrite) {
  put_children();
  put(daily_log("L1", "C1", "2025-03-01T10:00:00Z"));
  store::Database read_only(dir_.path() / "carewatch.db", store::OpenMode::read_only);
  auto source = std::make_unique<StaticCheckerSource>();
  source->add("tests", std::make_unique<UnsignedLogChecker>(calls_));
  Engine engine(read_only, sdk::Calendar(), std::move(source));
  const auto result = engine.audit(now_);
  EXPECT_EQ(result.findings.size(), 1u);
  EXPECT_EQ(result.subjects, 3u);
  EXPECT_TRUE(escalations_.list().empty());
}

// The rule filter runs only the checkers that declare a wanted rule and keeps only those findings.
TEST_F(EngineTest, AuditRuleFilter) {
  put_children();
  put(daily_log("L1", "C1", "2025-03-01T10:00:00Z") + "\n" + incident("I1", "C2", "2025-03-01T09:00:00Z"));
  auto deadline_calls = std::make_shared<Calls>();
  auto source = std::make_unique<StaticCheckerSource>();
  source->add("tests", std::make_unique<UnsignedLogChecker>(calls_));
  source->add("tests", std::make_unique<DeadlineChecker>(deadline_calls));
  auto engine = make_engine(std::move(source));
  EXPECT_EQ(engine->audit(now_).findings.size(), 2u);
  calls_->clear();
  const std::vector<std::string> wanted{"T-24H"};
  const auto result = engine->audit(now_, wanted);
  ASSERT_EQ(result.findings.size(), 1u);
  EXPECT_EQ(result.findings[0].rule, "T-24H");
  EXPECT_TRUE(calls_->empty());
}

// A checker that throws disables its plugin and raises CW-PLUGIN-DISABLED, while other plugins keep running.
TEST_F(EngineTest, ThrowingCheckerDisablesItsPluginOnly) {
  put_children();
  put(daily_log("L1", "C1", "2025-03-01T10:00:00Z"));
  auto broken = std::make_shared<bool>(true);
  auto flaky_calls = std::make_shared<int>(0);
  auto source = std::make_unique<StaticCheckerSource>();
  source->add("flaky_plugin", std::make_unique<FlakyChecker>(broken, flaky_calls));
  source->add("tests", std::make_unique<UnsignedLogChecker>(calls_));
  auto engine = make_engine(std::move(source));

  const auto summary = engine->full_sweep(now_);
  ASSERT_EQ(summary.disabled.size(), 1u);
  EXPECT_EQ(summary.disabled[0].plugin, "flaky_plugin");
  EXPECT_NE(summary.disabled[0].reason.find("index out of range"), std::string::npos);
  EXPECT_EQ(live("T-UNSIGNED").size(), 1u);
  const auto health = live("CW-PLUGIN-DISABLED");
  ASSERT_EQ(health.size(), 1u);
  EXPECT_EQ(health[0].severity, sdk::Severity::high);
  EXPECT_EQ(health[0].subject_key, "system");
  EXPECT_EQ(health[0].regulation, "Carewatch operational health (not a statutory rule)");
  EXPECT_EQ(health[0].escalate_to, std::vector<std::string>{"it_operations"});
  EXPECT_EQ(health[0].evidence, std::vector<std::string>{"flaky_plugin"});
  EXPECT_NE(health[0].summary.find("flaky_plugin"), std::string::npos);
  EXPECT_NE(health[0].summary.find("index out of range"), std::string::npos);

  // Disabled: it is not asked again, and the health escalation is not reopened.
  EXPECT_TRUE(engine->full_sweep(now_ + sdk::hours{1}).transitions.empty());
  EXPECT_EQ(*flaky_calls, 1);
  EXPECT_EQ((*calls_)["child:H1/C1"], 2);

  // The audit reports it as a finding too.
  const auto audit = engine->audit(now_);
  ASSERT_EQ(audit.findings.size(), 2u);
  EXPECT_EQ(audit.findings[0].rule, "CW-PLUGIN-DISABLED");
  EXPECT_EQ(audit.findings[1].rule, "T-UNSIGNED");
}

// The escalations of a plugin that stopped running are left open; a reload that fixes it resolves the health
// one.
TEST_F(EngineTest, DisabledPluginKeepsItsEscalationsOpen) {
  put(std::string(kHome));
  put(daily_log("L1", "C1", "2025-03-01T10:00:00Z"));
  auto broken = std::make_shared<bool>(false);
  auto flaky_calls = std::make_shared<int>(0);
  auto source = std::make_unique<StaticCheckerSource>();
  source->add("flaky_plugin", std::make_unique<FlakyChecker>(broken, flaky_calls));
  auto engine = make_engine(std::move(source));
  engine->full_sweep(now_);
  ASSERT_EQ(live("T-FLAKY").size(), 1u);

  *broken = true;
  put(daily_log("L2", "C1", "2025-03-02T10:00:00Z"));
  const auto summary = engine->evaluate_changes(now_);
  EXPECT_EQ(summary.disabled.size(), 1u);
  EXPECT_EQ(live("T-FLAKY").size(), 1u);
  EXPECT_EQ(live("CW-PLUGIN-DISABLED").size(), 1u);
  engine->full_sweep(now_ + sdk::hours{1});
  EXPECT_EQ(live("T-FLAKY").size(), 1u);

  *broken = false;
  auto reloaded = std::make_unique<StaticCheckerSource>();
  reloaded->add("flaky_plugin", std::make_unique<FlakyChecker>(broken, flaky_calls));
  engine->replace_checkers(std::move(reloaded));
  const auto after = engine->full_sweep(now_ + sdk::hours{2});
  ASSERT_EQ(after.transitions.size(), 1u);
  EXPECT_EQ(after.transitions[0].escalation.rule, "CW-PLUGIN-DISABLED");
  EXPECT_EQ(after.transitions[0].kind, escalation::Transition::Kind::resolved);
  EXPECT_EQ(live("T-FLAKY").size(), 1u);
}

// A plugin that failed to load is reported as a health finding by the audit and escalated by the daemon.
TEST_F(EngineTest, LoadProblemsAreHealthFindings) {
  auto source = std::make_unique<StaticCheckerSource>();
  source->add_problem({"/usr/lib/carewatch/plugins/old.so", "old", "built against SDK 0.9, host is 1.0"});
  auto engine = make_engine(std::move(source));
  const auto audit = engine->audit(now_);
  ASSERT_EQ(audit.findings.size(), 1u);
  const auto& f = audit.findings[0];
  EXPECT_EQ(f.rule, "CW-PLUGIN-DISABLED");
  EXPECT_EQ(f.evidence, std::vector<std::string>{"old.so"});
  EXPECT_EQ(f.home, "");
  EXPECT_NE(f.summary.find("old"), std::string::npos);
  EXPECT_EQ(audit.problems.size(), 1u);
  EXPECT_EQ(engine->full_sweep(now_).transitions.size(), 1u);
  EXPECT_EQ(live("CW-PLUGIN-DISABLED").size(), 1u);
}

// Findings for rules the checker did not declare are dropped; declared ones are kept.
TEST_F(EngineTest, UndeclaredRuleFindingsAreDropped) {
  put(std::string(kHome));
  put(daily_log("L1", "C1", "2025-03-01T10:00:00Z"));
  auto source = std::make_unique<StaticCheckerSource>();
  source->add("tests", std::make_unique<UndeclaredRuleChecker>());
  auto engine = make_engine(std::move(source));
  const auto audit = engine->audit(now_);
  ASSERT_EQ(audit.findings.size(), 1u);
  EXPECT_EQ(audit.findings[0].rule, "T-DECLARED");
}

// A record written with a recorded_at after now is evaluated when it becomes visible.
TEST_F(EngineTest, FutureRecordedAtIsLookedAtWhenVisible) {
  put_children();
  auto engine = unsigned_engine();
  engine->full_sweep(now_);
  put(daily_log("L1", "C1", "2025-03-06T10:00:00Z"));
  EXPECT_TRUE(engine->evaluate_changes(now_).transitions.empty());
  EXPECT_EQ(engine->next_due(), at("2025-03-06T10:00:00Z"));
  EXPECT_EQ(engine->evaluate_due(at("2025-03-06T10:00:00Z")).transitions.size(), 1u);
}

// Transitions are handed to the hook inside the transaction that made them.
TEST_F(EngineTest, TransitionHookRunsInsideTheTransaction) {
  put_children();
  put(daily_log("L1", "C1", "2025-03-01T10:00:00Z"));
  auto engine = unsigned_engine();
  std::size_t seen = 0;
  engine->set_transition_hook([&](store::Database& db, std::span<const escalation::Transition> t) {
    seen += t.size();
    // Rolled back with the pass if the hook throws; here it writes nothing and checks it is in a transaction.
    EXPECT_THROW(db.exec("BEGIN"), store::DatabaseError);
  });
  engine->full_sweep(now_);
  EXPECT_EQ(seen, 1u);
}

// A silenced escalation returns to open when its silence expires, and next_due() names that time.
TEST_F(EngineTest, SilenceExpiryIsDue) {
  put_children();
  put(daily_log("L1", "C1", "2025-03-01T10:00:00Z"));
  auto engine = unsigned_engine();
  const auto id = engine->full_sweep(now_).transitions.at(0).escalation.id;
  const TimePoint until = now_ + sdk::hours{3};
  {
    store::Transaction tx(db_);
    escalations_.silence(id, "S1", "waiting for the social worker", until, now_);
    tx.commit();
  }
  EXPECT_EQ(engine->next_due(), until);
  const auto summary = engine->evaluate_due(until);
  ASSERT_EQ(summary.transitions.size(), 1u);
  EXPECT_EQ(summary.transitions[0].kind, escalation::Transition::Kind::silence_expired);
  EXPECT_EQ(escalations_.get(id)->state, escalation::State::open);
}

}  // namespace
}  // namespace carewatch::engine
