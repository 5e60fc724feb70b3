#pragma once
// SmtpServer: a real SMTP server on 127.0.0.1 for tests of anything that sends email. It runs
// tests/support/smtp_server.py (aiosmtpd) under /usr/bin/python3 as a child process on a free port,
// and returns once the server accepts connections. Every accepted message is kept (envelope and raw
// data) and read back with messages().
//
//   test_support::SmtpServerOptions tls;
//   tls.require_starttls = true;
//   test_support::SmtpServer smtp(tls);
//   options.url = smtp.url();            // "smtp://127.0.0.1:<port>"
//   options.ca_file = smtp.ca_file();    // the self-signed certificate, valid for 127.0.0.1
//   ... deliver ...
//   auto mail = smtp.messages().at(0);   // mail.header("Subject"), mail.body(), mail.tls
//
// Recipients whose local part starts with "defer" are refused at RCPT with 451, "reject" with 550.
//
// Thread-safety: none needed beyond const methods; the destructor stops the child (SIGTERM) and
// removes its files.

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <sys/types.h>

#include "temp_dir.hpp"

namespace carewatch::test_support {

struct SmtpServerOptions {
  // Offer STARTTLS with a self-signed certificate for 127.0.0.1 and localhost, generated now with the
  // openssl command-line tool.
  bool starttls = false;
  // Refuse mail until the client has started TLS (implies starttls).
  bool require_starttls = false;
  // Require AUTH (PLAIN or LOGIN) with these credentials when auth_user is not empty.
  std::string auth_user;
  std::string auth_password;
  // Accept AUTH on a connection that has not started TLS (off: AUTH needs TLS, as real servers do).
  bool auth_without_tls = false;
  // Never answer QUIT: a relay that hangs after accepting the message.
  bool stall_quit = false;
};

struct ReceivedMail {
  std::string mail_from;                  // the envelope sender (MAIL FROM)
  std::vector<std::string> rcpt_tos;      // the envelope recipients (RCPT TO) the server accepted
  std::string data;                       // the raw message as received, CRLF line ends, dots unstuffed
  bool tls = false;                       // the message came over a connection that had started TLS
  std::optional<std::string> auth_login;  // the user the client authenticated as

  // The header section: everything before the first empty line.
  std::string head() const;
  // The body: everything after the first empty line, as sent (not decoded).
  std::string body() const;
  // The first header of that name (case-insensitive), unfolded, without the name and leading space.
  std::optional<std::string> header(std::string_view name) const;
  // Every header name in order, as sent.
  std::vector<std::string> header_names() const;
};

class SmtpServer {
 public:
  // Starts the server; throws std::runtime_error with the child's error output if it does not come up
  // within a few seconds.
  explicit SmtpServer(SmtpServerOptions options = {});
  ~SmtpServer();
  SmtpServer(const SmtpServer&) = delete;
  SmtpServer& operator=(const SmtpServer&) = delete;

  std::uint16_t port() const noexcept { return port_; }
  // "smtp://127.0.0.1:<port>".
  std::string url() const;
  // The self-signed certificate (PEM) clients use as their CA file; empty without STARTTLS.
  const std::filesystem::path& ca_file() const noexcept { return cert_; }
  // Every message accepted so far, in order.
  std::vector<ReceivedMail> messages() const;
  // Stops the server now (SIGTERM, then waits for it); later connections to port() are refused and
  // messages() still lists what was received. The destructor does the same. Idempotent.
  void stop();

 private:
  void generate_certificate();

  SmtpServerOptions options_;
  TempDir dir_{"smtp"};
  std::filesystem::path spool_;
  std::filesystem::path cert_;
  std::filesystem::path key_;
  pid_t pid_ = -1;
  std::uint16_t port_ = 0;
};

}  // namespace carewatch::test_support
