#include "notify/notifier_factory.hpp"

#include <cerrno>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <system_error>

#include "notify/log_notifier.hpp"
#include "notify/smtp_notifier.hpp"
#include "notify/webhook_notifier.hpp"

namespace carewatch::notify {
namespace {

[[noreturn]] void secret_problem(const std::filesystem::path& file, const std::string& key,
                                 std::string reason) {
  throw config::ConfigError({config::ConfigProblem{file, 0, key, std::move(reason)}});
}

StartTls to_notify(config::StartTls mode) {
  switch (mode) {
    case config::StartTls::off:
      return StartTls::off;
    case config::StartTls::when_offered:
      return StartTls::when_offered;
    case config::StartTls::required:
      break;
  }
  return StartTls::required;
}

}  // namespace

std::string read_secret_file(const std::filesystem::path& file, const std::string& key) {
  std::error_code ec;
  const auto status = std::filesystem::status(file, ec);
  if (ec) secret_problem(file, key, "cannot read: " + ec.message());
  if (!std::filesystem::is_regular_file(status)) secret_problem(file, key, "is not a regular file");
  // Whoever can read the secret can sign webhooks or send mail as Carewatch.
  if ((status.permissions() & std::filesystem::perms::others_read) != std::filesystem::perms::none)
    secret_problem(file, key, "must not be readable by other users (chmod 600 or 640)");
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    const int err = errno;
    secret_problem(file, key, "cannot read: " + std::generic_category().message(err));
  }
  std::ostringstream ss;
  ss << in.rdbuf();
  std::string secret = ss.str();
  while (!secret.empty() && (secret.back() == '\n' || secret.back() == '\r')) secret.pop_back();
  if (secret.empty()) secret_problem(file, key, "is empty");
  return secret;
}

Notifiers make_notifiers(const config::NotifyConfig& config, std::shared_ptr<spdlog::logger> logger) {
  Notifiers notifiers;
  if (config.email.enabled) {
    const auto& email = config.email;
    SmtpOptions options;
    options.url = email.url;
    options.from = email.from;
    options.starttls = to_notify(email.starttls);
    options.username = email.username;
    if (email.password_file)
      options.password = read_secret_file(*email.password_file, "notify.email.password_file");
    if (email.ca_file) options.ca_file = *email.ca_file;
    options.verify_tls = email.tls_verify;
    options.timeout = email.timeout;
    try {
      notifiers.emplace(outbox::Channel::email, std::make_unique<SmtpNotifier>(std::move(options)));
    } catch (const std::invalid_argument& e) {
      throw config::ConfigError(e.what());
    }
  }
  if (config.webhook.enabled) {
    if (!config.webhook.secret_file)
      throw config::ConfigError("notify.webhook.secret_file is required when notify.webhook.enabled is true");
    WebhookOptions options;
    options.secret = read_secret_file(*config.webhook.secret_file, "notify.webhook.secret_file");
    options.timeout = config.webhook.timeout;
    notifiers.emplace(outbox::Channel::webhook, std::make_unique<WebhookNotifier>(std::move(options)));
  }
  if (config.log.enabled) {
    if (!logger) throw std::invalid_argument("make_notifiers: the log notifier needs a logger");
    notifiers.emplace(outbox::Channel::log, std::make_unique<LogNotifier>(std::move(logger)));
  }
  return notifiers;
}

}  // namespace carewatch::notify
