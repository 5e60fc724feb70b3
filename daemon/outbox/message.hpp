#pragma once
// Message: one message the outbox holds for delivery (DESIGN.md step 6). Notifiers know escalations
// only through these. A message is written in the same transaction as the escalation change that
// causes it, so a crash between commit and delivery means a late message, never a lost one.
//
// Privacy: every field carries ids, rule ids, clauses, severities and deadlines only, never names or
// text copied from records.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <carewatch/sdk/time.hpp>

namespace carewatch::outbox {

// How a message travels; each channel has one notifier.
enum class Channel { email, webhook, log };

std::string_view to_string(Channel channel) noexcept;
std::optional<Channel> parse_channel(std::string_view text) noexcept;

// Where a message stands. pending: waiting for its next attempt; delivered: a notifier accepted it;
// dead: given up after the configured number of attempts (visible in the CLI, retried only by hand).
enum class DeliveryState { pending, delivered, dead };

std::string_view to_string(DeliveryState state) noexcept;
std::optional<DeliveryState> parse_delivery_state(std::string_view text) noexcept;

struct Message {
  std::int64_t id = 0;           // the outbox row; 0 before it is written
  std::string idempotency_key;   // unique per message; receivers de-duplicate on it
  Channel channel = Channel::log;
  std::string recipient;         // an email address, a webhook URL, or the log's name
  std::string role;              // the role the recipient was told as, e.g. "registered_manager"
  std::string home;              // the home the message is about; empty when none
  // opened | escalated (moved up a level) | reminder (still open) | resolved (the data closed it) |
  // closed (a person resolved it) | digest (several escalations for one recipient)
  std::string kind;
  int level = 0;                        // the ladder level that caused it (0 = the first)
  std::vector<std::int64_t> escalations;  // the escalations it is about (several for a digest)
  std::string subject;                  // one line for an email subject or a log line
  std::string body;                     // plain text for email and log
  std::string payload;                  // JSON for the webhook: RECORDS.md finding fields and more
  sdk::TimePoint created_at{};

  // Delivery bookkeeping, kept by the outbox.
  DeliveryState state = DeliveryState::pending;
  int attempts = 0;
  std::optional<sdk::TimePoint> next_attempt_at;
  std::optional<sdk::TimePoint> delivered_at;
  std::string last_error;  // the notifier's reason for the last failure; never personal data
};

}  // namespace carewatch::outbox
