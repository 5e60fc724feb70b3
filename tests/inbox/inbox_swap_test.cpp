// The window between the inbox's lstat of a settled file and its reading of it: this test binary
// defines lstat() itself (passing through to fstatat) so that, when armed, the file is swapped for a
// FIFO or a symlink right after the inbox has looked at it, which is the race a real attacker or a
// confused sender would have to win. Kept in its own binary so no other test sees the interposed lstat.

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <spdlog/logger.h>
#include <spdlog/sinks/ostream_sink.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <functional>
#include <future>
#include <memory>
#include <sstream>
#include <string>

#include <gtest/gtest.h>

#include "inbox/inbox.hpp"
#include "store/database.hpp"
#include "store/record_store.hpp"
#include "support/temp_dir.hpp"

namespace {

// Armed by a test: the next lstat() of `g_swap_path` runs `g_swap` after taking its result.
std::string g_swap_path;
std::function<void()> g_swap;

}  // namespace

// Replaces glibc's lstat for the whole binary (the inbox library is linked statically into it).
extern "C" int lstat(const char* __restrict path, struct stat* __restrict st) noexcept {
  const int rc = ::fstatat(AT_FDCWD, path, st, AT_SYMLINK_NOFOLLOW);
  if (g_swap && g_swap_path == path) {
    const auto swap = std::move(g_swap);
    g_swap = nullptr;
    swap();
  }
  return rc;
}

namespace carewatch::inbox {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

constexpr auto kSettle = 1000ms;

std::string incident(std::string_view id) {
  return R"({"kind":"incident","id":")" + std::string(id) +
         R"(","home":"H1","child":"C1","recorded_at":"2025-02-01T11:00:00Z","revision":1,)"
         R"("occurred_at":"2025-02-01T10:00:00Z","categories":["injury"]})";
}

class InboxSwapTest : public ::testing::Test {
 protected:
  InboxSwapTest()
      : inbox_dir_(dir_.path() / "inbox"), db_((fs::create_directory(inbox_dir_), dir_.path() / "s.db")) {
    log_ = std::make_shared<spdlog::logger>("inbox-test",
                                            std::make_shared<spdlog::sinks::ostream_sink_mt>(log_text_));
    records_ = std::make_unique<store::RecordStore>(db_);
    InboxOptions options;
    options.directory = inbox_dir_;
    options.settle = kSettle;
    inbox_ = std::make_unique<Inbox>(db_, options, log_);
    // A valid file, seen once so that it settles at the next scan.
    std::ofstream(file_, std::ios::binary) << incident("I-1") << "\n";
    EXPECT_TRUE(inbox_->scan(t0_).empty());
  }

  ~InboxSwapTest() override { g_swap = nullptr; }

  void arm(std::function<void()> swap) {
    g_swap_path = file_.string();
    g_swap = std::move(swap);
  }

  test_support::TempDir dir_{"inbox-swap"};
  fs::path inbox_dir_;
  store::Database db_;
  std::unique_ptr<store::RecordStore> records_;
  std::ostringstream log_text_;
  std::shared_ptr<spdlog::logger> log_;
  std::unique_ptr<Inbox> inbox_;
  const fs::path file_ = inbox_dir_ / "batch.ndjson";
  const fs::path outside_ = dir_.path() / "outside.ndjson";
  const Clock::time_point t0_ = Clock::now();
};

// A FIFO swapped in after the lstat is not opened in a blocking way: the scan returns, nothing is
// imported, and the FIFO is left where it is.
TEST_F(InboxSwapTest, FifoSwappedInIsLeftAlone) {
  arm([&] {
    fs::rename(file_, outside_);
    ASSERT_EQ(::mkfifo(file_.c_str(), 0600), 0);
  });
  auto scanned = std::async(std::launch::async, [&] { return inbox_->scan(t0_ + kSettle); });
  if (scanned.wait_for(10s) != std::future_status::ready) {
    // Blocked opening the FIFO for reading: open its other end so the scan can finish, then fail.
    const int writer = ::open(file_.c_str(), O_WRONLY | O_NONBLOCK | O_CLOEXEC);
    if (writer >= 0) ::close(writer);
    scanned.wait();
    FAIL() << "the scan blocked on a FIFO";
  }
  EXPECT_TRUE(scanned.get().empty());
  EXPECT_EQ(records_->count_revisions(), 0);
  struct stat st {};
  ASSERT_EQ(::fstatat(AT_FDCWD, file_.c_str(), &st, AT_SYMLINK_NOFOLLOW), 0);
  EXPECT_TRUE(S_ISFIFO(st.st_mode));
  EXPECT_TRUE(fs::is_empty(inbox_dir_ / "done"));
}

// A symlink swapped in after the lstat is not followed: the file it points to outside the inbox is not
// imported, and the symlink is left where it is.
TEST_F(InboxSwapTest, SymlinkSwappedInIsNotFollowed) {
  arm([&] {
    fs::rename(file_, outside_);
    fs::create_symlink(outside_, file_);
  });
  EXPECT_TRUE(inbox_->scan(t0_ + kSettle).empty());
  EXPECT_EQ(records_->count_revisions(), 0);
  EXPECT_TRUE(fs::is_symlink(file_));
  EXPECT_TRUE(fs::exists(outside_));
  EXPECT_TRUE(fs::is_empty(inbox_dir_ / "done"));
  // Later scans leave it alone too.
  EXPECT_TRUE(inbox_->scan(t0_ + 3 * kSettle).empty());
  EXPECT_EQ(records_->count_revisions(), 0);
}

// Another regular file renamed over the settled one is not read in its place: it settles afresh.
TEST_F(InboxSwapTest, FileReplacedAfterSettlingSettlesAfresh) {
  arm([&] {
    std::ofstream(outside_, std::ios::binary) << incident("I-2") << "\n";
    fs::rename(outside_, file_);
  });
  EXPECT_TRUE(inbox_->scan(t0_ + kSettle).empty());
  EXPECT_EQ(records_->count_revisions(), 0);
  // Seen as the new file at the next scan, then imported once that has settled.
  EXPECT_TRUE(inbox_->scan(t0_ + 2 * kSettle).empty());
  EXPECT_EQ(inbox_->scan(t0_ + 3 * kSettle).size(), 1u);
  EXPECT_EQ(records_->count_revisions(), 1);
}

}  // namespace
}  // namespace carewatch::inbox
