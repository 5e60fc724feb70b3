#pragma once
// LogNotifier: writes one line per message to an spdlog logger at info level, e.g.
//   notification id=7 key=esc-42-opened-0-rm kind=opened level=0 role=registered_manager home=H001
//   escalations=42
// Ids, kind, level and role only: the subject, body and payload are left out, so the log never holds
// more than the escalation's own log line. Always delivered (a log that cannot be written is not a
// reason to hold back a message forever).

#include <memory>
#include <string>

#include "notify/notifier.hpp"

namespace spdlog {
class logger;
}

namespace carewatch::notify {

class LogNotifier final : public Notifier {
 public:
  // Throws std::invalid_argument when logger is null.
  explicit LogNotifier(std::shared_ptr<spdlog::logger> logger);

  outbox::Channel channel() const noexcept override { return outbox::Channel::log; }
  DeliveryResult deliver(const outbox::Message& message) noexcept override;

  // The line deliver() writes.
  static std::string describe(const outbox::Message& message);

 private:
  std::shared_ptr<spdlog::logger> logger_;
};

}  // namespace carewatch::notify
