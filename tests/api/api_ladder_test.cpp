// Escalation actions through the HTTP API go through the routing ladder with the service's routes: the
// action and the messages it causes commit together, and the climb stops on an acknowledgement. A real
// server on 127.0.0.1, its io_context on a thread of the test; the test opens escalations and runs the
// ladder on its own connection to the same SQLite file, as the engine and the service's timer do.
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/json.hpp>

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <string>
#include <thread>
#include <vector>

#include <carewatch/sdk/finding.hpp>

#include "api/server.hpp"
#include "api/tokens.hpp"
#include "config/config.hpp"
#include "escalation/escalation_store.hpp"
#include "http_client.hpp"
#include "outbox/outbox_store.hpp"
#include "routing/ladder.hpp"
#include "routing/router.hpp"
#include "store/database.hpp"
#include "support/temp_dir.hpp"

namespace carewatch::api {
namespace {

namespace asio = boost::asio;
namespace json = boost::json;
using testing::request;

constexpr char kAct[] = "act-secret";
constexpr char kRead[] = "read-secret";

// Two levels an hour apart, no reminders: whatever is sent after level 0 is the ladder's doing.
constexpr std::string_view kRouting = R"(
[contacts.default]
registered_manager = { email = "rm@example.org" }
responsible_individual = { email = "ri@example.org" }

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
)";

sdk::TimePoint at(std::string_view s) {
  return *sdk::parse_timestamp(s);
}

sdk::Finding finding(const std::string& trigger) {
  sdk::Finding f;
  f.rule = "R-LADDER";
  f.severity = sdk::Severity::high;
  f.home = "H1";
  f.child = "C1";
  f.evidence = {trigger};
  f.due_at = at("2025-03-03T10:00:00Z");
  f.summary = "A record was not made in time.";
  f.regulation = "Children's Homes (England) Regulations 2015 reg 35(3)(a)";
  f.escalate_to = {"registered_manager"};
  f.fingerprint = sdk::fingerprint(f.rule, f.home, f.child, f.staff, trigger);
  return f;
}

config::ApiTokenConfig token(const std::string& name, const std::string& plain, std::vector<std::string> roles) {
  return {name, std::move(roles), to_hex(sha256(plain))};
}

class ApiLadderTest : public ::testing::Test {
 protected:
  void SetUp() override {
    // Opened as the engine opens it: sync and the ladder's hook in one transaction (level 0 told).
    store::Transaction tx(db_);
    const auto transitions = escalations_.sync("child:H1/C1", "test/records", {finding("I-1")}, t0_);
    ladder_.on_transitions(transitions);
    tx.commit();
    ASSERT_EQ(transitions.size(), 1u);
    id_ = transitions[0].escalation.id;
    ASSERT_EQ(messages().size(), 1u);
    start();
  }
  void TearDown() override {
    asio::post(io_, [this] {
      server_->stop();
      io_.stop();
    });
    if (thread_.joinable()) thread_.join();
  }

  void start() {
    Hooks h;
    h.ready = [] { return true; };
    h.clock = [this] { return now_.load(); };
    h.router = [this] { return &router_; };
    h.escalation_acted = [this] { ++acted_; };
    server_ = std::make_unique<Server>(io_, std::move(h), nullptr);
    config::ApiConfig cfg;
    cfg.enabled = true;
    cfg.listen = "127.0.0.1";
    cfg.port = 0;
    cfg.rate_limit_per_second = 0;
    cfg.tokens = {token("duty-manager", kAct, {"act"}), token("viewer", kRead, {"read"})};
    Status st = server_->configure(cfg, db_path_);
    ASSERT_TRUE(st) << st.message();
    st = server_->start();
    ASSERT_TRUE(st) << st.message();
    port_ = server_->port();
    thread_ = std::thread([this] { io_.run(); });
  }

  // The escalation's outbox messages, oldest first.
  std::vector<outbox::Message> messages() {
    outbox::ListFilter filter;
    filter.escalation = id_;
    filter.limit = 1000;
    auto out = outbox_.list(filter);
    std::reverse(out.begin(), out.end());
    return out;
  }

  std::string path(const std::string& action) const {
    return "/v1/escalations/" + std::to_string(id_) + "/" + action;
  }

  test_support::TempDir dir_{"api-ladder"};
  std::filesystem::path db_path_ = dir_.path() / "carewatch.db";
  store::Database db_{db_path_};
  config::Config cfg_ = config::parse_config(kRouting, "api-ladder-test.toml");
  routing::Router router_{cfg_.contacts, cfg_.routing};
  escalation::EscalationStore escalations_{db_};
  outbox::OutboxStore outbox_{db_};
  routing::Ladder ladder_{db_, router_};
  const sdk::TimePoint t0_ = at("2025-03-04T09:00:00Z");
  std::atomic<sdk::TimePoint> now_{t0_};
  std::atomic<int> acted_{0};
  std::int64_t id_ = 0;
  asio::io_context io_;
  asio::executor_work_guard<asio::io_context::executor_type> work_{io_.get_executor()};
  std::unique_ptr<Server> server_;
  std::thread thread_;
  std::uint16_t port_ = 0;
};

// A resolve through the API tells everyone told so far ("closed", naming the token, never the reason)
// in the action's own transaction, and the service is asked to deliver.
TEST_F(ApiLadderTest, ResolveSendsClosedToEveryoneTold) {
  ASSERT_EQ(ladder_.advance(t0_ + std::chrono::hours(1)).escalated, 1u);  // level 1 told too
  now_ = t0_ + std::chrono::hours(2);
  const auto reply = request(port_, "POST", path("resolve"), kAct, R"({"reason":"Spoke to Jane Example"})");
  ASSERT_EQ(reply.status, 200u) << reply.body;
  EXPECT_EQ(json::parse(reply.body).at("state"), "resolved");

  const auto msgs = messages();
  ASSERT_EQ(msgs.size(), 4u);
  std::vector<std::string> closed_to;
  for (std::size_t i = 2; i < msgs.size(); ++i) {
    EXPECT_EQ(msgs[i].kind, "closed");
    EXPECT_EQ(msgs[i].created_at, t0_ + std::chrono::hours(2));
    EXPECT_NE(msgs[i].body.find("duty-manager"), std::string::npos) << msgs[i].body;
    EXPECT_EQ(msgs[i].body.find("Jane"), std::string::npos);
    EXPECT_EQ(msgs[i].payload.find("Jane"), std::string::npos);
    closed_to.push_back(msgs[i].recipient);
  }
  std::sort(closed_to.begin(), closed_to.end());
  EXPECT_EQ(closed_to, (std::vector<std::string>{"ri@example.org", "rm@example.org"}));
  EXPECT_EQ(acted_.load(), 1);

  const auto events = escalations_.events(id_);
  ASSERT_FALSE(events.empty());
  EXPECT_EQ(events.back().type, "resolved");
  EXPECT_EQ(events.back().actor, "duty-manager");
  // Nothing is left for the ladder to do.
  EXPECT_EQ(ladder_.advance(t0_ + std::chrono::hours(10)).messages, 0u);
}

// An acknowledgement through the API stops the climb: after the level's timeout nobody new is told.
TEST_F(ApiLadderTest, AcknowledgeStopsTheClimb) {
  now_ = t0_ + std::chrono::minutes(30);
  const auto reply = request(port_, "POST", path("ack"), kAct, R"({"reason":"looking into it"})");
  ASSERT_EQ(reply.status, 200u) << reply.body;
  EXPECT_EQ(acted_.load(), 1);

  EXPECT_EQ(ladder_.next_due(), std::nullopt);
  EXPECT_EQ(ladder_.advance(t0_ + std::chrono::hours(10)).messages, 0u);
  const auto msgs = messages();
  ASSERT_EQ(msgs.size(), 1u);
  EXPECT_EQ(msgs[0].kind, "opened");

  const json::value shown = json::parse(request(port_, "GET", "/v1/escalations/" + std::to_string(id_), kRead).body);
  const auto& events = shown.at("events").as_array();
  ASSERT_FALSE(events.empty());
  EXPECT_EQ(events.back().at("type"), "acknowledged");
  EXPECT_EQ(events.back().at("actor"), "duty-manager");
  EXPECT_EQ(events.back().at("reason"), "looking into it");
}

// A silence through the API holds the climb until it ends; the token is the actor.
TEST_F(ApiLadderTest, SilenceHoldsTheClimb) {
  now_ = t0_ + std::chrono::minutes(30);
  const auto reply = request(port_, "POST", path("silence"), kAct,
                             R"({"reason":"awaiting a call back","until":"2025-03-04T15:00:00Z"})");
  ASSERT_EQ(reply.status, 200u) << reply.body;
  EXPECT_EQ(ladder_.advance(t0_ + std::chrono::hours(5)).messages, 0u);
  EXPECT_EQ(messages().size(), 1u);
  EXPECT_EQ(escalations_.events(id_).back().actor, "duty-manager");
}

// An action the lifecycle refuses writes no message and does not ask the service to deliver.
TEST_F(ApiLadderTest, RefusedActionSendsNothing) {
  ASSERT_EQ(request(port_, "POST", path("resolve"), kAct, R"({"reason":"done"})").status, 200u);
  const auto before = messages().size();
  const auto again = request(port_, "POST", path("resolve"), kAct, R"({"reason":"done"})");
  EXPECT_EQ(again.status, 409u) << again.body;
  EXPECT_EQ(messages().size(), before);
  EXPECT_EQ(acted_.load(), 1);
}

}  // namespace
}  // namespace carewatch::api
