#include "notify/webhook_notifier.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <set>
#include <string>

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include "support/http_receiver.hpp"
#include "test_message.hpp"

namespace carewatch::notify {
namespace {

using Outcome = DeliveryResult::Outcome;
using test_support::HttpReceiver;
using testing::test_message;

constexpr const char* kSecret = "correct horse battery staple";

// A bound for a failing delivery, generous for a loaded machine under sanitizers; a passing one returns
// as soon as the receiver answers.
WebhookNotifier make_notifier(std::chrono::milliseconds timeout = std::chrono::seconds(30)) {
  WebhookOptions options;
  options.secret = kSecret;
  options.timeout = timeout;
  return WebhookNotifier(options);
}

// Written apart from webhook_signature() on purpose: it checks the documented scheme, not the code.
std::string expected_signature(const std::string& timestamp, const std::string& body) {
  const std::string data = timestamp + "." + body;
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  HMAC(EVP_sha256(), kSecret, static_cast<int>(std::char_traits<char>::length(kSecret)),
       reinterpret_cast<const unsigned char*>(data.data()), data.size(), mac, &length);
  std::string hex;
  char byte[3];
  for (unsigned int i = 0; i < length; ++i) {
    std::snprintf(byte, sizeof byte, "%02x", mac[i]);
    hex += byte;
  }
  return "sha256=" + hex;
}

// A 2xx answer is a delivery, and the request carries the payload, the key and a verifiable signature.
TEST(WebhookNotifierTest, DeliversSignedJsonWithHeaders) {
  HttpReceiver receiver;
  auto notifier = make_notifier();
  const auto message = test_message(outbox::Channel::webhook, receiver.url("/carewatch"));

  const auto result = notifier.deliver(message);
  EXPECT_EQ(result.outcome, Outcome::delivered) << result.detail;
  EXPECT_EQ(notifier.channel(), outbox::Channel::webhook);

  const auto requests = receiver.requests();
  ASSERT_EQ(requests.size(), 1u);
  const auto& r = requests[0];
  EXPECT_EQ(r.method, "POST");
  EXPECT_EQ(r.target, "/carewatch");
  EXPECT_EQ(r.body, message.payload);
  EXPECT_EQ(r.header("Content-Type"), "application/json");
  EXPECT_EQ(r.header("Idempotency-Key"), message.idempotency_key);

  const auto timestamp = r.header("X-Carewatch-Timestamp");
  ASSERT_TRUE(timestamp.has_value());
  const auto now =
      std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
          .count();
  EXPECT_LE(std::llabs(std::stoll(*timestamp) - now), 60);

  const auto signature = r.header("X-Carewatch-Signature");
  ASSERT_TRUE(signature.has_value());
  const std::string expected = expected_signature(*timestamp, r.body);
  ASSERT_EQ(signature->size(), expected.size());
  EXPECT_EQ(CRYPTO_memcmp(signature->data(), expected.data(), expected.size()), 0) << *signature;
  EXPECT_EQ(receiver.deliveries(message.idempotency_key), 1u);
}

// A tampered body or another secret does not verify: the signature really covers the body.
TEST(WebhookNotifierTest, SignatureCoversTheBody) {
  HttpReceiver receiver;
  auto notifier = make_notifier();
  ASSERT_EQ(notifier.deliver(test_message(outbox::Channel::webhook, receiver.url())).outcome,
            Outcome::delivered);
  const auto r = receiver.requests().at(0);
  const auto timestamp = *r.header("X-Carewatch-Timestamp");
  EXPECT_NE(*r.header("X-Carewatch-Signature"), expected_signature(timestamp, r.body + " "));
  EXPECT_NE(*r.header("X-Carewatch-Signature"),
            expected_signature(std::to_string(std::stoll(timestamp) + 1), r.body));
}

// 503 twice then 200: two retries, then one delivery, and the receiver sees the same key each time.
TEST(WebhookNotifierTest, RetriesOnServiceUnavailable) {
  HttpReceiver receiver;
  receiver.respond_with(503, 2);
  auto notifier = make_notifier();
  const auto message = test_message(outbox::Channel::webhook, receiver.url());
  auto first = notifier.deliver(message);
  EXPECT_EQ(first.outcome, Outcome::retry);
  EXPECT_EQ(first.detail, "HTTP 503");
  EXPECT_EQ(notifier.deliver(message).outcome, Outcome::retry);
  EXPECT_EQ(notifier.deliver(message).outcome, Outcome::delivered);
  EXPECT_EQ(receiver.attempts(message.idempotency_key), 3u);
  EXPECT_EQ(receiver.deliveries(message.idempotency_key), 1u);
}

// 408 and 429 ask the client to come back later; they are retries, not failures.
TEST(WebhookNotifierTest, RetriesOnRequestTimeoutAndTooManyRequests) {
  HttpReceiver receiver;
  receiver.respond_with(408);
  receiver.respond_with(429);
  auto notifier = make_notifier();
  const auto message = test_message(outbox::Channel::webhook, receiver.url());
  EXPECT_EQ(notifier.deliver(message).outcome, Outcome::retry);
  EXPECT_EQ(notifier.deliver(message).outcome, Outcome::retry);
}

// 400 means the receiver will never take this message: failed, not retried.
TEST(WebhookNotifierTest, FailsOnBadRequest) {
  HttpReceiver receiver;
  receiver.respond_with(400);
  auto notifier = make_notifier();
  const auto result = notifier.deliver(test_message(outbox::Channel::webhook, receiver.url()));
  EXPECT_EQ(result.outcome, Outcome::failed);
  EXPECT_EQ(result.detail, "HTTP 400");
}

// A redirect is not followed (the URL is the configuration a person approved) and counts as failed.
TEST(WebhookNotifierTest, DoesNotFollowRedirects) {
  HttpReceiver receiver;
  receiver.respond_with(307);
  auto notifier = make_notifier();
  const auto result = notifier.deliver(test_message(outbox::Channel::webhook, receiver.url()));
  EXPECT_EQ(result.outcome, Outcome::failed);
  EXPECT_EQ(receiver.request_count(), 1u);
}

// A receiver that is down (connection refused) is retried, and the retry succeeds once it is back.
TEST(WebhookNotifierTest, RetriesWhenConnectionRefused) {
  HttpReceiver receiver;
  receiver.go_down();
  auto notifier = make_notifier();
  const auto message = test_message(outbox::Channel::webhook, receiver.url());
  const auto result = notifier.deliver(message);
  EXPECT_EQ(result.outcome, Outcome::retry);
  EXPECT_NE(result.detail.find("connect"), std::string::npos) << result.detail;
  receiver.come_back();
  EXPECT_EQ(notifier.deliver(message).outcome, Outcome::delivered);
  EXPECT_EQ(receiver.deliveries(message.idempotency_key), 1u);
}

// A receiver slower than the configured timeout gives a retry instead of blocking the deliverer.
TEST(WebhookNotifierTest, RetriesWhenReceiverIsSlowerThanTimeout) {
  HttpReceiver receiver;
  receiver.set_delay(std::chrono::seconds(3));
  auto notifier = make_notifier(std::chrono::milliseconds(300));
  const auto result = notifier.deliver(test_message(outbox::Channel::webhook, receiver.url()));
  EXPECT_EQ(result.outcome, Outcome::retry);
  EXPECT_NE(result.detail.find("imeout"), std::string::npos) << result.detail;
}

// Only http and https URLs are used; anything else is a permanent failure with no request made.
TEST(WebhookNotifierTest, FailsOnNonHttpRecipient) {
  auto notifier = make_notifier();
  EXPECT_EQ(notifier.deliver(test_message(outbox::Channel::webhook, "file:///etc/passwd")).outcome,
            Outcome::failed);
  EXPECT_EQ(notifier.deliver(test_message(outbox::Channel::webhook, "ftp://127.0.0.1/x")).outcome,
            Outcome::failed);
  EXPECT_EQ(notifier.deliver(test_message(outbox::Channel::webhook, "")).outcome, Outcome::failed);
}

// A key with a line break could smuggle extra headers; it is refused before any request.
TEST(WebhookNotifierTest, RefusesKeyWithLineBreak) {
  HttpReceiver receiver;
  auto notifier = make_notifier();
  const auto result =
      notifier.deliver(test_message(outbox::Channel::webhook, receiver.url(), "k\r\nX-Injected: yes"));
  EXPECT_EQ(result.outcome, Outcome::failed);
  EXPECT_EQ(receiver.request_count(), 0u);
}

// The request carries the payload and the fixed headers only: nothing else of the message leaks.
TEST(WebhookNotifierTest, SendsOnlyPayloadAndFixedHeaders) {
  HttpReceiver receiver;
  auto notifier = make_notifier();
  const auto message = test_message(outbox::Channel::webhook, receiver.url());
  ASSERT_EQ(notifier.deliver(message).outcome, Outcome::delivered);
  const auto r = receiver.requests().at(0);
  const std::set<std::string> allowed = {"Host",
                                         "Accept",
                                         "Content-Type",
                                         "Content-Length",
                                         "Idempotency-Key",
                                         "X-Carewatch-Timestamp",
                                         "X-Carewatch-Signature",
                                         "User-Agent"};
  for (const auto& [name, value] : r.headers) {
    EXPECT_TRUE(allowed.count(name)) << "unexpected header " << name;
    EXPECT_EQ(value.find("registered_manager"), std::string::npos) << name;
    EXPECT_EQ(value.find("H001"), std::string::npos) << name;
  }
  EXPECT_EQ(r.body, message.payload);
}

// The table the README documents: which HTTP statuses are delivered, retried or failed.
TEST(WebhookNotifierTest, ClassifiesStatuses) {
  EXPECT_EQ(WebhookNotifier::classify_status(200).outcome, Outcome::delivered);
  EXPECT_EQ(WebhookNotifier::classify_status(204).outcome, Outcome::delivered);
  EXPECT_EQ(WebhookNotifier::classify_status(301).outcome, Outcome::failed);
  EXPECT_EQ(WebhookNotifier::classify_status(404).outcome, Outcome::failed);
  EXPECT_EQ(WebhookNotifier::classify_status(408).outcome, Outcome::retry);
  EXPECT_EQ(WebhookNotifier::classify_status(429).outcome, Outcome::retry);
  EXPECT_EQ(WebhookNotifier::classify_status(500).outcome, Outcome::retry);
  EXPECT_EQ(WebhookNotifier::classify_status(599).outcome, Outcome::retry);
}

// A notifier without a secret could not sign; it refuses to exist.
TEST(WebhookNotifierTest, RequiresSecret) {
  EXPECT_THROW(WebhookNotifier(WebhookOptions{}), std::invalid_argument);
}

}  // namespace
}  // namespace carewatch::notify
