#pragma once
// Builds the notifiers the [notify] configuration enables (daemon/config/README.md), one per channel.
// The service calls this at start-up and on reload and hands the result to the outbox's deliverer.
//
//   auto notifiers = notify::make_notifiers(cfg.notify, logger);
//   if (auto it = notifiers.find(message.channel); it != notifiers.end()) it->second->deliver(message);
//
// A channel that is not enabled has no entry: its messages wait in the outbox (the deliverer decides
// what to do with them).

#include <map>
#include <memory>
#include <string>

#include "config/config.hpp"
#include "notify/notifier.hpp"

namespace spdlog {
class logger;
}

namespace carewatch::notify {

using Notifiers = std::map<outbox::Channel, std::unique_ptr<Notifier>>;

// Reads the password and secret files now, so a missing or unreadable one stops start-up (or
// --check-config) rather than the first delivery. Throws config::ConfigError naming the secret file and
// its key (e.g. "notify.webhook.secret_file") when a file cannot be read, is empty, or is readable by
// other users. `logger` is the log notifier's and must not be null when [notify.log] is enabled.
Notifiers make_notifiers(const config::NotifyConfig& config, std::shared_ptr<spdlog::logger> logger);

// The contents of a secret file without its trailing line break(s); the checks described above.
std::string read_secret_file(const std::filesystem::path& file, const std::string& key);

}  // namespace carewatch::notify
