#pragma once
// OutboxStore: the `outbox` table (schema v3). Writers enqueue messages inside the transaction that
// changes an escalation; the deliverer claims due messages, hands them to notifiers and records each
// attempt, with exponential backoff and a dead-letter state after the configured number of attempts.
// States, the backoff formula and the delivery guarantee: README.md.
//
// Transactions: enqueue() begins none; call it inside the caller's store::Transaction. The methods that
// record an outcome (record_success, record_failure, retry) write a row and its event and begin their
// own transaction, so call them outside one. Readers begin none.
// Thread-safety: none; one OutboxStore per Database connection.

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include <carewatch/sdk/time.hpp>

#include "outbox/message.hpp"
#include "store/database.hpp"

namespace carewatch::outbox {

// How often and how patiently a message is retried ([outbox] in the configuration).
struct RetryPolicy {
  int max_attempts = 10;                     // failed attempts before a message goes dead (>= 1)
  std::chrono::seconds initial_backoff{30};  // the wait after the first failure (>= 1 s)
  std::chrono::seconds max_backoff{3600};    // the longest wait (>= initial_backoff)
};

// The wait before the next attempt after `failures` failed attempts (failures >= 1):
//   base = min(max_backoff, initial_backoff * 2^(failures-1))
//   wait = base - floor(base * jitter_permille(key) / 1000)
// The jitter (0..99 per mille, i.e. up to 10% shorter) comes from the idempotency key, so messages
// that failed together spread out, yet each message's schedule is reproducible.
std::chrono::seconds backoff_delay(const RetryPolicy& policy, std::string_view idempotency_key, int failures);

// 0..99, from FNV-1a 64 of the key.
int jitter_permille(std::string_view idempotency_key) noexcept;

// A person's action that makes no sense for the message's state (retrying one that is not dead), or a
// message id that does not exist.
class OutboxError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// One entry of a message's append-only event log (outbox_events).
struct OutboxEvent {
  sdk::TimePoint at{};
  std::string type;    // delivered | failed | dead | retried
  std::string actor;   // "carewatch" for delivery attempts, else the person who retried
  std::string reason;  // the failure detail, or the person's reason; empty when none
  int attempt = 0;     // the attempt number it concerns (for "retried": attempts made before it)
};

struct ListFilter {
  std::optional<DeliveryState> state;
  std::optional<std::int64_t> escalation;
  int limit = 100;  // newest first
};

class OutboxStore {
 public:
  explicit OutboxStore(store::Database& db, RetryPolicy policy = {});

  // Writes `message` as pending, due now. Its idempotency key is unique: enqueueing a key already present
  // changes nothing and returns the existing id, so repeating a transition is harmless.
  // "Due now" is min(created_at, the wall clock): a message is never scheduled in the future.
  std::int64_t enqueue(const Message& message);

  // Pending messages whose next attempt is at or before `now`, oldest due first (then by id), at most
  // `limit`. Bodies and payloads included: this is what the deliverer hands to notifiers.
  std::vector<Message> due(sdk::TimePoint now, int limit);

  // A notifier accepted message `id`: delivered, attempts + 1. Ignored (false) unless it is pending.
  bool record_success(std::int64_t id, sdk::TimePoint now);

  // An attempt failed with `error` (a notifier's detail: ids and codes only). A permanent failure, or
  // the max_attempts-th failure, makes it dead; otherwise it stays pending until now + backoff_delay().
  // Returns the state it is left in; nullopt when `id` is not pending (nothing changed).
  std::optional<DeliveryState> record_failure(std::int64_t id, sdk::TimePoint now, std::string_view error,
                                              bool permanent);

  // No attempt could be made (no notifier serves the message's channel): stays pending with its attempts
  // unchanged, `reason` as last_error, next tried at `until`. Ignored (false) unless it is pending.
  bool defer(std::int64_t id, sdk::TimePoint until, std::string_view reason);

  // A person sends a dead message again: pending, due now, attempts back to 0 (a full schedule again),
  // logged with `by` and `reason`. Throws OutboxError when `id` is unknown or not dead, or `by` or
  // `reason` is empty.
  void retry(std::int64_t id, std::string_view by, std::string_view reason, sdk::TimePoint now);

  std::optional<Message> get(std::int64_t id);
  std::vector<Message> list(const ListFilter& filter);
  // The message's event log, oldest first.
  std::vector<OutboxEvent> events(std::int64_t id);

  // Messages per state; every state present, 0 when none.
  std::map<DeliveryState, std::int64_t> depth();

  // The earliest next attempt of any pending message (the deliverer's timer); nullopt when none.
  std::optional<sdk::TimePoint> next_attempt_at();

  const RetryPolicy& policy() const noexcept { return policy_; }

 private:
  void log_event(std::int64_t id, sdk::TimePoint at, std::string_view type, std::string_view actor,
                 std::string_view reason, int attempt);

  store::Database& db_;
  RetryPolicy policy_;
};

}  // namespace carewatch::outbox
