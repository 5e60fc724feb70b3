#include "notify/log_notifier.hpp"

#include <stdexcept>

#include <spdlog/spdlog.h>

namespace carewatch::notify {
namespace {

// Values come from the pipeline, not from records, but a line break would still let one message
// forge a second log line; they are replaced.
std::string single_line(std::string_view value) {
  std::string out(value);
  for (char& c : out)
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) c = '?';
  return out.empty() ? std::string("-") : out;
}

}  // namespace

LogNotifier::LogNotifier(std::shared_ptr<spdlog::logger> logger) : logger_(std::move(logger)) {
  if (!logger_) throw std::invalid_argument("log notifier: no logger");
}

std::string LogNotifier::describe(const outbox::Message& message) {
  std::string escalations;
  for (const auto id : message.escalations) {
    if (!escalations.empty()) escalations += ',';
    escalations += std::to_string(id);
  }
  return "notification id=" + std::to_string(message.id) + " key=" + single_line(message.idempotency_key) +
         " kind=" + single_line(message.kind) + " level=" + std::to_string(message.level) +
         " role=" + single_line(message.role) + " home=" + single_line(message.home) +
         " escalations=" + (escalations.empty() ? std::string("-") : escalations);
}

DeliveryResult LogNotifier::deliver(const outbox::Message& message) noexcept {
  try {
    logger_->info("{}", describe(message));
  } catch (...) {
    // spdlog reports its own errors through its error handler; nothing more to do here.
  }
  return DeliveryResult::ok();
}

}  // namespace carewatch::notify
