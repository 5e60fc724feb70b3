#include "notify/smtp_notifier.hpp"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <memory>
#include <stdexcept>

#include <curl/curl.h>

#include "notify/curl_global.hpp"
#include "notify/email_message.hpp"

namespace carewatch::notify {
namespace {

using Outcome = DeliveryResult::Outcome;

struct EasyDeleter {
  void operator()(CURL* handle) const noexcept { curl_easy_cleanup(handle); }
};
struct ListDeleter {
  void operator()(curl_slist* list) const noexcept { curl_slist_free_all(list); }
};

struct Upload {
  std::string_view text;
  std::size_t sent = 0;
};

std::size_t read_upload(char* buffer, std::size_t size, std::size_t count, void* user) {
  auto* upload = static_cast<Upload*>(user);
  const std::size_t n = std::min(size * count, upload->text.size() - upload->sent);
  std::memcpy(buffer, upload->text.data() + upload->sent, n);
  upload->sent += n;
  return n;
}

bool starts_with(std::string_view text, std::string_view prefix) {
  return text.size() >= prefix.size() && text.substr(0, prefix.size()) == prefix;
}

// smtp://user:password@host: libcurl would log in with these, bypassing password_file (its permission
// check) and the refusal of credentials on a connection that may stay plain text.
bool has_userinfo(std::string_view url) {
  const auto scheme_end = url.find("://");
  if (scheme_end == std::string_view::npos) return false;
  const std::string_view rest = url.substr(scheme_end + 3);
  return rest.substr(0, rest.find_first_of("/?#")).find('@') != std::string_view::npos;
}

}  // namespace

SmtpNotifier::SmtpNotifier(SmtpOptions options) : options_(std::move(options)) {
  if (!starts_with(options_.url, "smtp://") && !starts_with(options_.url, "smtps://"))
    throw std::invalid_argument("email notifier: the URL must start with smtp:// or smtps://");
  if (has_userinfo(options_.url))
    throw std::invalid_argument(
        "email notifier: the URL must not hold credentials (use username and password_file)");
  if (!plausible_address(options_.from))
    throw std::invalid_argument("email notifier: the from address is not a plain address");
  if (options_.timeout.count() <= 0)
    throw std::invalid_argument("email notifier: the timeout must be positive");
  ensure_curl_initialized();
}

DeliveryResult SmtpNotifier::deliver(const outbox::Message& message) noexcept {
  try {
    return attempt(message);
  } catch (const std::exception& e) {
    return {Outcome::retry, std::string("email: ") + e.what()};
  } catch (...) {
    return {Outcome::retry, "email: unknown error"};
  }
}

DeliveryResult SmtpNotifier::attempt(const outbox::Message& message) {
  const ComposedEmail email =
      compose_email(message, options_.from,
                    std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now()));
  if (!email) return {Outcome::failed, "email: " + email.error};

  // Declared before the handle: curl_easy_cleanup() says QUIT and may write an error here, so the
  // buffer must outlive the handle.
  char error_buffer[CURL_ERROR_SIZE] = {};
  std::unique_ptr<CURL, EasyDeleter> curl(curl_easy_init());
  if (!curl) return {Outcome::retry, "email: curl_easy_init failed"};
  CURL* h = curl.get();

  const std::string mail_from = "<" + options_.from + ">";
  std::unique_ptr<curl_slist, ListDeleter> recipients(
      curl_slist_append(nullptr, ("<" + message.recipient + ">").c_str()));
  if (!recipients) throw std::bad_alloc();
  Upload upload{email.text};

  curl_easy_setopt(h, CURLOPT_ERRORBUFFER, error_buffer);
  curl_easy_setopt(h, CURLOPT_URL, options_.url.c_str());
  curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
  curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);  // the deliverer's thread must not get SIGALRM
  curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, static_cast<long>(options_.timeout.count()));
  curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(options_.timeout.count()));
  // CURLOPT_TIMEOUT_MS does not cover the QUIT that curl_easy_cleanup() sends after the transfer: that
  // reply is awaited for the server response timeout, two minutes unless set (whole seconds here).
  curl_easy_setopt(h, CURLOPT_SERVER_RESPONSE_TIMEOUT,
                   static_cast<long>(std::max<std::int64_t>(1, (options_.timeout.count() + 999) / 1000)));
  curl_easy_setopt(h, CURLOPT_MAIL_FROM, mail_from.c_str());
  curl_easy_setopt(h, CURLOPT_MAIL_RCPT, recipients.get());
  curl_easy_setopt(h, CURLOPT_UPLOAD, 1L);
  curl_easy_setopt(h, CURLOPT_READFUNCTION, &read_upload);
  curl_easy_setopt(h, CURLOPT_READDATA, &upload);
  curl_easy_setopt(h, CURLOPT_INFILESIZE_LARGE, static_cast<curl_off_t>(email.text.size()));
  switch (options_.starttls) {
    case StartTls::off:
      curl_easy_setopt(h, CURLOPT_USE_SSL, static_cast<long>(CURLUSESSL_NONE));
      break;
    case StartTls::when_offered:
      curl_easy_setopt(h, CURLOPT_USE_SSL, static_cast<long>(CURLUSESSL_TRY));
      break;
    case StartTls::required:
      curl_easy_setopt(h, CURLOPT_USE_SSL, static_cast<long>(CURLUSESSL_ALL));
      break;
  }
  if (!options_.ca_file.empty()) curl_easy_setopt(h, CURLOPT_CAINFO, options_.ca_file.c_str());
  curl_easy_setopt(h, CURLOPT_SSL_VERIFYPEER, options_.verify_tls ? 1L : 0L);
  curl_easy_setopt(h, CURLOPT_SSL_VERIFYHOST, options_.verify_tls ? 2L : 0L);
  if (!options_.username.empty()) {
    curl_easy_setopt(h, CURLOPT_USERNAME, options_.username.c_str());
    curl_easy_setopt(h, CURLOPT_PASSWORD, options_.password.c_str());
  }

  const CURLcode code = curl_easy_perform(h);
  if (code == CURLE_OK) return DeliveryResult::ok();

  long reply = 0;
  curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &reply);
  std::string detail = curl_easy_strerror(code);
  if (error_buffer[0] != '\0') detail += std::string(": ") + error_buffer;
  if (reply >= 400 && reply < 600) {
    detail = "SMTP " + std::to_string(reply) + " (" + detail + ")";
    return {reply >= 500 ? Outcome::failed : Outcome::retry, "email: " + detail};
  }
  switch (code) {
    case CURLE_URL_MALFORMAT:
    case CURLE_UNSUPPORTED_PROTOCOL:
    case CURLE_LOGIN_DENIED:
      return {Outcome::failed, "email: " + detail};
    default:
      return {Outcome::retry, "email: " + detail};
  }
}

}  // namespace carewatch::notify
