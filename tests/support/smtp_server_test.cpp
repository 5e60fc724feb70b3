#include "support/smtp_server.hpp"

#include <gtest/gtest.h>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read_until.hpp>
#include <boost/asio/streambuf.hpp>
#include <boost/asio/write.hpp>

namespace carewatch::test_support {
namespace {

namespace asio = boost::asio;

// A minimal SMTP client: sends each command and returns the server's reply codes.
class SmtpDialogue {
 public:
  explicit SmtpDialogue(std::uint16_t port) : socket_(io_) {
    socket_.connect({asio::ip::make_address("127.0.0.1"), port});
    greeting_ = reply();
  }
  int greeting() const { return greeting_; }
  int send(const std::string& line) {
    asio::write(socket_, asio::buffer(line + "\r\n"));
    return reply();
  }

 private:
  int reply() {
    // Multi-line replies ("250-...") end with a line whose fourth character is a space.
    for (;;) {
      asio::read_until(socket_, buffer_, "\r\n");
      std::istream in(&buffer_);
      std::string line;
      std::getline(in, line);
      if (line.size() < 4 || line[3] == ' ') return std::stoi(line.substr(0, 3));
    }
  }

  asio::io_context io_;
  asio::ip::tcp::socket socket_;
  asio::streambuf buffer_;
  int greeting_ = 0;
};

// A message sent over plain SMTP is kept with its envelope and raw data, headers readable.
TEST(SmtpServerTest, KeepsEnvelopeAndData) {
  SmtpServer server;
  SmtpDialogue smtp(server.port());
  EXPECT_EQ(smtp.greeting(), 220);
  EXPECT_EQ(smtp.send("EHLO client"), 250);
  EXPECT_EQ(smtp.send("MAIL FROM:<from@example.test>"), 250);
  EXPECT_EQ(smtp.send("RCPT TO:<to@example.test>"), 250);
  EXPECT_EQ(smtp.send("DATA"), 354);
  EXPECT_EQ(smtp.send("Subject: one\r\n two\r\nX-Id: 7\r\n\r\nbody line\r\n."), 250);
  EXPECT_EQ(smtp.send("QUIT"), 221);

  const auto mails = server.messages();
  ASSERT_EQ(mails.size(), 1u);
  EXPECT_EQ(mails[0].mail_from, "from@example.test");
  EXPECT_EQ(mails[0].rcpt_tos, std::vector<std::string>{"to@example.test"});
  EXPECT_EQ(mails[0].header("subject"), "one two");
  EXPECT_EQ(mails[0].header("X-Id"), "7");
  EXPECT_EQ(mails[0].header("Missing"), std::nullopt);
  EXPECT_EQ(mails[0].header_names(), (std::vector<std::string>{"Subject", "X-Id"}));
  EXPECT_FALSE(mails[0].tls);
  EXPECT_TRUE(server.ca_file().empty());
}

// After stop() the port refuses connections and what was received stays readable.
TEST(SmtpServerTest, StopsOnRequest) {
  SmtpServer server;
  {
    SmtpDialogue smtp(server.port());
    EXPECT_EQ(smtp.send("EHLO client"), 250);
    EXPECT_EQ(smtp.send("MAIL FROM:<from@example.test>"), 250);
    EXPECT_EQ(smtp.send("RCPT TO:<to@example.test>"), 250);
    EXPECT_EQ(smtp.send("DATA"), 354);
    EXPECT_EQ(smtp.send("Subject: s\r\n\r\nbody\r\n."), 250);
  }
  server.stop();
  server.stop();
  EXPECT_THROW(SmtpDialogue{server.port()}, boost::system::system_error);
  EXPECT_EQ(server.messages().size(), 1u);
}

// Recipients named defer* and reject* get the temporary and permanent refusals tests rely on.
TEST(SmtpServerTest, RefusesDeferAndRejectRecipients) {
  SmtpServer server;
  SmtpDialogue smtp(server.port());
  EXPECT_EQ(smtp.send("EHLO client"), 250);
  EXPECT_EQ(smtp.send("MAIL FROM:<from@example.test>"), 250);
  EXPECT_EQ(smtp.send("RCPT TO:<defer@example.test>"), 451);
  EXPECT_EQ(smtp.send("RCPT TO:<reject-me@example.test>"), 550);
}

// With require_starttls the server generates a certificate and refuses mail before TLS.
TEST(SmtpServerTest, RequiresStartTlsWhenAsked) {
  SmtpServerOptions options;
  options.require_starttls = true;
  SmtpServer server(options);
  ASSERT_FALSE(server.ca_file().empty());
  EXPECT_TRUE(std::filesystem::exists(server.ca_file()));
  SmtpDialogue smtp(server.port());
  EXPECT_EQ(smtp.send("EHLO client"), 250);
  EXPECT_EQ(smtp.send("MAIL FROM:<from@example.test>"), 530);
}

}  // namespace
}  // namespace carewatch::test_support
