#include "notify/email_message.hpp"

#include <gtest/gtest.h>

#include "test_message.hpp"

namespace carewatch::notify {
namespace {

using testing::test_message;

// Dates use English names and UTC whatever the locale.
TEST(EmailMessageTest, FormatsRfc5322Date) {
  const auto t = sdk::TimePoint(std::chrono::sys_days(std::chrono::year{2025} / 3 / 1)) +
                 std::chrono::hours(21) + std::chrono::minutes(40);
  EXPECT_EQ(rfc5322_date(t), "Sat, 01 Mar 2025 21:40:00 +0000");
}

// Quoted-printable keeps plain text readable and encodes what mail transport could damage.
TEST(EmailMessageTest, EncodesQuotedPrintable) {
  EXPECT_EQ(quoted_printable("plain text\n"), "plain text\r\n");
  EXPECT_EQ(quoted_printable("a = b"), "a =3D b\r\n");
  EXPECT_EQ(quoted_printable("trailing \nx"), "trailing=20\r\nx\r\n");
  EXPECT_EQ(quoted_printable(".dot"), "=2Edot\r\n");
  EXPECT_EQ(quoted_printable("d\xC3\xA9j\xC3\xA0"), "d=C3=A9j=C3=A0\r\n");
  const std::string long_line = quoted_printable(std::string(100, 'x'));
  EXPECT_EQ(long_line, std::string(75, 'x') + "=\r\n" + std::string(25, 'x') + "\r\n");
}

// A "." that a soft line break puts at the start of a line is encoded like one that starts a line.
TEST(EmailMessageTest, EncodesDotStartingLineAfterSoftBreak) {
  EXPECT_EQ(quoted_printable(std::string(75, 'x') + ".y"), std::string(75, 'x') + "=\r\n=2Ey\r\n");
  EXPECT_EQ(quoted_printable(std::string(74, 'x') + ".y"), std::string(74, 'x') + ".=\r\ny\r\n");
}

// A key that is not dot-atom safe is hashed into the Message-ID, never copied raw.
TEST(EmailMessageTest, DerivesMessageIdFromKey) {
  auto message = test_message(outbox::Channel::email, "rm@provider.example", "key with spaces/and@signs");
  const auto email = compose_email(message, "carewatch@provider.example", {});
  ASSERT_TRUE(email) << email.error;
  const auto start = email.text.find("Message-ID: <carewatch.");
  ASSERT_NE(start, std::string::npos);
  const auto end = email.text.find("\r\n", start);
  const std::string id = email.text.substr(start, end - start);
  EXPECT_EQ(id.size(), std::string("Message-ID: <carewatch.@provider.example>").size() + 64) << id;
  EXPECT_EQ(id.find("spaces"), std::string::npos);
}

// Addresses must be bare addr-specs: display names, lists and line breaks are refused.
TEST(EmailMessageTest, AcceptsOnlyPlainAddresses) {
  EXPECT_TRUE(plausible_address("rm.h001@provider.example"));
  EXPECT_FALSE(plausible_address("Registered Manager <rm@provider.example>"));
  EXPECT_FALSE(plausible_address("a@b.example,c@d.example"));
  EXPECT_FALSE(plausible_address("a@b.example\r\nBcc: c@d.example"));
  EXPECT_FALSE(plausible_address("no-at-sign"));
  EXPECT_FALSE(plausible_address("@b.example"));
}

}  // namespace
}  // namespace carewatch::notify
