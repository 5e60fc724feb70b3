#pragma once
// SmtpNotifier: delivers a message as a plain-text email through an SMTP server with libcurl. The
// message text is compose_email()'s (email_message.hpp); the envelope is MAIL FROM:<from>,
// RCPT TO:<message.recipient>.
//
// Outcomes: the server accepted the message → delivered; an SMTP 4xx reply, connection refused,
// DNS failure, timeout, a TLS handshake or certificate failure, or STARTTLS required but not offered
// → retry (these concern the connection, not the message; the deliverer dead-letters after its
// attempts, with this detail as the reason); an SMTP 5xx reply (including 535 authentication failed
// and 530 "STARTTLS first") → failed; a recipient or header value that is not safe to send → failed.

#include <chrono>
#include <filesystem>
#include <string>

#include "notify/notifier.hpp"

namespace carewatch::notify {

// How STARTTLS is used on an smtp:// URL (smtps:// is TLS from the first byte whatever this says).
enum class StartTls {
  off,           // never: plain text (a local relay on loopback only)
  when_offered,  // if the server offers it; open to a downgrade by whoever sits on the path
  required       // or the attempt fails (retry) without sending anything
};

struct SmtpOptions {
  std::string url;   // smtp://host[:port] or smtps://host[:port]
  std::string from;  // the sender address, bare addr-spec: carewatch@example.org
  StartTls starttls = StartTls::required;
  std::string username;  // AUTH when not empty
  std::string password;
  std::filesystem::path ca_file;             // PEM bundle to verify the server with; empty: the system's
  bool verify_tls = true;                    // verify the certificate chain and the host name
  // The whole attempt, connect included; the QUIT reply after it is awaited at most this long again.
  std::chrono::milliseconds timeout{30000};
};

class SmtpNotifier final : public Notifier {
 public:
  // Throws std::invalid_argument when the URL is not smtp:// or smtps:// or holds credentials
  // (user:password@), the from address is not a plain address, or the timeout is not positive.
  explicit SmtpNotifier(SmtpOptions options);

  outbox::Channel channel() const noexcept override { return outbox::Channel::email; }
  DeliveryResult deliver(const outbox::Message& message) noexcept override;

 private:
  DeliveryResult attempt(const outbox::Message& message);

  SmtpOptions options_;
};

}  // namespace carewatch::notify
