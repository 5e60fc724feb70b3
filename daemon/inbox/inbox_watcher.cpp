#include "inbox/inbox_watcher.hpp"

#include <sys/inotify.h>
#include <unistd.h>

#include <spdlog/logger.h>
#include <spdlog/sinks/null_sink.h>

#include <array>
#include <cerrno>
#include <optional>
#include <system_error>

#include <boost/asio/io_context.hpp>
#include <boost/asio/posix/stream_descriptor.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>

#include "store/database.hpp"

namespace carewatch::inbox {

namespace asio = boost::asio;

struct InboxWatcher::Impl {
  Impl(asio::io_context& context, WatcherOptions opts, std::shared_ptr<spdlog::logger> logger)
      : io(context), options(std::move(opts)), log(std::move(logger)), timer(context), events(context) {}

  asio::io_context& io;
  WatcherOptions options;
  std::shared_ptr<spdlog::logger> log;
  std::unique_ptr<store::Database> db;
  std::unique_ptr<Inbox> inbox;
  asio::steady_timer timer;
  asio::posix::stream_descriptor events;
  std::array<char, 4096> buffer{};
  bool stopped = false;
  bool scan_posted = false;  // a burst of events makes one scan, not one per event
};

std::shared_ptr<InboxWatcher> InboxWatcher::start(asio::io_context& io, WatcherOptions options,
                                                  std::shared_ptr<spdlog::logger> log) {
  if (!log) log = std::make_shared<spdlog::logger>("inbox", std::make_shared<spdlog::sinks::null_sink_mt>());
  auto impl = std::make_unique<Impl>(io, std::move(options), std::move(log));
  impl->db = std::make_unique<store::Database>(impl->options.database);
  impl->inbox = std::make_unique<Inbox>(*impl->db, impl->options.inbox, impl->log);
  std::shared_ptr<InboxWatcher> watcher(new InboxWatcher(std::move(impl)));
  Impl& m = *watcher->impl_;
  if (m.options.use_inotify) {
    const int fd = ::inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
    if (fd < 0 ||
        ::inotify_add_watch(fd, m.options.inbox.directory.c_str(), IN_CLOSE_WRITE | IN_MOVED_TO) < 0) {
      m.log->warn("inbox: inotify unavailable ({}); scanning {} every {} ms",
                  std::error_code(errno, std::generic_category()).message(),
                  m.options.inbox.directory.string(), m.options.scan_interval.count());
      if (fd >= 0) ::close(fd);
    } else {
      m.events.assign(fd);
      watcher->read_events();
    }
  }
  m.log->info("inbox: watching {} (settle {} ms, scan every {} ms, inotify {})",
              m.options.inbox.directory.string(), m.options.inbox.settle.count(),
              m.options.scan_interval.count(), m.events.is_open() ? "on" : "off");
  asio::post(io, [weak = watcher->weak_from_this()] {
    if (auto self = weak.lock()) self->scan();
  });
  return watcher;
}

InboxWatcher::InboxWatcher(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

InboxWatcher::~InboxWatcher() {
  stop();
}

void InboxWatcher::stop() {
  Impl& m = *impl_;
  m.stopped = true;
  m.timer.cancel();
  boost::system::error_code ignored;
  m.events.close(ignored);
}

bool InboxWatcher::watching() const noexcept {
  return impl_->events.is_open();
}

void InboxWatcher::scan() {
  Impl& m = *impl_;
  m.scan_posted = false;
  if (m.stopped) return;
  try {
    // Processed files are logged by the Inbox; nothing else to do with them here.
    (void)m.inbox->scan(Clock::now());
  } catch (const std::exception& e) {
    // The loop is shared with the engine: an inbox problem must not stop it.
    m.log->error("inbox: scan failed, will retry: {}", e.what());
  }
  arm();
}

// The next scan: when the earliest waiting file settles, at the latest after one scan interval.
void InboxWatcher::arm() {
  Impl& m = *impl_;
  if (m.stopped) return;
  Clock::time_point at = Clock::now() + m.options.scan_interval;
  if (auto settle = m.inbox->next_settle(); settle && *settle < at) at = *settle;
  m.timer.expires_at(at);
  m.timer.async_wait([weak = weak_from_this()](const boost::system::error_code& ec) {
    if (ec) return;
    if (auto self = weak.lock()) self->scan();
  });
}

void InboxWatcher::read_events() {
  Impl& m = *impl_;
  m.events.async_read_some(asio::buffer(m.buffer),
                           [weak = weak_from_this()](const boost::system::error_code& ec, std::size_t) {
                             auto self = weak.lock();
                             if (!self || self->impl_->stopped) return;
                             Impl& s = *self->impl_;
                             if (ec) {
                               s.log->warn("inbox: reading inotify events failed ({}); scanning every {} ms",
                                           ec.message(), s.options.scan_interval.count());
                               boost::system::error_code ignored;
                               s.events.close(ignored);
                               return;
                             }
                             // Which file it was does not matter: a scan looks at them all, and an overflow
                             // is covered too.
                             if (!s.scan_posted) {
                               s.scan_posted = true;
                               asio::post(s.io, [weak] {
                                 if (auto again = weak.lock()) again->scan();
                               });
                             }
                             self->read_events();
                           });
}

}  // namespace carewatch::inbox
