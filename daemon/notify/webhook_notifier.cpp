#include "notify/webhook_notifier.hpp"

#include <algorithm>
#include <memory>
#include <stdexcept>

#include <curl/curl.h>

#include "notify/curl_global.hpp"
#include "notify/webhook_signature.hpp"

namespace carewatch::notify {
namespace {

using Outcome = DeliveryResult::Outcome;

struct EasyDeleter {
  void operator()(CURL* handle) const noexcept { curl_easy_cleanup(handle); }
};
struct ListDeleter {
  void operator()(curl_slist* list) const noexcept { curl_slist_free_all(list); }
};

// The receiver's answer body is not used; reading it keeps the connection orderly.
std::size_t discard(char*, std::size_t size, std::size_t count, void*) {
  return size * count;
}

// Control characters in a header value would let it end the header early (header injection).
bool safe_header_value(std::string_view value) {
  return std::none_of(value.begin(), value.end(), [](char c) {
    const auto b = static_cast<unsigned char>(c);
    return b < 0x20 || b == 0x7f;
  });
}

DeliveryResult transport_failure(CURLcode code, const char* error_buffer) {
  std::string detail = curl_easy_strerror(code);
  if (error_buffer[0] != '\0') detail += std::string(": ") + error_buffer;
  switch (code) {
    case CURLE_URL_MALFORMAT:
    case CURLE_UNSUPPORTED_PROTOCOL:
      return {Outcome::failed, detail};
    default:
      // Refused, unreachable, DNS, TLS and timeouts: the receiver may be back later.
      return {Outcome::retry, detail};
  }
}

}  // namespace

WebhookNotifier::WebhookNotifier(WebhookOptions options) : options_(std::move(options)) {
  if (options_.secret.empty()) throw std::invalid_argument("webhook notifier: the signing secret is empty");
  if (options_.timeout.count() <= 0)
    throw std::invalid_argument("webhook notifier: the timeout must be positive");
  ensure_curl_initialized();
}

DeliveryResult WebhookNotifier::classify_status(long status) {
  const std::string detail = "HTTP " + std::to_string(status);
  if (status >= 200 && status < 300) return {Outcome::delivered, detail};
  if (status == 408 || status == 429 || (status >= 500 && status < 600)) return {Outcome::retry, detail};
  return {Outcome::failed, detail};
}

DeliveryResult WebhookNotifier::deliver(const outbox::Message& message) noexcept {
  try {
    return attempt(message);
  } catch (const std::exception& e) {
    return {Outcome::retry, std::string("webhook: ") + e.what()};
  } catch (...) {
    return {Outcome::retry, "webhook: unknown error"};
  }
}

DeliveryResult WebhookNotifier::attempt(const outbox::Message& message) {
  if (message.recipient.empty()) return {Outcome::failed, "webhook: no recipient URL"};
  if (!safe_header_value(message.idempotency_key) || message.idempotency_key.empty())
    return {Outcome::failed, "webhook: the idempotency key is empty or has control characters"};

  std::unique_ptr<CURL, EasyDeleter> curl(curl_easy_init());
  if (!curl) return {Outcome::retry, "webhook: curl_easy_init failed"};

  const std::string timestamp = std::to_string(
      std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
          .count());
  const std::string signature = webhook_signature(options_.secret, timestamp, message.payload);

  std::unique_ptr<curl_slist, ListDeleter> headers;
  auto add_header = [&headers](const std::string& line) {
    curl_slist* grown = curl_slist_append(headers.get(), line.c_str());
    if (grown == nullptr) throw std::bad_alloc();
    static_cast<void>(headers.release());
    headers.reset(grown);
  };
  add_header("Content-Type: application/json");
  add_header("Idempotency-Key: " + message.idempotency_key);
  add_header(std::string(kTimestampHeader) + ": " + timestamp);
  add_header(std::string(kSignatureHeader) + ": " + std::string(kSignaturePrefix) + signature);
  add_header("User-Agent: carewatch-notify");
  // Without this, curl waits for "100 Continue" before sending bodies over 1 KiB.
  add_header("Expect:");

  char error_buffer[CURL_ERROR_SIZE] = {};
  CURL* h = curl.get();
  curl_easy_setopt(h, CURLOPT_ERRORBUFFER, error_buffer);
  curl_easy_setopt(h, CURLOPT_URL, message.recipient.c_str());
  curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 0L);
  curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);  // the deliverer's thread must not get SIGALRM
  curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, static_cast<long>(options_.timeout.count()));
  curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(options_.timeout.count()));
  curl_easy_setopt(h, CURLOPT_POST, 1L);
  curl_easy_setopt(h, CURLOPT_POSTFIELDS, message.payload.data());
  curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(message.payload.size()));
  curl_easy_setopt(h, CURLOPT_HTTPHEADER, headers.get());
  curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, &discard);

  const CURLcode code = curl_easy_perform(h);
  if (code != CURLE_OK) return transport_failure(code, error_buffer);
  long status = 0;
  curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &status);
  auto result = classify_status(status);
  if (result.outcome == Outcome::delivered) result.detail.clear();
  return result;
}

}  // namespace carewatch::notify
