#include "outbox/deliverer.hpp"

#include <gtest/gtest.h>
#include <spdlog/sinks/null_sink.h>
#include <spdlog/spdlog.h>

#include <atomic>
#include <deque>
#include <mutex>
#include <string>
#include <vector>

#include "../service/temp_dir.hpp"
#include "metrics/registry.hpp"
#include "store/database.hpp"

namespace carewatch::outbox {
namespace {

using std::chrono::seconds;
using Outcome = notify::DeliveryResult::Outcome;

sdk::TimePoint at(std::string_view s) {
  return *sdk::parse_timestamp(s);
}

double attempts_counted(const char* outcome) {
  return metrics::registry()
      .counter("carewatch_outbox_delivery_attempts_total",
               "Outbox delivery attempts made by this process, by channel and outcome "
               "(delivered, retry: a transient failure, failed: a permanent one).",
               {{"channel", "webhook"}, {"outcome", outcome}})
      .value();
}

double dead_counted() {
  return metrics::registry()
      .counter("carewatch_outbox_dead_letters_total",
               "Outbox messages this process gave up on (dead), by channel.", {{"channel", "webhook"}})
      .value();
}

// A notifier that records the keys it was handed and answers from a script (then "delivered").
class FakeNotifier : public notify::Notifier {
 public:
  explicit FakeNotifier(Channel channel) : channel_(channel) {}
  Channel channel() const noexcept override { return channel_; }
  notify::DeliveryResult deliver(const Message& message) noexcept override {
    std::unique_lock lock(mutex_);
    seen_.push_back(message.idempotency_key);
    if (block_) {
      entered_ = true;
      cv_.notify_all();
      cv_.wait(lock, [this] { return !block_; });
    }
    cv_.notify_all();
    if (script_.empty()) return notify::DeliveryResult::ok();
    auto r = script_.front();
    script_.pop_front();
    return r;
  }
  void script(Outcome outcome, const std::string& detail, int times = 1) {
    const std::lock_guard lock(mutex_);
    for (int i = 0; i < times; ++i) script_.push_back({outcome, detail});
  }
  std::vector<std::string> seen() const {
    const std::lock_guard lock(mutex_);
    return seen_;
  }
  bool wait_for(std::size_t count, std::chrono::milliseconds timeout) {
    std::unique_lock lock(mutex_);
    return cv_.wait_for(lock, timeout, [&] { return seen_.size() >= count; });
  }
  void block() {
    const std::lock_guard lock(mutex_);
    block_ = true;
  }
  bool wait_entered(std::chrono::milliseconds timeout) {
    std::unique_lock lock(mutex_);
    return cv_.wait_for(lock, timeout, [&] { return entered_; });
  }
  void release() {
    {
      const std::lock_guard lock(mutex_);
      block_ = false;
    }
    cv_.notify_all();
  }

 private:
  Channel channel_;
  mutable std::mutex mutex_;
  std::condition_variable cv_;
  std::vector<std::string> seen_;
  std::deque<notify::DeliveryResult> script_;
  bool block_ = false;
  bool entered_ = false;
};

Message message(const std::string& key, Channel channel = Channel::webhook,
                sdk::TimePoint created = at("2025-03-03T10:00:00Z")) {
  Message m;
  m.idempotency_key = key;
  m.channel = channel;
  m.recipient = "r";
  m.role = "registered_manager";
  m.kind = "opened";
  m.escalations = {1};
  m.subject = "s";
  m.created_at = created;
  return m;
}

class DelivererTest : public ::testing::Test {
 protected:
  DelivererTest() {
    auto notifier = std::make_unique<FakeNotifier>(Channel::webhook);
    webhook_ = notifier.get();
    notifiers_[Channel::webhook] = std::move(notifier);
  }

  std::int64_t enqueue(const Message& m) {
    store::Transaction tx(db_);
    const auto id = store_.enqueue(m);
    tx.commit();
    return id;
  }

  std::unique_ptr<Deliverer> make(DelivererOptions options, Deliverer::Clock clock = {}) {
    return std::make_unique<Deliverer>(dir_ / "carewatch.db", std::move(notifiers_), options, log_,
                                       std::move(clock));
  }

  testing::TempDir dir_;
  store::Database db_{dir_ / "carewatch.db"};
  OutboxStore store_{db_};
  Notifiers notifiers_;
  FakeNotifier* webhook_ = nullptr;
  std::shared_ptr<spdlog::logger> log_ =
      std::make_shared<spdlog::logger>("test", std::make_shared<spdlog::sinks::null_sink_mt>());
  sdk::TimePoint now_ = at("2025-03-03T10:00:00Z");
};

// Due messages go out oldest first, each recorded as delivered.
TEST_F(DelivererTest, DeliversInOrderAndRecords) {
  const auto a = enqueue(message("a"));
  const auto b = enqueue(message("b"));
  const auto c = enqueue(message("c"));
  auto d = make({}, [this] { return now_; });
  const double before = attempts_counted("delivered");
  const auto pass = d->run_once();
  EXPECT_EQ(pass.delivered, 3);
  EXPECT_EQ(attempts_counted("delivered") - before, 3) << "each attempt is counted for /metrics";
  EXPECT_EQ(webhook_->seen(), (std::vector<std::string>{"a", "b", "c"}));
  for (auto id : {a, b, c}) EXPECT_EQ(store_.get(id)->state, DeliveryState::delivered);
  EXPECT_EQ(d->run_once().delivered, 0) << "a delivered message is not sent again";
}

// A transient failure is retried after its backoff and not before; the retry carries the same key.
TEST_F(DelivererTest, RetriesAfterBackoffWithTheSameKey) {
  const auto id = enqueue(message("k"));
  webhook_->script(Outcome::retry, "HTTP 503");
  DelivererOptions options;
  options.retry.initial_backoff = seconds(30);
  auto d = make(options, [this] { return now_; });
  EXPECT_EQ(d->run_once().failed, 1);
  const auto wait = backoff_delay(options.retry, "k", 1);
  now_ += wait - seconds(1);
  EXPECT_EQ(d->run_once().delivered, 0);
  now_ += seconds(1);
  EXPECT_EQ(d->run_once().delivered, 1);
  EXPECT_EQ(webhook_->seen(), (std::vector<std::string>{"k", "k"}));
  const auto m = store_.get(id);
  EXPECT_EQ(m->attempts, 2);
  EXPECT_EQ(m->state, DeliveryState::delivered);
}

// A permanent failure dead-letters the message at once; a later pass leaves it alone.
TEST_F(DelivererTest, PermanentFailureGoesDead) {
  const auto id = enqueue(message("k"));
  webhook_->script(Outcome::failed, "HTTP 404");
  auto d = make({}, [this] { return now_; });
  const double failed_before = attempts_counted("failed");
  const double dead_before = dead_counted();
  const auto pass = d->run_once();
  EXPECT_EQ(pass.dead, 1);
  EXPECT_EQ(attempts_counted("failed") - failed_before, 1);
  EXPECT_EQ(dead_counted() - dead_before, 1);
  EXPECT_EQ(store_.get(id)->state, DeliveryState::dead);
  EXPECT_EQ(store_.get(id)->last_error, "HTTP 404");
  now_ += seconds(100000);
  EXPECT_EQ(d->run_once().failed, 0);
  EXPECT_EQ(webhook_->seen().size(), 1U);
}

// A message for a channel without a notifier waits, pending with a reason and no attempt counted.
TEST_F(DelivererTest, UnconfiguredChannelWaitsPending) {
  const auto id = enqueue(message("mail", Channel::email));
  DelivererOptions options;
  options.poll_interval = seconds(30);
  auto d = make(options, [this] { return now_; });
  EXPECT_EQ(d->run_once().deferred, 1);
  const auto m = store_.get(id);
  EXPECT_EQ(m->state, DeliveryState::pending);
  EXPECT_EQ(m->attempts, 0);
  EXPECT_EQ(m->last_error, "no notifier configured for channel email");
  EXPECT_EQ(m->next_attempt_at, now_ + seconds(30));
  EXPECT_TRUE(webhook_->seen().empty());
}

// Only batch_size messages go per pass, and the pass says more may be due.
TEST_F(DelivererTest, BatchSizeBoundsAPass) {
  for (int i = 0; i < 5; ++i) enqueue(message("k" + std::to_string(i)));
  DelivererOptions options;
  options.batch_size = 2;
  auto d = make(options, [this] { return now_; });
  auto pass = d->run_once();
  EXPECT_EQ(pass.delivered, 2);
  EXPECT_TRUE(pass.more);
  d->run_once();
  pass = d->run_once();
  EXPECT_EQ(pass.delivered, 1);
  EXPECT_FALSE(pass.more);
}

// On its thread, the deliverer picks up messages enqueued by another connection when notified.
TEST_F(DelivererTest, ThreadDeliversWhenNotified) {
  DelivererOptions options;
  options.poll_interval = seconds(3600);  // only notify() or the timer can wake it
  auto d = make(options);
  d->start();
  enqueue(message("a", Channel::webhook, sdk::from_unix(0)));
  d->notify();
  ASSERT_TRUE(webhook_->wait_for(1, std::chrono::seconds(10)));
  enqueue(message("b", Channel::webhook, sdk::from_unix(0)));
  d->notify();
  ASSERT_TRUE(webhook_->wait_for(2, std::chrono::seconds(10)));
  d->stop();
  EXPECT_EQ(store_.depth()[DeliveryState::delivered], 2);
}

// On its thread, a failed message is tried again when its backoff ends, without being notified.
TEST_F(DelivererTest, ThreadRetriesAtTheNextAttemptTime) {
  webhook_->script(Outcome::retry, "connection refused");
  DelivererOptions options;
  options.poll_interval = seconds(3600);
  options.retry.initial_backoff = seconds(1);
  options.retry.max_backoff = seconds(1);
  const auto id = enqueue(message("k", Channel::webhook, sdk::from_unix(0)));
  auto d = make(options);
  d->start();
  ASSERT_TRUE(webhook_->wait_for(2, std::chrono::seconds(10)));
  d->stop();
  EXPECT_EQ(store_.get(id)->state, DeliveryState::delivered);
}

// stop() lets the attempt in progress finish and records it before returning.
TEST_F(DelivererTest, StopFinishesTheAttemptInProgress) {
  const auto id = enqueue(message("slow", Channel::webhook, sdk::from_unix(0)));
  enqueue(message("next", Channel::webhook, sdk::from_unix(0)));
  webhook_->block();
  auto d = make({});
  d->start();
  ASSERT_TRUE(webhook_->wait_entered(std::chrono::seconds(10)));
  d->request_stop();
  webhook_->release();
  d->stop();
  EXPECT_EQ(store_.get(id)->state, DeliveryState::delivered);
  EXPECT_EQ(webhook_->seen(), (std::vector<std::string>{"slow"})) << "no new attempt after stop";
}

}  // namespace
}  // namespace carewatch::outbox
