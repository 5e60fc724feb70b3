#pragma once
// WebhookNotifier: delivers a message by POSTing its JSON payload to message.recipient (an http:// or
// https:// URL) with libcurl, signed as webhook_signature.hpp describes.
//
// Request headers: Content-Type: application/json, Idempotency-Key: <message.idempotency_key>,
// X-Carewatch-Timestamp, X-Carewatch-Signature, User-Agent: carewatch-notify. The body is
// message.payload, byte for byte. Redirects are not followed.
//
// Outcomes: 2xx → delivered; 408, 429, 5xx, connection refused, DNS failure, TLS handshake failure and
// timeouts → retry; 3xx (a moved receiver needs a person to change the URL) and every other 4xx →
// failed; a recipient that is not an http(s) URL, or a key or payload that cannot be sent safely →
// failed.

#include <chrono>
#include <string>

#include "notify/notifier.hpp"

namespace carewatch::notify {

struct WebhookOptions {
  std::string secret;                        // the HMAC key; must not be empty
  std::chrono::milliseconds timeout{10000};  // the whole attempt, connect included
};

class WebhookNotifier final : public Notifier {
 public:
  // Throws std::invalid_argument when the secret is empty or the timeout is not positive.
  explicit WebhookNotifier(WebhookOptions options);

  outbox::Channel channel() const noexcept override { return outbox::Channel::webhook; }
  DeliveryResult deliver(const outbox::Message& message) noexcept override;

  // The outcome for an HTTP status a receiver answered (exposed for tests and the README's table).
  static DeliveryResult classify_status(long status);

 private:
  DeliveryResult attempt(const outbox::Message& message);

  WebhookOptions options_;
};

}  // namespace carewatch::notify
