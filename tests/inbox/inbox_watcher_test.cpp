// The watcher on a real Asio loop: files dropped into a real directory are picked up through inotify
// alone (polling set to an hour), or through polling alone.

#include "inbox/inbox_watcher.hpp"

#include <boost/asio/io_context.hpp>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <functional>

#include <gtest/gtest.h>

#include "store/database.hpp"
#include "store/record_store.hpp"
#include "support/temp_dir.hpp"

namespace carewatch::inbox {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

std::string incident(std::string_view id) {
  return R"({"kind":"incident","id":")" + std::string(id) +
         R"(","home":"H1","child":"C1","recorded_at":"2025-02-01T11:00:00Z","revision":1,)"
         R"("occurred_at":"2025-02-01T10:00:00Z","categories":["injury"]})";
}

// Writes under a temporary name and renames into place, as the inbox's writers are asked to.
void drop(const fs::path& dir, const std::string& name, const std::string& content) {
  {
    std::ofstream out(dir / (name + ".part"), std::ios::binary);
    out << content;
  }
  fs::rename(dir / (name + ".part"), dir / name);
}

// Runs the loop until `done` holds or `timeout` passes (a bound for failure, not a speed assertion).
bool run_until(boost::asio::io_context& io, const std::function<bool()>& done, std::chrono::seconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (!done() && std::chrono::steady_clock::now() < deadline) {
    io.restart();
    io.run_for(20ms);
  }
  return done();
}

class InboxWatcherTest : public ::testing::Test {
 protected:
  InboxWatcherTest() {
    fs::create_directory(inbox_dir_);
    store::Database create(db_path_);  // created and migrated before the watcher opens it
  }

  WatcherOptions options(bool inotify, std::chrono::milliseconds scan_interval) {
    WatcherOptions o;
    o.database = db_path_;
    o.inbox.directory = inbox_dir_;
    o.inbox.settle = 0ms;
    o.scan_interval = scan_interval;
    o.use_inotify = inotify;
    return o;
  }

  std::int64_t revisions() {
    store::Database db(db_path_, store::OpenMode::read_only);
    return store::RecordStore(db).count_revisions();
  }

  test_support::TempDir dir_{"inbox-watcher"};
  fs::path inbox_dir_ = dir_.path() / "inbox";
  fs::path db_path_ = dir_.path() / "s.db";
  boost::asio::io_context io_;
};

// With polling set to an hour, a file renamed into the directory is imported through inotify.
TEST_F(InboxWatcherTest, InotifyPicksUpDroppedFile) {
  auto watcher = InboxWatcher::start(io_, options(true, 3600s), nullptr);
  ASSERT_TRUE(watcher->watching());
  io_.run_for(50ms);  // the first scan: an empty directory
  drop(inbox_dir_, "a.ndjson", incident("I-1") + "\n");
  EXPECT_TRUE(run_until(
      io_, [&] { return fs::exists(inbox_dir_ / "done" / "a.ndjson"); }, 30s));
  EXPECT_EQ(revisions(), 1);
  watcher->stop();
}

// Without inotify, the scan interval finds the file.
TEST_F(InboxWatcherTest, PollingPicksUpDroppedFile) {
  auto watcher = InboxWatcher::start(io_, options(false, 50ms), nullptr);
  EXPECT_FALSE(watcher->watching());
  drop(inbox_dir_, "b.ndjson", "{\n");
  EXPECT_TRUE(run_until(
      io_, [&] { return fs::exists(inbox_dir_ / "rejected" / "b.ndjson.errors"); }, 30s));
  watcher->stop();
}

// Once stopped and released, the watcher leaves no work on the loop: run() returns at once.
TEST_F(InboxWatcherTest, StopLeavesNoWork) {
  auto watcher = InboxWatcher::start(io_, options(true, 50ms), nullptr);
  io_.run_for(100ms);
  watcher->stop();
  watcher.reset();
  io_.restart();
  io_.run();  // would block if a timer or read were still pending
  SUCCEED();
}

}  // namespace
}  // namespace carewatch::inbox
