#pragma once
// Deliverer: hands due outbox messages to the notifier of their channel, on its own thread and its own
// store::Database connection, so a slow mail server never stalls the event loop or an audit.
//
//   Deliverer deliverer(db_path, std::move(notifiers), options, logger);
//   deliverer.start();
//   ... commit a transaction that enqueued messages, then: deliverer.notify();
//   deliverer.stop();  // finishes the attempt in progress, then joins
//
// The thread sleeps until the first of: notify(); the earliest next_attempt_at of a pending message; the
// poll interval (another process, the CLI, may enqueue or retry, and cannot wake it). Each pass takes up
// to batch_size due messages, oldest due first, and records every attempt before the next one.
//
// Delivery is at least once: the outcome is recorded after the notifier returns, so a crash in between
// (or a receiver that accepted but whose answer was lost) means the same message, with the same
// idempotency key, is delivered again; receivers de-duplicate on the key. A message whose channel has no
// notifier configured is not attempted: it stays pending (attempts unchanged, last_error says why) and is
// looked at again every poll interval, so configuring the channel and reloading delivers it. See README.md.
//
// One deliverer per database: two deliverers on one database would each attempt the same due message.
//
// Thread-safety: notify(), start() and stop() may be called from any thread; run_once() only while the
// thread is not started (tests). Notifiers are called from the deliverer's thread only.

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <thread>

#include <carewatch/sdk/time.hpp>

#include "notify/notifier.hpp"
#include "outbox/outbox_store.hpp"
#include "store/database.hpp"

namespace spdlog {
class logger;
}

namespace carewatch::outbox {

struct DelivererOptions {
  RetryPolicy retry;
  int batch_size = 50;                     // messages per pass
  std::chrono::seconds poll_interval{30};  // the longest sleep between passes
};

using Notifiers = std::map<Channel, std::unique_ptr<notify::Notifier>>;

// What one pass did, for tests and logs.
struct PassResult {
  int delivered = 0;
  int failed = 0;     // failed attempts, dead or not
  int dead = 0;       // messages that went dead in this pass
  int deferred = 0;   // messages with no notifier for their channel
  bool more = false;  // the batch was full: more may be due
};

class Deliverer {
 public:
  using Clock = std::function<sdk::TimePoint()>;

  // Opens its own connection to the database at `db_path` (throws store::DatabaseError). `clock`
  // defaults to the system clock, in whole seconds.
  Deliverer(const std::filesystem::path& db_path, Notifiers notifiers, DelivererOptions options,
            std::shared_ptr<spdlog::logger> logger, Clock clock = {});
  ~Deliverer();  // stop()
  Deliverer(const Deliverer&) = delete;
  Deliverer& operator=(const Deliverer&) = delete;

  void start();
  // Wakes the thread for a pass now (messages were enqueued). Cheap; never blocks on a delivery.
  void notify();
  // Asks the thread to stop after the attempt in progress; returns at once.
  void request_stop();
  // request_stop(), then waits for the attempt in progress to be recorded and joins. Idempotent.
  void stop();

  // One pass over the messages due now, on the calling thread. Never throws: a database error is logged
  // and the pass ends.
  PassResult run_once();

 private:
  void loop();
  bool stopping() const;

  store::Database db_;
  OutboxStore store_;
  Notifiers notifiers_;
  DelivererOptions options_;
  std::shared_ptr<spdlog::logger> log_;
  Clock clock_;

  mutable std::mutex mutex_;
  std::condition_variable wake_;
  bool stop_ = false;
  bool woken_ = false;
  std::thread thread_;
};

}  // namespace carewatch::outbox
