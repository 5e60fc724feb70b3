#include "outbox/outbox_store.hpp"

#include <gtest/gtest.h>

#include <set>
#include <string>
#include <vector>

#include "../service/temp_dir.hpp"
#include "store/database.hpp"

namespace carewatch::outbox {
namespace {

using std::chrono::seconds;

sdk::TimePoint at(std::string_view s) {
  return *sdk::parse_timestamp(s);
}

const sdk::TimePoint kT0 = at("2025-03-03T10:00:00Z");

Message message(const std::string& key, std::vector<std::int64_t> escalations = {7}) {
  Message m;
  m.idempotency_key = key;
  m.channel = Channel::webhook;
  m.recipient = "http://127.0.0.1:9/hook";
  m.role = "registered_manager";
  m.home = "H1";
  m.kind = "opened";
  m.escalations = std::move(escalations);
  m.subject = "carewatch: rule reg35.record_time opened for H1/C1";
  m.body = "Escalation 7 opened.";
  m.payload = R"({"escalation":7})";
  m.created_at = kT0;
  return m;
}

ListFilter filter(std::optional<DeliveryState> state, std::optional<std::int64_t> escalation,
                  int limit = 100) {
  ListFilter f;
  f.state = state;
  f.escalation = escalation;
  f.limit = limit;
  return f;
}

class OutboxStoreTest : public ::testing::Test {
 protected:
  std::int64_t enqueue(const Message& m) {
    store::Transaction tx(db_);
    const auto id = store_.enqueue(m);
    tx.commit();
    return id;
  }

  testing::TempDir dir_;
  store::Database db_{dir_ / "carewatch.db"};
  RetryPolicy policy_{.max_attempts = 4, .initial_backoff = seconds(30), .max_backoff = seconds(100)};
  OutboxStore store_{db_, policy_};
};

// A message is written whole, pending and due at once, and reads back with every field.
TEST_F(OutboxStoreTest, EnqueuedMessageReadsBackPendingAndDue) {
  const auto id = enqueue(message("k1", {7, 9}));
  const auto m = store_.get(id);
  ASSERT_TRUE(m);
  EXPECT_EQ(m->idempotency_key, "k1");
  EXPECT_EQ(m->channel, Channel::webhook);
  EXPECT_EQ(m->home, "H1");
  EXPECT_EQ(m->escalations, (std::vector<std::int64_t>{7, 9}));
  EXPECT_EQ(m->payload, R"({"escalation":7})");
  EXPECT_EQ(m->state, DeliveryState::pending);
  EXPECT_EQ(m->attempts, 0);
  EXPECT_EQ(m->next_attempt_at, kT0);
  EXPECT_EQ(store_.due(kT0, 10).size(), 1U);
  EXPECT_TRUE(store_.due(kT0 - seconds(1), 10).empty());
  EXPECT_EQ(store_.next_attempt_at(), kT0);
}

// Enqueueing the same key twice keeps one message and returns its id, so a repeated transition is harmless.
TEST_F(OutboxStoreTest, EnqueueIsIdempotentOnTheKey) {
  const auto first = enqueue(message("k1"));
  auto again = message("k1");
  again.subject = "different";
  EXPECT_EQ(enqueue(again), first);
  EXPECT_EQ(store_.depth()[DeliveryState::pending], 1);
  EXPECT_NE(store_.get(first)->subject, "different");
}

// A transaction rolled back after enqueue leaves no message: the outbox commits with the change or not at
// all.
TEST_F(OutboxStoreTest, RolledBackTransactionLeavesNoMessage) {
  {
    store::Transaction tx(db_);
    store_.enqueue(message("k1"));
  }
  EXPECT_TRUE(store_.list({}).empty());
  EXPECT_EQ(store_.depth()[DeliveryState::pending], 0);
  EXPECT_FALSE(store_.next_attempt_at());
}

// Each failure waits twice as long as the last, up to the cap, shortened by the key's fixed jitter.
TEST_F(OutboxStoreTest, BackoffScheduleDoublesToTheCapWithKeyJitter) {
  const std::string key = "k-backoff";
  const int j = jitter_permille(key);
  ASSERT_GE(j, 0);
  ASSERT_LT(j, 100);
  EXPECT_EQ(jitter_permille(key), j) << "the jitter is a function of the key";
  const auto expect = [&](std::int64_t base) { return seconds(base - base * j / 1000); };
  EXPECT_EQ(backoff_delay(policy_, key, 1), expect(30));
  EXPECT_EQ(backoff_delay(policy_, key, 2), expect(60));
  EXPECT_EQ(backoff_delay(policy_, key, 3), expect(100));
  EXPECT_EQ(backoff_delay(policy_, key, 1000), expect(100));

  const RetryPolicy no_cap{
      .max_attempts = 10, .initial_backoff = seconds(1000), .max_backoff = seconds(1'000'000)};
  EXPECT_EQ(backoff_delay(no_cap, "a", 1).count(), 1000 - 1000 * jitter_permille("a") / 1000);
  EXPECT_EQ(backoff_delay(no_cap, "a", 4).count(), 8000 - 8000 * jitter_permille("a") / 1000);

  const auto id = enqueue(message(key));
  sdk::TimePoint now = kT0;
  for (int failure = 1; failure <= 3; ++failure) {
    EXPECT_EQ(store_.record_failure(id, now, "HTTP 503", false), DeliveryState::pending);
    const auto m = store_.get(id);
    EXPECT_EQ(m->attempts, failure);
    EXPECT_EQ(m->last_error, "HTTP 503");
    EXPECT_EQ(m->next_attempt_at, now + backoff_delay(policy_, key, failure));
    EXPECT_TRUE(store_.due(*m->next_attempt_at - seconds(1), 10).empty());
    EXPECT_EQ(store_.due(*m->next_attempt_at, 10).size(), 1U);
    now = *m->next_attempt_at;
  }
}

// Different keys get different jitter, so messages that failed together do not retry in lockstep.
TEST_F(OutboxStoreTest, JitterSpreadsKeys) {
  std::set<int> seen;
  for (int i = 0; i < 50; ++i) seen.insert(jitter_permille("key-" + std::to_string(i)));
  EXPECT_GT(seen.size(), 10U);
}

// After max_attempts failures a message is dead, no longer due, and counted as dead.
TEST_F(OutboxStoreTest, DeadAfterMaxAttempts) {
  const auto id = enqueue(message("k1"));
  for (int i = 1; i < policy_.max_attempts; ++i)
    EXPECT_EQ(store_.record_failure(id, kT0, "timeout", false), DeliveryState::pending);
  EXPECT_EQ(store_.record_failure(id, kT0, "timeout", false), DeliveryState::dead);
  const auto m = store_.get(id);
  EXPECT_EQ(m->state, DeliveryState::dead);
  EXPECT_EQ(m->attempts, policy_.max_attempts);
  EXPECT_FALSE(m->next_attempt_at);
  EXPECT_TRUE(store_.due(kT0 + seconds(1'000'000), 10).empty());
  EXPECT_EQ(store_.depth()[DeliveryState::dead], 1);
  EXPECT_FALSE(store_.record_failure(id, kT0, "late", false)) << "a dead message records no more attempts";
}

// A permanent failure makes a message dead at its first attempt.
TEST_F(OutboxStoreTest, PermanentFailureIsDeadAtOnce) {
  const auto id = enqueue(message("k1"));
  EXPECT_EQ(store_.record_failure(id, kT0, "HTTP 404", true), DeliveryState::dead);
  EXPECT_EQ(store_.get(id)->attempts, 1);
  EXPECT_EQ(store_.get(id)->last_error, "HTTP 404");
}

// Success marks a message delivered with its time; it is not delivered again.
TEST_F(OutboxStoreTest, SuccessIsDeliveredOnce) {
  const auto id = enqueue(message("k1"));
  EXPECT_TRUE(store_.record_success(id, kT0 + seconds(5)));
  const auto m = store_.get(id);
  EXPECT_EQ(m->state, DeliveryState::delivered);
  EXPECT_EQ(m->delivered_at, kT0 + seconds(5));
  EXPECT_EQ(m->attempts, 1);
  EXPECT_TRUE(store_.due(kT0 + seconds(100), 10).empty());
  EXPECT_FALSE(store_.record_success(id, kT0 + seconds(6)));
}

// A person retries a dead message: pending and due now with a fresh schedule, and the retry is logged.
TEST_F(OutboxStoreTest, RetryByHandRevivesADeadMessageAndIsLogged) {
  const auto id = enqueue(message("k1"));
  EXPECT_THROW(store_.retry(id, "ana", "fixed", kT0), OutboxError) << "only dead messages are retried";
  store_.record_failure(id, kT0, "HTTP 410", true);
  EXPECT_THROW(store_.retry(id, "", "fixed", kT0), OutboxError);
  EXPECT_THROW(store_.retry(id, "ana", "", kT0), OutboxError);
  EXPECT_THROW(store_.retry(id + 100, "ana", "fixed", kT0), OutboxError);

  store_.retry(id, "ana", "webhook URL corrected", kT0 + seconds(60));
  const auto m = store_.get(id);
  EXPECT_EQ(m->state, DeliveryState::pending);
  EXPECT_EQ(m->attempts, 0);
  EXPECT_EQ(m->next_attempt_at, kT0 + seconds(60));
  EXPECT_EQ(store_.due(kT0 + seconds(60), 10).size(), 1U);

  store::Statement ev(db_,
                      "SELECT type, actor, reason FROM outbox_events WHERE outbox_id = ?1 ORDER BY event_id");
  ev.bind(1, id);
  ASSERT_TRUE(ev.step());
  EXPECT_EQ(ev.column_text(0), "dead");
  ASSERT_TRUE(ev.step());
  EXPECT_EQ(ev.column_text(0), "retried");
  EXPECT_EQ(ev.column_text(1), "ana");
  EXPECT_EQ(ev.column_text(2), "webhook URL corrected");
}

// Listing filters by state and by escalation, newest first; depth counts every state.
TEST_F(OutboxStoreTest, ListFiltersByStateAndEscalation) {
  const auto a = enqueue(message("a", {1}));
  const auto b = enqueue(message("b", {2, 3}));
  const auto c = enqueue(message("c", {3}));
  store_.record_success(a, kT0);
  store_.record_failure(c, kT0, "HTTP 400", true);

  const auto all = store_.list({});
  ASSERT_EQ(all.size(), 3U);
  EXPECT_EQ(all[0].id, c);
  EXPECT_EQ(store_.list(filter(DeliveryState::pending, std::nullopt)).size(), 1U);
  EXPECT_EQ(store_.list(filter(DeliveryState::pending, std::nullopt))[0].id, b);
  const auto by3 = store_.list(filter(std::nullopt, 3));
  ASSERT_EQ(by3.size(), 2U);
  EXPECT_EQ(by3[0].id, c);
  EXPECT_EQ(by3[1].id, b);
  EXPECT_EQ(store_.list(filter(DeliveryState::dead, 2)).size(), 0U);
  EXPECT_EQ(store_.list(filter(std::nullopt, std::nullopt, 1)).size(), 1U);

  const auto depth = store_.depth();
  EXPECT_EQ(depth.at(DeliveryState::pending), 1);
  EXPECT_EQ(depth.at(DeliveryState::delivered), 1);
  EXPECT_EQ(depth.at(DeliveryState::dead), 1);
}

// Messages are never deleted: the schema refuses it.
TEST_F(OutboxStoreTest, MessagesAreNeverDeleted) {
  enqueue(message("k1"));
  EXPECT_THROW(db_.exec("DELETE FROM outbox"), store::DatabaseError);
}

// A message made with a creation time in the future is still due now, not later.
TEST_F(OutboxStoreTest, FutureCreationTimeIsDueNow) {
  auto m = message("k1");
  m.created_at = at("2999-01-01T00:00:00Z");
  const auto id = enqueue(m);
  EXPECT_LT(*store_.get(id)->next_attempt_at, m.created_at);
}

// Channel and state names read back as written, and unknown names are refused.
TEST(MessageTest, NamesRoundTrip) {
  for (auto c : {Channel::email, Channel::webhook, Channel::log}) EXPECT_EQ(parse_channel(to_string(c)), c);
  for (auto s : {DeliveryState::pending, DeliveryState::delivered, DeliveryState::dead})
    EXPECT_EQ(parse_delivery_state(to_string(s)), s);
  EXPECT_FALSE(parse_channel("sms"));
  EXPECT_FALSE(parse_delivery_state("sent"));
}

}  // namespace
}  // namespace carewatch::outbox
