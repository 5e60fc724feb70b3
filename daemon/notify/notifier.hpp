#pragma once
// Notifier: delivers one outbox message over one channel (email, webhook, log). The outbox's deliverer
// owns retries, backoff and dead-lettering; a notifier makes one attempt and says how it went.
//
// Thread-safety: a notifier is used from the deliverer's thread only; deliver() may block up to the
// notifier's configured timeout and never throws.

#include <string>

#include "outbox/message.hpp"

namespace carewatch::notify {

struct DeliveryResult {
  enum class Outcome {
    delivered,  // the receiver accepted the message
    retry,      // a transient failure (connection refused, timeout, 4xx SMTP reply, HTTP 5xx/429)
    failed      // a permanent failure (5xx SMTP reply, HTTP 4xx other than 408/429, bad address)
  };
  Outcome outcome = Outcome::retry;
  std::string detail;  // e.g. "HTTP 503", "SMTP 550 mailbox unavailable"; never personal data

  static DeliveryResult ok() { return {Outcome::delivered, {}}; }
};

class Notifier {
 public:
  virtual ~Notifier() = default;
  virtual outbox::Channel channel() const noexcept = 0;
  virtual DeliveryResult deliver(const outbox::Message& message) noexcept = 0;
};

}  // namespace carewatch::notify
