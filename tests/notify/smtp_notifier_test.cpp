#include "notify/smtp_notifier.hpp"

#include <gtest/gtest.h>

#include <future>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>

#include "support/smtp_server.hpp"
#include "test_message.hpp"

namespace carewatch::notify {
namespace {

using Outcome = DeliveryResult::Outcome;
using test_support::SmtpServer;
using test_support::SmtpServerOptions;
using testing::test_message;

constexpr const char* kFrom = "carewatch@provider.example";
constexpr const char* kTo = "rm.h001@provider.example";

SmtpOptions options_for(const SmtpServer& server, StartTls starttls = StartTls::off) {
  SmtpOptions options;
  options.url = server.url();
  options.from = kFrom;
  options.starttls = starttls;
  // A bound for a failing attempt, generous for a loaded machine under sanitizers (a STARTTLS handshake
  // with a Python server); a passing one returns as soon as the server has accepted the message.
  options.timeout = std::chrono::seconds(30);
  return options;
}

// Undoes quoted-printable (RFC 2045 6.7), written independently of the notifier's encoder.
std::string decode_quoted_printable(const std::string& text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '=') {
      out += text[i];
    } else if (text.compare(i + 1, 2, "\r\n") == 0) {
      i += 2;
    } else {
      out += static_cast<char>(std::stoi(text.substr(i + 1, 2), nullptr, 16));
      i += 2;
    }
  }
  return out;
}

std::string with_crlf(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c == '\n') out += '\r';
    out += c;
  }
  return out;
}

// The email arrives with the envelope, the documented headers and the body of the message.
TEST(SmtpNotifierTest, DeliversEmailWithHeadersAndBody) {
  SmtpServer server;
  SmtpNotifier notifier(options_for(server));
  const auto message = test_message(outbox::Channel::email, kTo);
  const auto result = notifier.deliver(message);
  ASSERT_EQ(result.outcome, Outcome::delivered) << result.detail;
  EXPECT_EQ(notifier.channel(), outbox::Channel::email);

  const auto mails = server.messages();
  ASSERT_EQ(mails.size(), 1u);
  const auto& mail = mails[0];
  EXPECT_EQ(mail.mail_from, kFrom);
  EXPECT_EQ(mail.rcpt_tos, std::vector<std::string>{kTo});
  EXPECT_EQ(mail.header("From"), kFrom);
  EXPECT_EQ(mail.header("To"), kTo);
  EXPECT_EQ(mail.header("Subject"), message.subject);
  EXPECT_EQ(mail.header("Date"), "Thu, 26 Nov 2026 09:00:00 +0000");
  EXPECT_EQ(mail.header("Message-ID"), "<carewatch.esc-42-opened-0-rm@provider.example>");
  EXPECT_EQ(mail.header("X-Carewatch-Idempotency-Key"), message.idempotency_key);
  EXPECT_EQ(mail.header("Content-Type"), "text/plain; charset=UTF-8");
  EXPECT_EQ(mail.header("Content-Transfer-Encoding"), "quoted-printable");
  EXPECT_EQ(decode_quoted_printable(mail.body()), with_crlf(message.body));
  EXPECT_FALSE(mail.tls);
}

// The email holds the message's subject and body and fixed headers only: no payload, role or ids
// beyond what the subject and body already say.
TEST(SmtpNotifierTest, CarriesOnlyWhatTheMessageHolds) {
  SmtpServer server;
  SmtpNotifier notifier(options_for(server));
  const auto message = test_message(outbox::Channel::email, kTo);
  ASSERT_EQ(notifier.deliver(message).outcome, Outcome::delivered);
  const auto mail = server.messages().at(0);
  EXPECT_EQ(mail.header_names(),
            (std::vector<std::string>{"Date", "From", "To", "Subject", "Message-ID",
                                      "X-Carewatch-Idempotency-Key", "Auto-Submitted", "MIME-Version",
                                      "Content-Type", "Content-Transfer-Encoding"}));
  EXPECT_EQ(mail.data.find("severity"), std::string::npos);  // the webhook payload is not included
  EXPECT_EQ(mail.data.find("registered_manager"), std::string::npos);
}

// Lines starting with a dot, long lines, non-ASCII text and trailing spaces survive the trip intact.
TEST(SmtpNotifierTest, BodySurvivesDotsLongLinesAndUtf8) {
  SmtpServer server;
  SmtpNotifier notifier(options_for(server));
  auto message = test_message(outbox::Channel::email, kTo);
  message.body =
      ".\n..two dots\nline with trailing space \n" + std::string(200, 'x') + "\nd\xC3\xA9j\xC3\xA0 = 1\n";
  message.subject = "R\xC3\xA9sum\xC3\xA9 of escalation 42 " + std::string(60, 'y');
  ASSERT_EQ(notifier.deliver(message).outcome, Outcome::delivered);
  const auto mail = server.messages().at(0);
  EXPECT_EQ(decode_quoted_printable(mail.body()), with_crlf(message.body));
  for (std::size_t start = 0, end; start < mail.data.size(); start = end + 2) {
    end = mail.data.find("\r\n", start);
    if (end == std::string::npos) break;
    EXPECT_LE(end - start, 78u) << mail.data.substr(start, end - start);
  }
  EXPECT_EQ(mail.header("Subject")->rfind("=?UTF-8?B?", 0), 0u);
}

// A subject or recipient with CR/LF would add headers or recipients; the message is refused unsent.
TEST(SmtpNotifierTest, RefusesHeaderInjection) {
  SmtpServer server;
  SmtpNotifier notifier(options_for(server));
  auto message = test_message(outbox::Channel::email, kTo);
  message.subject = "Escalation 42\r\nBcc: someone@elsewhere.example";
  EXPECT_EQ(notifier.deliver(message).outcome, Outcome::failed);
  message = test_message(outbox::Channel::email, std::string(kTo) + "\r\nBcc: someone@elsewhere.example");
  EXPECT_EQ(notifier.deliver(message).outcome, Outcome::failed);
  message = test_message(outbox::Channel::email, kTo, "key\nBcc: someone@elsewhere.example");
  EXPECT_EQ(notifier.deliver(message).outcome, Outcome::failed);
  message =
      test_message(outbox::Channel::email, "Someone <someone@elsewhere.example>, other@elsewhere.example");
  EXPECT_EQ(notifier.deliver(message).outcome, Outcome::failed);
  EXPECT_TRUE(server.messages().empty());

  auto options = options_for(server);
  options.from = "carewatch@provider.example\r\nBcc: someone@elsewhere.example";
  EXPECT_THROW(SmtpNotifier{options}, std::invalid_argument);
}

// With STARTTLS required and a server that does not offer it, nothing is sent and the attempt is a
// retry (a connection problem a person fixes; the deliverer dead-letters after its attempts).
TEST(SmtpNotifierTest, StartTlsRequiredButNotOfferedIsNotDelivered) {
  SmtpServer server;
  SmtpNotifier notifier(options_for(server, StartTls::required));
  const auto result = notifier.deliver(test_message(outbox::Channel::email, kTo));
  EXPECT_EQ(result.outcome, Outcome::retry) << result.detail;
  EXPECT_TRUE(server.messages().empty());
}

// STARTTLS with the server's certificate as CA file: delivered over TLS.
TEST(SmtpNotifierTest, DeliversOverStartTls) {
  SmtpServerOptions tls;
  tls.require_starttls = true;
  SmtpServer server(tls);
  auto options = options_for(server, StartTls::required);
  options.ca_file = server.ca_file();
  SmtpNotifier notifier(options);
  const auto result = notifier.deliver(test_message(outbox::Channel::email, kTo));
  ASSERT_EQ(result.outcome, Outcome::delivered) << result.detail;
  ASSERT_EQ(server.messages().size(), 1u);
  EXPECT_TRUE(server.messages()[0].tls);
}

// "When offered" upgrades to TLS when the server offers it.
TEST(SmtpNotifierTest, UsesStartTlsWhenOffered) {
  SmtpServerOptions tls;
  tls.starttls = true;
  SmtpServer server(tls);
  auto options = options_for(server, StartTls::when_offered);
  options.ca_file = server.ca_file();
  SmtpNotifier notifier(options);
  ASSERT_EQ(notifier.deliver(test_message(outbox::Channel::email, kTo)).outcome, Outcome::delivered);
  EXPECT_TRUE(server.messages().at(0).tls);
}

// A certificate the client cannot verify stops the attempt before anything is sent.
TEST(SmtpNotifierTest, RefusesUnverifiedCertificate) {
  SmtpServerOptions tls;
  tls.require_starttls = true;
  SmtpServer server(tls);
  SmtpNotifier notifier(options_for(server, StartTls::required));  // system CAs: self-signed fails
  const auto result = notifier.deliver(test_message(outbox::Channel::email, kTo));
  EXPECT_EQ(result.outcome, Outcome::retry) << result.detail;
  EXPECT_TRUE(server.messages().empty());
}

// AUTH over STARTTLS with the right password delivers as that user; a wrong one is a 535, failed.
TEST(SmtpNotifierTest, AuthenticatesOverStartTls) {
  SmtpServerOptions auth;
  auth.require_starttls = true;
  auth.auth_user = "carewatch";
  auth.auth_password = "s3cret pass";
  SmtpServer server(auth);
  auto options = options_for(server, StartTls::required);
  options.ca_file = server.ca_file();
  options.username = "carewatch";
  options.password = "s3cret pass";
  const auto result = SmtpNotifier(options).deliver(test_message(outbox::Channel::email, kTo));
  ASSERT_EQ(result.outcome, Outcome::delivered) << result.detail;
  EXPECT_EQ(server.messages().at(0).auth_login, "carewatch");

  options.password = "wrong";
  const auto denied = SmtpNotifier(options).deliver(test_message(outbox::Channel::email, kTo));
  EXPECT_EQ(denied.outcome, Outcome::failed) << denied.detail;
  EXPECT_EQ(server.messages().size(), 1u);
}

// Without credentials a server that requires AUTH refuses the mail: not delivered.
TEST(SmtpNotifierTest, MissingCredentialsAreNotDelivered) {
  SmtpServerOptions auth;
  auth.require_starttls = true;
  auth.auth_user = "carewatch";
  auth.auth_password = "s3cret";
  SmtpServer server(auth);
  auto options = options_for(server, StartTls::required);
  options.ca_file = server.ca_file();
  const auto result = SmtpNotifier(options).deliver(test_message(outbox::Channel::email, kTo));
  EXPECT_EQ(result.outcome, Outcome::failed) << result.detail;
  EXPECT_TRUE(server.messages().empty());
}

// A 4xx reply is temporary (retry), a 5xx reply permanent (failed), each with the code in the detail.
TEST(SmtpNotifierTest, ClassifiesSmtpReplies) {
  SmtpServer server;
  SmtpNotifier notifier(options_for(server));
  const auto deferred = notifier.deliver(test_message(outbox::Channel::email, "defer@provider.example"));
  EXPECT_EQ(deferred.outcome, Outcome::retry);
  EXPECT_NE(deferred.detail.find("SMTP 451"), std::string::npos) << deferred.detail;
  const auto rejected = notifier.deliver(test_message(outbox::Channel::email, "reject@provider.example"));
  EXPECT_EQ(rejected.outcome, Outcome::failed);
  EXPECT_NE(rejected.detail.find("SMTP 550"), std::string::npos) << rejected.detail;
  EXPECT_TRUE(server.messages().empty());
}

// A server that is not there (connection refused) is retried.
TEST(SmtpNotifierTest, RetriesWhenConnectionRefused) {
  SmtpOptions options;
  {
    SmtpServer gone;
    options = options_for(gone);
  }
  const auto result = SmtpNotifier(options).deliver(test_message(outbox::Channel::email, kTo));
  EXPECT_EQ(result.outcome, Outcome::retry) << result.detail;
}

// A server that accepts the connection but never greets is given up on at the timeout: retry.
TEST(SmtpNotifierTest, RetriesOnTimeout) {
  boost::asio::io_context io;
  // Listening without accepting: the kernel completes the handshake, then nothing is ever said.
  boost::asio::ip::tcp::acceptor silent(io, {boost::asio::ip::make_address("127.0.0.1"), 0});
  SmtpOptions options;
  options.url = "smtp://127.0.0.1:" + std::to_string(silent.local_endpoint().port());
  options.from = kFrom;
  options.starttls = StartTls::off;
  options.timeout = std::chrono::milliseconds(300);
  const auto result = SmtpNotifier(options).deliver(test_message(outbox::Channel::email, kTo));
  EXPECT_EQ(result.outcome, Outcome::retry);
  EXPECT_NE(result.detail.find("imeout"), std::string::npos) << result.detail;
}

// A relay that accepts the message and then never answers QUIT does not hold the deliverer for
// libcurl's two-minute default: the configured timeout bounds that last wait too. (The bound below is
// for a failure only, well above twice the timeout and below two minutes, not a speed assertion.)
TEST(SmtpNotifierTest, QuitWaitIsBoundedByTimeout) {
  SmtpServerOptions stall;
  stall.stall_quit = true;
  SmtpServer server(stall);
  auto options = options_for(server);
  options.timeout = std::chrono::seconds(10);
  SmtpNotifier notifier(options);
  auto delivery = std::async(std::launch::async,
                             [&] { return notifier.deliver(test_message(outbox::Channel::email, kTo)); });
  ASSERT_EQ(delivery.wait_for(std::chrono::seconds(90)), std::future_status::ready)
      << "deliver() still waiting for the QUIT reply";
  const auto result = delivery.get();
  EXPECT_EQ(result.outcome, Outcome::delivered) << result.detail;
  EXPECT_EQ(server.messages().size(), 1u);
}

// Only smtp:// and smtps:// URLs and plain sender addresses make a notifier.
TEST(SmtpNotifierTest, RejectsBadOptions) {
  SmtpOptions options;
  options.url = "http://127.0.0.1:25";
  options.from = kFrom;
  EXPECT_THROW(SmtpNotifier{options}, std::invalid_argument);
  options.url = "smtp://127.0.0.1:25";
  options.from = "not an address";
  EXPECT_THROW(SmtpNotifier{options}, std::invalid_argument);
}

// Credentials in the URL would be sent whatever starttls says and skip password_file: refused.
TEST(SmtpNotifierTest, RejectsCredentialsInUrl) {
  SmtpOptions options;
  options.from = kFrom;
  options.starttls = StartTls::off;
  options.url = "smtp://carewatch:s3cret@127.0.0.1:25";
  EXPECT_THROW(SmtpNotifier{options}, std::invalid_argument);
  options.url = "smtps://carewatch@127.0.0.1:465/";
  EXPECT_THROW(SmtpNotifier{options}, std::invalid_argument);
  options.url = "smtp://127.0.0.1:25/client.example";  // a path (the EHLO name), no credentials
  EXPECT_NO_THROW(SmtpNotifier{options});
}

}  // namespace
}  // namespace carewatch::notify
