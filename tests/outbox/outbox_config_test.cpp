// The [outbox] section of the configuration file.
#include <gtest/gtest.h>

#include "../service/temp_dir.hpp"
#include "config/config.hpp"

namespace carewatch::config {
namespace {

// Every [outbox] key reaches OutboxConfig.
TEST(OutboxConfigTest, ReadsEveryKey) {
  const auto cfg = parse_config(
      "[outbox]\nmax_attempts = 3\ninitial_backoff_s = 5\nmax_backoff_s = 60\nbatch_size = "
      "7\npoll_interval_s = 2\n",
      "/etc/carewatch/carewatch.toml");
  EXPECT_EQ(cfg.outbox.max_attempts, 3);
  EXPECT_EQ(cfg.outbox.initial_backoff, std::chrono::seconds(5));
  EXPECT_EQ(cfg.outbox.max_backoff, std::chrono::seconds(60));
  EXPECT_EQ(cfg.outbox.batch_size, 7);
  EXPECT_EQ(cfg.outbox.poll_interval, std::chrono::seconds(2));
}

// Without an [outbox] section the documented defaults apply.
TEST(OutboxConfigTest, DefaultsWithoutTheSection) {
  const auto cfg = parse_config("", "/etc/carewatch/carewatch.toml");
  EXPECT_EQ(cfg.outbox.max_attempts, 10);
  EXPECT_EQ(cfg.outbox.initial_backoff, std::chrono::seconds(30));
  EXPECT_EQ(cfg.outbox.max_backoff, std::chrono::seconds(3600));
  EXPECT_EQ(cfg.outbox.batch_size, 50);
}

std::string error_of(const std::string& text) {
  try {
    parse_config(text, "/etc/carewatch/carewatch.toml");
  } catch (const ConfigError& e) {
    return e.what();
  }
  return "no error";
}

// Bad values are errors naming the file, the line and the dotted key.
TEST(OutboxConfigTest, ErrorsNameFileLineAndKey) {
  EXPECT_EQ(error_of("[outbox]\nmax_attempts = 0\n"),
            "/etc/carewatch/carewatch.toml:2: outbox.max_attempts: must be between 1 and 100");
  EXPECT_EQ(error_of("[outbox]\n\nbatch_size = \"many\"\n"),
            "/etc/carewatch/carewatch.toml:3: outbox.batch_size: expected an integer, found a string");
  EXPECT_EQ(error_of("[outbox]\ninitial_backoff_s = 600\nmax_backoff_s = 60\n"),
            "/etc/carewatch/carewatch.toml:3: outbox.max_backoff_s: must be at least "
            "outbox.initial_backoff_s (600)");
  EXPECT_NE(error_of("[outbox]\nmax_attempt = 3\n")
                .find(":2: outbox.max_attempt: unknown key (did you mean 'max_attempts'?)"),
            std::string::npos);
}

}  // namespace
}  // namespace carewatch::config
