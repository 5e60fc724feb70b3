#pragma once
// InboxWatcher: runs an Inbox on the service's event loop. It scans when the kernel says a file in the
// directory was closed after writing or renamed into it (inotify IN_CLOSE_WRITE / IN_MOVED_TO, read
// through an Asio stream_descriptor, so no thread of its own), when a file it has seen should have
// settled, and every scan interval as a safety net (inotify missing or its queue overflowing, network
// file systems that send no events). Each file is imported on the loop, in the Inbox's own store
// connection: the engine then sees the new records through its usual change poll, as it sees a
// `carewatch import` from another process.
//
// Lifetime: make it with start(); stop() (or destroying the last reference) cancels its waits. Handlers
// hold only a weak reference, so destroying it while handlers are queued is safe. Must be stopped and
// destroyed on the loop's thread, before the io_context.

#include <chrono>
#include <filesystem>
#include <memory>

#include "inbox/inbox.hpp"

namespace boost::asio {
class io_context;
}

namespace carewatch::inbox {

struct WatcherOptions {
  std::filesystem::path database;  // the watcher opens its own connection to it
  InboxOptions inbox;
  std::chrono::milliseconds scan_interval{10000};
  bool use_inotify = true;  // tests turn it off to exercise polling alone
};

class InboxWatcher : public std::enable_shared_from_this<InboxWatcher> {
 public:
  // Opens the store, prepares the directory (done/, rejected/) and schedules the first scan at once.
  // Throws std::runtime_error (or store::DatabaseError) naming what failed.
  static std::shared_ptr<InboxWatcher> start(boost::asio::io_context& io, WatcherOptions options,
                                             std::shared_ptr<spdlog::logger> log);
  ~InboxWatcher();
  InboxWatcher(const InboxWatcher&) = delete;
  InboxWatcher& operator=(const InboxWatcher&) = delete;

  void stop();
  // Whether inotify events are being read (false: polling every scan interval only).
  bool watching() const noexcept;

 private:
  struct Impl;
  explicit InboxWatcher(std::unique_ptr<Impl> impl);
  void scan();
  void arm();
  void read_events();

  std::unique_ptr<Impl> impl_;
};

}  // namespace carewatch::inbox
