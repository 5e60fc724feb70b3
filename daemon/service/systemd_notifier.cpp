#include "service/systemd_notifier.hpp"

#include <systemd/sd-daemon.h>
#include <time.h>

#include <algorithm>
#include <cstdint>
#include <cstdlib>

namespace carewatch::service {
namespace {

// One STATUS= line: a newline would start another assignment.
std::string status_line(std::string_view status) {
  std::string line(status);
  std::replace(line.begin(), line.end(), '\n', ' ');
  return "STATUS=" + line;
}

std::uint64_t monotonic_usec() {
  timespec ts{};
  ::clock_gettime(CLOCK_MONOTONIC, &ts);
  return static_cast<std::uint64_t>(ts.tv_sec) * 1000000U + static_cast<std::uint64_t>(ts.tv_nsec) / 1000U;
}

}  // namespace

SystemdNotifier::SystemdNotifier() {
  const char* socket = std::getenv("NOTIFY_SOCKET");
  enabled_ = socket != nullptr && *socket != '\0';
  std::uint64_t usec = 0;
  // 0: keep WATCHDOG_USEC/WATCHDOG_PID in the environment for the reloads to come.
  if (enabled_ && ::sd_watchdog_enabled(0, &usec) > 0 && usec > 0)
    watchdog_interval_ = std::chrono::microseconds(static_cast<std::int64_t>(usec / 2));
}

void SystemdNotifier::ready(std::string_view status) const {
  send("READY=1\n" + status_line(status));
}

void SystemdNotifier::reloading(std::string_view status) const {
  send(reloading_message(status));
}

void SystemdNotifier::stopping(std::string_view status) const {
  send("STOPPING=1\n" + status_line(status));
}

void SystemdNotifier::status(std::string_view status) const {
  send(status_line(status));
}

void SystemdNotifier::watchdog() const {
  send("WATCHDOG=1");
}

std::string SystemdNotifier::reloading_message(std::string_view status) {
  return "RELOADING=1\nMONOTONIC_USEC=" + std::to_string(monotonic_usec()) + "\n" + status_line(status);
}

void SystemdNotifier::send(const std::string& message) const {
  if (!enabled_) return;
  // A lost notification must not stop the service: systemd reports the missing READY=1 or watchdog
  // ping itself (start timeout, watchdog timeout), which is where an operator looks.
  (void)::sd_notify(0, message.c_str());
}

}  // namespace carewatch::service
