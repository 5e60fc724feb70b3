#include "notify/log_notifier.hpp"

#include <gtest/gtest.h>

#include <sstream>

#include <spdlog/logger.h>
#include <spdlog/sinks/ostream_sink.h>

#include "test_message.hpp"

namespace carewatch::notify {
namespace {

using testing::test_message;

// One line per message, with the ids and nothing of the subject, body or payload.
TEST(LogNotifierTest, WritesOneLineOfIds) {
  std::ostringstream out;
  auto sink = std::make_shared<spdlog::sinks::ostream_sink_mt>(out);
  sink->set_pattern("%v");
  auto logger = std::make_shared<spdlog::logger>("test", sink);
  LogNotifier notifier(logger);
  EXPECT_EQ(notifier.channel(), outbox::Channel::log);

  auto message = test_message(outbox::Channel::log, "carewatch");
  message.escalations = {42, 43};
  const auto result = notifier.deliver(message);
  EXPECT_EQ(result.outcome, DeliveryResult::Outcome::delivered);
  EXPECT_EQ(out.str(),
            "notification id=7 key=esc-42-opened-0-rm kind=opened level=0 role=registered_manager home=H001 "
            "escalations=42,43\n");
  EXPECT_EQ(out.str().find("CHR-35"), std::string::npos);  // nothing from subject, body or payload
}

// A line break in a value cannot forge a second log line.
TEST(LogNotifierTest, KeepsToOneLine) {
  auto message = test_message(outbox::Channel::log, "carewatch", "k\nnotification id=999");
  EXPECT_EQ(LogNotifier::describe(message).find('\n'), std::string::npos);
}

// A notifier without a logger is a programming error caught at construction.
TEST(LogNotifierTest, RequiresLogger) {
  EXPECT_THROW(LogNotifier(nullptr), std::invalid_argument);
}

}  // namespace
}  // namespace carewatch::notify
