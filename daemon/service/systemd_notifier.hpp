#pragma once
// SystemdNotifier: the service side of systemd's readiness protocol (sd_notify(3)), so that a unit of
// Type=notify knows when carewatchd is ready, reloading or stopping, and its watchdog knows the event
// loop is alive.
//
// Every call is a no-op when NOTIFY_SOCKET is unset (not started by systemd, or by a unit that is not
// Type=notify), so the service calls them unconditionally. Messages carry counts, ids and times only:
// STATUS= is shown by `systemctl status` to anyone, so nothing from a record goes into it.
//
// Thread-safety: none needed; the service calls it from its event loop (and once from run()).

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace carewatch::service {

class SystemdNotifier {
 public:
  // Reads NOTIFY_SOCKET, WATCHDOG_USEC and WATCHDOG_PID once. The environment is left as it is, so a
  // reload sees the same settings.
  SystemdNotifier();

  // True when NOTIFY_SOCKET names a socket to notify.
  bool enabled() const noexcept { return enabled_; }
  // How often to send WATCHDOG=1: half of WATCHDOG_USEC, when the watchdog is enabled for this
  // process (WATCHDOG_PID unset or equal to our pid, as sd_watchdog_enabled(3) decides).
  std::optional<std::chrono::microseconds> watchdog_interval() const noexcept { return watchdog_interval_; }

  // READY=1 with a STATUS= line: the store is open and the plugins are loaded (at start-up, and again
  // once a reload has finished, whether it applied the new configuration or kept the old one).
  void ready(std::string_view status) const;
  // RELOADING=1 with MONOTONIC_USEC=<CLOCK_MONOTONIC now in µs> (systemd >= 253 ignores a
  // RELOADING=1 without it) and a STATUS= line.
  void reloading(std::string_view status) const;
  // STOPPING=1 with a STATUS= line.
  void stopping(std::string_view status) const;
  // STATUS= alone (e.g. after each full sweep).
  void status(std::string_view status) const;
  // WATCHDOG=1: the event loop is still turning.
  void watchdog() const;

  // "RELOADING=1\nMONOTONIC_USEC=..." as sent; exposed for tests.
  static std::string reloading_message(std::string_view status);

 private:
  void send(const std::string& message) const;

  bool enabled_ = false;
  std::optional<std::chrono::microseconds> watchdog_interval_;
};

}  // namespace carewatch::service
