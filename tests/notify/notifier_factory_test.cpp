#include "notify/notifier_factory.hpp"

#include <gtest/gtest.h>

#include <spdlog/logger.h>
#include <spdlog/sinks/null_sink.h>

#include "config/config.hpp"
#include "support/http_receiver.hpp"
#include "support/smtp_server.hpp"
#include "support/temp_dir.hpp"
#include "test_message.hpp"

namespace carewatch::notify {
namespace {

using Outcome = DeliveryResult::Outcome;
using test_support::TempDir;
using testing::test_message;

std::shared_ptr<spdlog::logger> null_logger() {
  return std::make_shared<spdlog::logger>("null", std::make_shared<spdlog::sinks::null_sink_mt>());
}

// Parses `text` as carewatch.toml in `dir` and returns the problems, one string each ("" when none).
std::string problems_of(const TempDir& dir, const std::string& text) {
  try {
    config::parse_config(text, dir.path() / "carewatch.toml");
  } catch (const config::ConfigError& e) {
    return e.what();
  }
  return "";
}

// Without a [notify] section only the log notifier exists.
TEST(NotifierFactoryTest, DefaultsToTheLogNotifierOnly) {
  TempDir dir;
  const auto cfg = config::parse_config("", dir.path() / "carewatch.toml");
  const auto notifiers = make_notifiers(cfg.notify, null_logger());
  ASSERT_EQ(notifiers.size(), 1u);
  EXPECT_EQ(notifiers.begin()->first, outbox::Channel::log);
  EXPECT_EQ(notifiers.begin()->second->channel(), outbox::Channel::log);
}

// The shipped example configuration builds its notifiers: the log notifier for the demo.
TEST(NotifierFactoryTest, BuildsTheShippedExample) {
  const auto cfg = config::load_config(CAREWATCH_SOURCE_DIR "/config/carewatch.toml");
  const auto notifiers = make_notifiers(cfg.notify, null_logger());
  EXPECT_EQ(notifiers.count(outbox::Channel::log), 1u);
  EXPECT_EQ(cfg.notify.email.starttls, config::StartTls::required);
}

// A full [notify] configuration builds working email and webhook notifiers that reach real servers,
// with the secret and password read from their files (relative to the configuration file).
TEST(NotifierFactoryTest, BuildsWorkingNotifiersFromConfiguration) {
  TempDir dir;
  dir.write_file("webhook.secret", "s3cret-signing-key\n");
  dir.write_file("smtp.password", "mail-pass\n");
  test_support::SmtpServerOptions auth;
  auth.require_starttls = true;
  auth.auth_user = "carewatch";
  auth.auth_password = "mail-pass";
  test_support::SmtpServer smtp(auth);
  test_support::HttpReceiver hook;

  const std::string text = "[notify.email]\nenabled = true\nurl = \"" + smtp.url() +
                           "\"\nfrom = \"carewatch@provider.example\"\nstarttls = \"required\"\n"
                           "username = \"carewatch\"\npassword_file = \"smtp.password\"\nca_file = \"" +
                           smtp.ca_file().string() +
                           "\"\ntimeout_s = 30\n\n[notify.webhook]\nenabled = true\nsecret_file = "
                           "\"webhook.secret\"\ntimeout_s = 30\n\n[notify.log]\nenabled = false\n";
  const auto cfg = config::parse_config(text, dir.path() / "carewatch.toml");
  EXPECT_EQ(cfg.notify.email.timeout, std::chrono::seconds(30));
  EXPECT_EQ(cfg.notify.email.password_file, dir.path() / "smtp.password");
  const auto notifiers = make_notifiers(cfg.notify, nullptr);
  ASSERT_EQ(notifiers.size(), 2u);
  EXPECT_EQ(notifiers.count(outbox::Channel::log), 0u);

  const auto mailed = notifiers.at(outbox::Channel::email)
                          ->deliver(test_message(outbox::Channel::email, "rm@provider.example"));
  EXPECT_EQ(mailed.outcome, Outcome::delivered) << mailed.detail;
  EXPECT_EQ(smtp.messages().at(0).auth_login, "carewatch");

  const auto posted =
      notifiers.at(outbox::Channel::webhook)->deliver(test_message(outbox::Channel::webhook, hook.url()));
  EXPECT_EQ(posted.outcome, Outcome::delivered) << posted.detail;
  EXPECT_EQ(hook.requests().size(), 1u);
}

// A secret file that is missing, empty or readable by others stops start-up, naming file and key.
TEST(NotifierFactoryTest, RefusesUnusableSecretFiles) {
  TempDir dir;
  config::NotifyConfig cfg;
  cfg.log.enabled = false;
  cfg.webhook.enabled = true;
  cfg.webhook.secret_file = dir.path() / "missing";
  try {
    make_notifiers(cfg, nullptr);
    FAIL() << "expected ConfigError";
  } catch (const config::ConfigError& e) {
    EXPECT_NE(std::string(e.what()).find("missing: notify.webhook.secret_file: cannot read"),
              std::string::npos)
        << e.what();
  }
  cfg.webhook.secret_file = dir.write_file("empty", "\n");
  EXPECT_THROW(make_notifiers(cfg, nullptr), config::ConfigError);
  cfg.webhook.secret_file = dir.write_file("open", "secret");
  std::filesystem::permissions(*cfg.webhook.secret_file, std::filesystem::perms::others_read,
                               std::filesystem::perm_options::add);
  try {
    make_notifiers(cfg, nullptr);
    FAIL() << "expected ConfigError";
  } catch (const config::ConfigError& e) {
    EXPECT_NE(std::string(e.what()).find("readable by other users"), std::string::npos) << e.what();
  }
}

// Bad [notify] values are reported with file, line and dotted key, all in one round.
TEST(NotifierFactoryTest, ConfigurationErrorsNameLineAndKey) {
  TempDir dir;
  const std::string problems = problems_of(dir,
                                           "[notify.email]\n"              // 1
                                           "enabled = true\n"              // 2
                                           "url = \"http://x\"\n"          // 3
                                           "from = \"A <a@b.example>\"\n"  // 4
                                           "starttls = \"sometimes\"\n"    // 5
                                           "timeout_s = 0\n"               // 6
                                           "tls_verfy = false\n"           // 7
                                           "[notify.webhook]\n"            // 8
                                           "enabled = true\n"              // 9
                                           "[notify.sms]\n");              // 10
  const auto file = (dir.path() / "carewatch.toml").string();
  EXPECT_NE(problems.find(file + ":3: notify.email.url: must start with smtp:// or smtps://"),
            std::string::npos)
      << problems;
  EXPECT_NE(problems.find(file + ":4: notify.email.from: must be a plain address"), std::string::npos)
      << problems;
  EXPECT_NE(problems.find(file + ":5: notify.email.starttls: must be one of off, when_offered, required"),
            std::string::npos)
      << problems;
  EXPECT_NE(problems.find(file + ":6: notify.email.timeout_s: must be between 1 and 300"), std::string::npos)
      << problems;
  EXPECT_NE(problems.find(file + ":7: notify.email.tls_verfy: unknown key (did you mean 'tls_verify'?)"),
            std::string::npos)
      << problems;
  EXPECT_NE(problems.find(file + ":9: notify.webhook.secret_file: is required"), std::string::npos)
      << problems;
  EXPECT_NE(problems.find(file + ":10: notify.sms: unknown key"), std::string::npos) << problems;
}

// Credentials must not travel over a connection that may stay plain text, and come in pairs.
TEST(NotifierFactoryTest, ConfigurationRefusesCleartextCredentials) {
  TempDir dir;
  const std::string base =
      "[notify.email]\nenabled = true\nurl = \"smtp://127.0.0.1:25\"\n"
      "from = \"carewatch@provider.example\"\n";
  EXPECT_NE(problems_of(dir, base + "username = \"u\"\npassword_file = \"p\"\nstarttls = \"when_offered\"\n")
                .find("notify.email.starttls: must be \"required\""),
            std::string::npos);
  EXPECT_NE(problems_of(dir, base + "username = \"u\"\n").find("notify.email.password_file: is required"),
            std::string::npos);
  EXPECT_NE(problems_of(dir, base + "password_file = \"p\"\n").find("notify.email.username: is required"),
            std::string::npos);
  EXPECT_EQ(problems_of(dir, base + "username = \"u\"\npassword_file = \"p\"\n"), "");
  EXPECT_NE(problems_of(dir, "[notify.email]\nenabled = true\n").find("notify.email.url: is required"),
            std::string::npos);
}

}  // namespace
}  // namespace carewatch::notify
