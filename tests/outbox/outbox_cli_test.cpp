// `carewatch outbox list|show|retry` as a process against a real database file.
#include <sys/wait.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "../service/temp_dir.hpp"
#include "outbox/outbox_store.hpp"
#include "store/database.hpp"

namespace carewatch::outbox {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

struct Result {
  int code = -1;
  std::string out;  // standard output and error together
};

// Runs the CLI through the shell with output captured; arguments are quoted test-made strings.
Result carewatch(const std::filesystem::path& db, const std::string& args) {
  const std::string cmd =
      std::string("'") + CAREWATCH_TEST_CLI + "' --db '" + db.string() + "' " + args + " 2>&1";
  Result r;
  FILE* p = ::popen(cmd.c_str(), "r");
  if (!p) return r;
  char buf[4096];
  std::size_t n = 0;
  while ((n = std::fread(buf, 1, sizeof buf, p)) > 0) r.out.append(buf, n);
  const int status = ::pclose(p);
  r.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

class OutboxCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store::Database db(db_);
    OutboxStore store(db);
    Message m;
    m.channel = Channel::webhook;
    m.recipient = "http://127.0.0.1:9/hook";
    m.role = "registered_manager";
    m.home = "H1";
    m.kind = "opened";
    m.escalations = {42};
    m.subject = "carewatch: WT-LADO-1WD opened (escalation 42)";
    m.body = "BodyTextNeverPrinted";
    m.payload = R"({"note":"PayloadNeverPrinted"})";
    m.created_at = *sdk::parse_timestamp("2025-03-03T10:00:00Z");
    store::Transaction tx(db);
    m.idempotency_key = "key-delivered";
    delivered_ = store.enqueue(m);
    m.idempotency_key = "key-dead";
    m.escalations = {43};
    dead_ = store.enqueue(m);
    tx.commit();
    store.record_success(delivered_, m.created_at);
    store.record_failure(dead_, m.created_at, "HTTP 404", true);
  }

  testing::TempDir dir_;
  std::filesystem::path db_ = dir_ / "carewatch.db";
  std::int64_t delivered_ = 0;
  std::int64_t dead_ = 0;
};

// list filters by state and escalation and never prints a body or payload.
TEST_F(OutboxCliTest, ListFiltersAndKeepsBodiesOut) {
  const auto all = carewatch(db_, "outbox list");
  EXPECT_EQ(all.code, 0) << all.out;
  EXPECT_THAT(all.out, HasSubstr("2 messages"));
  EXPECT_THAT(all.out, Not(HasSubstr("BodyTextNeverPrinted")));
  EXPECT_THAT(all.out, Not(HasSubstr("PayloadNeverPrinted")));

  const auto dead = carewatch(db_, "outbox list --state dead --format json");
  EXPECT_EQ(dead.code, 0) << dead.out;
  EXPECT_THAT(dead.out, HasSubstr("\"id\":" + std::to_string(dead_)));
  EXPECT_THAT(dead.out, HasSubstr("\"last_error\":\"HTTP 404\""));
  EXPECT_THAT(dead.out, Not(HasSubstr("key-delivered")));
  EXPECT_THAT(dead.out, Not(HasSubstr("NeverPrinted")));

  const auto by_escalation = carewatch(db_, "outbox list --escalation 42");
  EXPECT_THAT(by_escalation.out, HasSubstr("1 message\n"));
  EXPECT_THAT(by_escalation.out, HasSubstr("#" + std::to_string(delivered_) + "  delivered"));
}

// show prints the delivery and its event log, with the subject but not the body.
TEST_F(OutboxCliTest, ShowPrintsDeliveryAndEvents) {
  const auto r = carewatch(db_, "outbox show " + std::to_string(dead_));
  EXPECT_EQ(r.code, 0) << r.out;
  EXPECT_THAT(r.out, HasSubstr("key-dead"));
  EXPECT_THAT(r.out, HasSubstr("escalation 42"));  // the subject line
  EXPECT_THAT(r.out, HasSubstr("dead  attempt 1  by carewatch  reason: HTTP 404"));
  EXPECT_THAT(r.out, Not(HasSubstr("NeverPrinted")));
  EXPECT_EQ(carewatch(db_, "outbox show 999").code, 2);
}

// retry needs who and why, revives only a dead message, and is logged.
TEST_F(OutboxCliTest, RetryRevivesADeadMessage) {
  EXPECT_NE(carewatch(db_, "outbox retry " + std::to_string(dead_) + " --by ana").code, 0)
      << "--reason is required";
  const auto not_dead =
      carewatch(db_, "outbox retry " + std::to_string(delivered_) + " --by ana --reason again");
  EXPECT_EQ(not_dead.code, 2);
  EXPECT_THAT(not_dead.out, HasSubstr("only a dead message is retried"));

  const auto r = carewatch(db_, "outbox retry " + std::to_string(dead_) + " --by ana --reason 'URL fixed'");
  EXPECT_EQ(r.code, 0) << r.out;
  EXPECT_THAT(r.out, HasSubstr("pending again"));
  store::Database db(db_, store::OpenMode::read_only);
  OutboxStore store(db);
  EXPECT_EQ(store.get(dead_)->state, DeliveryState::pending);
  const auto events = store.events(dead_);
  ASSERT_EQ(events.size(), 2U);
  EXPECT_EQ(events[1].type, "retried");
  EXPECT_EQ(events[1].actor, "ana");
  EXPECT_EQ(events[1].reason, "URL fixed");
}

}  // namespace
}  // namespace carewatch::outbox
