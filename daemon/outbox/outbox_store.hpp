#pragma once
// OutboxStore: the `outbox` table (schema v3). Writers enqueue messages inside the transaction that
// changes an escalation; the deliverer claims due messages, hands them to notifiers and records each
// attempt, with exponential backoff and a dead-letter state after the configured number of attempts.
//
// Transactions: enqueue() begins none; call it inside the caller's store::Transaction.
// Thread-safety: none; one OutboxStore per Database connection.

#include <cstdint>

#include "outbox/message.hpp"
#include "store/database.hpp"

namespace carewatch::outbox {

class OutboxStore {
 public:
  explicit OutboxStore(store::Database& db);

  // Writes `message` as pending, due now. Its idempotency key is unique: enqueueing a key already present
  // changes nothing and returns the existing id, so repeating a transition is harmless.
  std::int64_t enqueue(const Message& message);

 private:
  store::Database& db_;
};

}  // namespace carewatch::outbox
