// The [inbox] section of the configuration file.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "config/config.hpp"

namespace carewatch::config {
namespace {

using ::testing::HasSubstr;

std::string error_of(std::string_view text) {
  try {
    (void)parse_config(text, "/etc/carewatch/carewatch.toml");
  } catch (const ConfigError& e) {
    return e.what();
  }
  return "";
}

// Off by default, with the documented settle time and scan interval.
TEST(InboxConfigTest, DefaultsAreOff) {
  const Config cfg = parse_config("", "/etc/carewatch/carewatch.toml");
  EXPECT_FALSE(cfg.inbox.enabled);
  EXPECT_EQ(cfg.inbox.settle, std::chrono::milliseconds(2000));
  EXPECT_EQ(cfg.inbox.scan_interval, std::chrono::milliseconds(10000));
}

// Every key is read; a relative directory resolves against the configuration file's directory.
TEST(InboxConfigTest, ReadsEveryKey) {
  const Config cfg =
      parse_config("[inbox]\nenabled = true\ndirectory = \"drop\"\nsettle_ms = 0\nscan_interval_ms = 500\n",
                   "/etc/carewatch/carewatch.toml");
  EXPECT_TRUE(cfg.inbox.enabled);
  EXPECT_EQ(cfg.inbox.directory, "/etc/carewatch/drop");
  EXPECT_EQ(cfg.inbox.settle, std::chrono::milliseconds(0));
  EXPECT_EQ(cfg.inbox.scan_interval, std::chrono::milliseconds(500));
}

// Errors name the file, the line and the key.
TEST(InboxConfigTest, ErrorsNameFileLineAndKey) {
  EXPECT_THAT(error_of("[inbox]\nenabled = true\n"),
              HasSubstr("carewatch.toml:2: inbox.directory: required when inbox.enabled is true"));
  EXPECT_THAT(error_of("[inbox]\nscan_interval_ms = 5\n"),
              HasSubstr("carewatch.toml:2: inbox.scan_interval_ms:"));
  EXPECT_THAT(error_of("[inbox]\nsettle_ms = -1\n"), HasSubstr("carewatch.toml:2: inbox.settle_ms:"));
  EXPECT_THAT(error_of("[inbox]\n\nenabled = \"yes\"\n"), HasSubstr("carewatch.toml:3: inbox.enabled:"));
  EXPECT_THAT(error_of("[inbox]\nsettle = 5\n"), HasSubstr("carewatch.toml:2: inbox.settle: unknown key"));
}

// The shipped example documents the section, switched off.
TEST(InboxConfigTest, ShippedExampleHasInboxOff) {
  const Config cfg = load_config(CAREWATCH_EXAMPLE_CONFIG);
  EXPECT_FALSE(cfg.inbox.enabled);
  EXPECT_EQ(cfg.inbox.directory, "/var/spool/carewatch/inbox");
  EXPECT_EQ(cfg.inbox.settle, std::chrono::milliseconds(2000));
}

}  // namespace
}  // namespace carewatch::config
