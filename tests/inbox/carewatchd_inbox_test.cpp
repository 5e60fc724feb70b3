// carewatchd as a real process with [inbox] on: files dropped into the directory are imported, moved,
// and the engine evaluates the new records, as it does for `carewatch import`.
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <functional>
#include <optional>
#include <sstream>
#include <string>
#include <system_error>
#include <thread>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "store/database.hpp"
#include "store/record_store.hpp"
#include "support/temp_dir.hpp"

extern char** environ;

namespace carewatch::inbox {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;
using ::testing::HasSubstr;

// A bound on how long a failing test waits (sanitizers, a loaded machine); a passing one returns as
// soon as the condition holds.
constexpr auto kTimeout = 60s;

std::string read_file(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

bool wait_until(const std::function<bool()>& condition, std::chrono::steady_clock::duration timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    if (condition()) return true;
    std::this_thread::sleep_for(50ms);
  }
  return condition();
}

// carewatchd with standard output and error appended to `log`; killed if the test ends early.
class Daemon {
 public:
  Daemon(const fs::path& config, const fs::path& log) {
    const std::string binary = CAREWATCHD;
    const std::string flag = "--config";
    const std::string file = config.string();
    char* argv[] = {const_cast<char*>(binary.c_str()), const_cast<char*>(flag.c_str()),
                    const_cast<char*>(file.c_str()), nullptr};
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, log.c_str(), O_WRONLY | O_CREAT | O_APPEND,
                                     0600);
    posix_spawn_file_actions_adddup2(&actions, STDOUT_FILENO, STDERR_FILENO);
    const int rc = posix_spawn(&pid_, argv[0], &actions, nullptr, argv, environ);
    posix_spawn_file_actions_destroy(&actions);
    if (rc != 0) throw std::runtime_error("cannot start carewatchd: " + std::generic_category().message(rc));
  }
  ~Daemon() {
    if (pid_ > 0 && !status_) {
      ::kill(pid_, SIGKILL);
      int status = 0;
      ::waitpid(pid_, &status, 0);
    }
  }
  Daemon(const Daemon&) = delete;
  Daemon& operator=(const Daemon&) = delete;

  bool running() {
    if (!status_) {
      int status = 0;
      if (::waitpid(pid_, &status, WNOHANG) == pid_) status_ = status;
    }
    return !status_;
  }
  // The exit code after SIGTERM; nullopt if it did not exit normally in time.
  std::optional<int> terminate() {
    ::kill(pid_, SIGTERM);
    wait_until([this] { return !running(); }, kTimeout);
    if (!status_ || !WIFEXITED(*status_)) return std::nullopt;
    return WEXITSTATUS(*status_);
  }

 private:
  pid_t pid_ = -1;
  std::optional<int> status_;
};

std::string incident(std::string_view id) {
  return R"({"kind":"incident","id":")" + std::string(id) +
         R"(","home":"H1","child":"C1","recorded_at":"2025-02-01T11:00:00Z","revision":1,)"
         R"("occurred_at":"2025-02-01T10:00:00Z","categories":["injury"]})";
}

std::int64_t revisions(const fs::path& db_path) {
  try {
    store::Database db(db_path, store::OpenMode::read_only);
    return store::RecordStore(db).count_revisions();
  } catch (const store::DatabaseError&) {
    return -1;  // not created yet, or busy: ask again
  }
}

// A file written under a temporary name and renamed into the inbox is imported and moved to done/, and
// the engine's change pass evaluates its records; a file with a bad line goes to rejected/ with its
// report; SIGTERM still exits 0.
TEST(CarewatchdInboxTest, ImportsDroppedFiles) {
  test_support::TempDir dir("carewatchd-inbox");
  const fs::path plugins = dir.path() / "plugins";
  const fs::path inbox = dir.path() / "inbox";
  const fs::path db = dir.path() / "carewatch.db";
  const fs::path log = dir.path() / "carewatchd.log";
  fs::create_directories(plugins);
  fs::create_directories(inbox);
  fs::copy_file(fs::path(CAREWATCH_TEST_PLUGIN_DIR) / "serious_events.so", plugins / "serious_events.so");
  const fs::path config = dir.write_file("carewatch.toml", R"(
[store]
database = "carewatch.db"
[plugins]
directory = "plugins"
[calendar]
bank_holidays = ")" + std::string(CAREWATCH_TEST_BANK_HOLIDAYS) +
                                                               R"("
[schedule]
poll_interval_ms = 50
[logging]
level = "debug"
[inbox]
enabled = true
directory = "inbox"
settle_ms = 200
)");

  Daemon daemon(config, log);
  ASSERT_TRUE(wait_until(
      [&] { return read_file(log).find("inbox: watching") != std::string::npos || !daemon.running(); },
      kTimeout))
      << read_file(log);
  ASSERT_TRUE(daemon.running()) << read_file(log);

  {
    std::ofstream out(inbox / ".batch.ndjson", std::ios::binary);
    out << incident("I-1") << "\n" << incident("I-2") << "\n";
  }
  fs::rename(inbox / ".batch.ndjson", inbox / "batch.ndjson");
  dir.write_file("inbox/.mixed.ndjson", incident("I-3") + "\n{\"kind\":\n");
  fs::rename(inbox / ".mixed.ndjson", inbox / "mixed.ndjson");

  EXPECT_TRUE(wait_until([&] { return fs::exists(inbox / "done" / "batch.ndjson"); }, kTimeout))
      << read_file(log);
  EXPECT_TRUE(wait_until([&] { return fs::exists(inbox / "rejected" / "mixed.ndjson.errors"); }, kTimeout))
      << read_file(log);
  EXPECT_EQ(read_file(inbox / "rejected" / "mixed.ndjson.errors").rfind("mixed.ndjson:2: line: ", 0), 0u);
  EXPECT_TRUE(wait_until([&] { return revisions(db) == 3; }, kTimeout));
  // The engine saw the new records through its change poll: the incident checker ran for child C1.
  EXPECT_TRUE(wait_until([&] { return read_file(log).find("change pass: subjects=1") != std::string::npos; },
                         kTimeout))
      << read_file(log);
  EXPECT_EQ(daemon.terminate(), 0) << read_file(log);
}

// A configuration whose inbox directory does not exist is refused at start, naming the key.
TEST(CarewatchdInboxTest, MissingDirectoryFailsConfiguration) {
  test_support::TempDir dir("carewatchd-inbox");
  fs::create_directories(dir.path() / "plugins");
  const fs::path log = dir.path() / "carewatchd.log";
  const fs::path config = dir.write_file("carewatch.toml", R"(
[store]
database = "carewatch.db"
[plugins]
directory = "plugins"
[calendar]
bank_holidays = ")" + std::string(CAREWATCH_TEST_BANK_HOLIDAYS) +
                                                               R"("
[inbox]
enabled = true
directory = "no-such-inbox"
)");
  Daemon daemon(config, log);
  ASSERT_TRUE(wait_until([&] { return !daemon.running(); }, kTimeout)) << read_file(log);
  EXPECT_THAT(read_file(log), HasSubstr("inbox.directory: directory"));
  EXPECT_THAT(read_file(log), HasSubstr("no-such-inbox does not exist"));
}

}  // namespace
}  // namespace carewatch::inbox
