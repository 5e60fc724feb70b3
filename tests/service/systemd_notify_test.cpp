// carewatchd's side of systemd's notify protocol, checked against a unix datagram socket the test binds
// in place of systemd's: the real process, started with NOTIFY_SOCKET, WATCHDOG_USEC and WATCHDOG_PID
// as systemd sets them for a Type=notify unit with WatchdogSec=.
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <chrono>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <string>
#include <system_error>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "temp_dir.hpp"

extern char** environ;

namespace carewatch::service {
namespace {

using carewatch::testing::TempDir;
using ::testing::HasSubstr;
using ::testing::Not;
using namespace std::chrono_literals;

// Generous: a bound only limits how long a failing test takes (sanitizers, a loaded machine).
constexpr auto kTimeout = 60s;
// systemd's WatchdogSec=: carewatchd should ping every half of it.
constexpr std::int64_t kWatchdogUsec = 400000;

std::string read_file(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::uint64_t monotonic_usec() {
  timespec ts{};
  ::clock_gettime(CLOCK_MONOTONIC, &ts);
  return static_cast<std::uint64_t>(ts.tv_sec) * 1000000U + static_cast<std::uint64_t>(ts.tv_nsec) / 1000U;
}

// One datagram: "KEY=VALUE" lines.
using Message = std::map<std::string, std::string>;

Message parse(const std::string& datagram) {
  Message m;
  std::istringstream in(datagram);
  for (std::string line; std::getline(in, line);) {
    const auto eq = line.find('=');
    if (eq != std::string::npos) m[line.substr(0, eq)] = line.substr(eq + 1);
  }
  return m;
}

// What systemd listens on: a bound unix datagram socket.
class NotifySocket {
 public:
  explicit NotifySocket(std::filesystem::path path) : path_(std::move(path)) {
    fd_ = ::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    if (fd_ < 0) throw std::system_error(errno, std::generic_category(), "socket");
    sockaddr_un addr{};
    addr.sun_family = AF_UNIX;
    const std::string p = path_.string();
    if (p.size() >= sizeof(addr.sun_path)) throw std::runtime_error("socket path too long: " + p);
    std::memcpy(addr.sun_path, p.c_str(), p.size() + 1);
    if (::bind(fd_, reinterpret_cast<const sockaddr*>(&addr), sizeof(addr)) != 0)
      throw std::system_error(errno, std::generic_category(), "bind " + p);
  }
  ~NotifySocket() { ::close(fd_); }
  NotifySocket(const NotifySocket&) = delete;
  NotifySocket& operator=(const NotifySocket&) = delete;

  const std::filesystem::path& path() const { return path_; }

  // The next datagram, or nullopt if none arrives within `timeout`.
  std::optional<Message> receive(std::chrono::milliseconds timeout) {
    pollfd p{fd_, POLLIN, 0};
    if (::poll(&p, 1, static_cast<int>(timeout.count())) <= 0) return std::nullopt;
    char buf[4096];
    const ssize_t n = ::recv(fd_, buf, sizeof(buf), 0);
    if (n < 0) return std::nullopt;
    return parse(std::string(buf, static_cast<std::size_t>(n)));
  }

  // Receives until a message has `key`, keeping every message on the way in `seen`.
  std::optional<Message> receive_until(const std::string& key, std::vector<Message>& seen,
                                       std::chrono::steady_clock::duration timeout = kTimeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (std::chrono::steady_clock::now() < deadline) {
      auto m = receive(100ms);
      if (!m) continue;
      seen.push_back(*m);
      if (m->count(key)) return m;
    }
    return std::nullopt;
  }

 private:
  std::filesystem::path path_;
  int fd_ = -1;
};

// carewatchd started as systemd starts a Type=notify service: WATCHDOG_PID must be the service's own
// pid, which is known only after fork(), so the child writes it into its environment before exec.
class NotifiedDaemon {
 public:
  NotifiedDaemon(const std::vector<std::string>& argv, const std::filesystem::path& log,
                 const std::filesystem::path& socket, std::optional<pid_t> watchdog_pid_override = {}) {
    std::vector<std::string> env;
    for (char** e = environ; *e; ++e) {
      const std::string_view v(*e);
      if (!v.starts_with("NOTIFY_SOCKET=") && !v.starts_with("WATCHDOG_USEC=") && !v.starts_with("WATCHDOG_PID="))
        env.emplace_back(v);
    }
    env.push_back("NOTIFY_SOCKET=" + socket.string());
    env.push_back("WATCHDOG_USEC=" + std::to_string(kWatchdogUsec));
    // Filled in by the child (async-signal-safe: no allocation after fork).
    std::string pid_var = "WATCHDOG_PID=" + std::string(20, '\0');
    if (watchdog_pid_override) pid_var = "WATCHDOG_PID=" + std::to_string(*watchdog_pid_override);
    env.push_back(pid_var);
    std::vector<char*> envp;
    for (auto& e : env) envp.push_back(e.data());
    envp.push_back(nullptr);
    std::vector<std::string> args_copy = argv;
    std::vector<char*> args;
    for (auto& a : args_copy) args.push_back(a.data());
    args.push_back(nullptr);
    const std::string log_path = log.string();
    const bool fill_pid = !watchdog_pid_override;
    char* pid_slot = envp[env.size() - 1] + std::strlen("WATCHDOG_PID=");

    pid_ = ::fork();
    if (pid_ < 0) throw std::system_error(errno, std::generic_category(), "fork");
    if (pid_ == 0) {
      if (fill_pid) {
        char digits[20];
        int n = 0;
        for (pid_t p = ::getpid(); p > 0; p /= 10) digits[n++] = static_cast<char>('0' + p % 10);
        for (int i = 0; i < n; ++i) pid_slot[i] = digits[n - 1 - i];
        pid_slot[n] = '\0';
      }
      const int fd = ::open(log_path.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0600);
      if (fd < 0) ::_exit(127);
      ::dup2(fd, STDOUT_FILENO);
      ::dup2(fd, STDERR_FILENO);
      ::execve(args[0], args.data(), envp.data());
      ::_exit(127);
    }
  }
  ~NotifiedDaemon() {
    if (pid_ > 0 && !status_) {
      ::kill(pid_, SIGKILL);
      int status = 0;
      ::waitpid(pid_, &status, 0);
    }
  }
  NotifiedDaemon(const NotifiedDaemon&) = delete;
  NotifiedDaemon& operator=(const NotifiedDaemon&) = delete;

  void signal(int signo) const { ::kill(pid_, signo); }
  // The exit code once it exited within `timeout`.
  std::optional<int> wait(std::chrono::steady_clock::duration timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (!status_ && std::chrono::steady_clock::now() < deadline) {
      int status = 0;
      if (::waitpid(pid_, &status, WNOHANG) == pid_) {
        status_ = status;
        break;
      }
      ::usleep(20000);
    }
    if (!status_ || !WIFEXITED(*status_)) return std::nullopt;
    return WEXITSTATUS(*status_);
  }

 private:
  pid_t pid_ = -1;
  std::optional<int> status_;
};

std::size_t count_with(const std::vector<Message>& messages, const std::string& key) {
  std::size_t n = 0;
  for (const auto& m : messages) n += m.count(key);
  return n;
}

class SystemdNotifyTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::filesystem::create_directories(dir_ / "plugins");
    std::filesystem::copy_file(std::filesystem::path(CAREWATCH_TEST_PLUGIN_DIR) / "serious_events.so",
                               dir_ / "plugins" / "serious_events.so");
    config_ = dir_.write("carewatch.toml", good_config());
  }

  std::string good_config() const {
    return "[store]\ndatabase = \"carewatch.db\"\n[plugins]\ndirectory = \"plugins\"\n[calendar]\n"
           "bank_holidays = \"" +
           std::string(CAREWATCH_TEST_BANK_HOLIDAYS) + "\"\n[schedule]\npoll_interval_ms = 50\n";
  }

  std::vector<std::string> argv() const { return {CAREWATCHD, "--config", config_.string()}; }
  std::string log() const { return read_file(log_); }

  TempDir dir_;
  std::filesystem::path config_;
  std::filesystem::path log_ = dir_ / "carewatchd.log";
  NotifySocket socket_{dir_ / "notify.sock"};
};

// READY=1 after start, WATCHDOG=1 repeatedly, RELOADING=1 with the monotonic time of the reload and then
// READY=1 on SIGHUP, STOPPING=1 on SIGTERM: in that order, as systemd expects them.
TEST_F(SystemdNotifyTest, FollowsTheNotifyProtocolThroughReloadAndStop) {
  NotifiedDaemon daemon(argv(), log_, socket_.path());
  std::vector<Message> seen;

  const auto ready = socket_.receive_until("READY", seen);
  ASSERT_TRUE(ready) << log();
  EXPECT_EQ(ready->at("READY"), "1");
  EXPECT_THAT(ready->count("STATUS") ? ready->at("STATUS") : "", HasSubstr("plugins=1"));
  EXPECT_EQ(count_with(seen, "RELOADING") + count_with(seen, "STOPPING"), 0U);

  // Keep-alives keep coming while the loop runs (every ~200 ms for WATCHDOG_USEC=400 ms).
  for (int i = 0; i < 3; ++i) {
    std::vector<Message> more;
    ASSERT_TRUE(socket_.receive_until("WATCHDOG", more)) << "keep-alive " << i << "\n" << log();
    EXPECT_EQ(more.back().at("WATCHDOG"), "1");
  }

  const std::uint64_t before = monotonic_usec();
  daemon.signal(SIGHUP);
  std::vector<Message> reload;
  const auto reloading = socket_.receive_until("RELOADING", reload);
  const std::uint64_t after = monotonic_usec();
  ASSERT_TRUE(reloading) << log();
  EXPECT_EQ(count_with(reload, "READY"), 0U) << "READY before RELOADING";
  ASSERT_TRUE(reloading->count("MONOTONIC_USEC")) << "systemd >= 253 ignores RELOADING=1 without it";
  const std::uint64_t stamp = std::stoull(reloading->at("MONOTONIC_USEC"));
  EXPECT_GE(stamp, before);
  EXPECT_LE(stamp, after);

  std::vector<Message> reloaded;
  const auto ready_again = socket_.receive_until("READY", reloaded);
  ASSERT_TRUE(ready_again) << log();
  EXPECT_THAT(ready_again->at("STATUS"), Not(HasSubstr("reload failed")));
  EXPECT_EQ(count_with(reloaded, "STOPPING"), 0U);
  EXPECT_THAT(log(), HasSubstr("configuration reloaded"));

  daemon.signal(SIGTERM);
  std::vector<Message> stopping;
  ASSERT_TRUE(socket_.receive_until("STOPPING", stopping)) << log();
  EXPECT_EQ(count_with(stopping, "READY"), 0U);
  EXPECT_EQ(daemon.wait(kTimeout), std::optional<int>(0)) << log();
}

// A reload that fails keeps the old configuration and still ends with READY=1, its STATUS saying so:
// otherwise systemd would leave the unit "reloading" until it timed out.
TEST_F(SystemdNotifyTest, FailedReloadIsReadyAgainWithTheOldConfiguration) {
  NotifiedDaemon daemon(argv(), log_, socket_.path());
  std::vector<Message> seen;
  ASSERT_TRUE(socket_.receive_until("READY", seen)) << log();

  dir_.write("carewatch.toml", "[schedule]\npoll_interval_ms = 1\n");
  daemon.signal(SIGHUP);
  ASSERT_TRUE(socket_.receive_until("RELOADING", seen)) << log();
  const auto ready = socket_.receive_until("READY", seen);
  ASSERT_TRUE(ready) << log();
  EXPECT_THAT(ready->at("STATUS"), HasSubstr("reload failed"));
  EXPECT_THAT(ready->at("STATUS"), HasSubstr("plugins=1"));

  daemon.signal(SIGTERM);
  EXPECT_TRUE(socket_.receive_until("STOPPING", seen)) << log();
  EXPECT_EQ(daemon.wait(kTimeout), std::optional<int>(0)) << log();
}

// With WATCHDOG_PID naming another process, the watchdog is not ours: no keep-alives, but READY still.
TEST_F(SystemdNotifyTest, NoKeepAlivesWhenTheWatchdogIsForAnotherProcess) {
  NotifiedDaemon daemon(argv(), log_, socket_.path(), ::getpid());
  std::vector<Message> seen;
  ASSERT_TRUE(socket_.receive_until("READY", seen)) << log();
  // Four watchdog periods: a daemon that pinged would have sent several.
  socket_.receive_until("WATCHDOG", seen, std::chrono::microseconds(4 * kWatchdogUsec));
  EXPECT_EQ(count_with(seen, "WATCHDOG"), 0U);
  daemon.signal(SIGTERM);
  EXPECT_EQ(daemon.wait(kTimeout), std::optional<int>(0)) << log();
}

// Standard output that is the journal (JOURNAL_STREAM names its device and inode) gets each line's
// priority as a "<N>" prefix and no timestamp of its own; any other output keeps the timestamped form.
TEST(JournalLoggingTest, PrefixesPrioritiesOnlyWhenStdoutIsTheJournal) {
  TempDir dir;
  std::filesystem::create_directories(dir / "plugins");
  const auto config = dir.write("carewatch.toml", "[store]\ndatabase = \"carewatch.db\"\n[plugins]\ndirectory = "
                                                  "\"plugins\"\n[calendar]\nbank_holidays = \"" +
                                                      std::string(CAREWATCH_TEST_BANK_HOLIDAYS) + "\"\n");
  const auto run_once = [&](const std::filesystem::path& log, bool journal) {
    dir.write(log.filename().string(), "");
    struct stat st {};
    EXPECT_EQ(::stat(log.c_str(), &st), 0);
    const std::string stream =
        std::to_string(static_cast<unsigned long long>(st.st_dev)) + ":" + std::to_string(st.st_ino);
    const pid_t pid = ::fork();
    if (pid == 0) {
      const int fd = ::open(log.c_str(), O_WRONLY | O_APPEND);
      if (fd < 0) ::_exit(127);
      ::dup2(fd, STDOUT_FILENO);
      ::dup2(fd, STDERR_FILENO);
      // The inode of another file: the output is not the journal.
      ::setenv("JOURNAL_STREAM", journal ? stream.c_str() : "0:0", 1);
      ::execl(CAREWATCHD, CAREWATCHD, "--config", config.c_str(), "--once", static_cast<char*>(nullptr));
      ::_exit(127);
    }
    int status = 0;
    ::waitpid(pid, &status, 0);
    EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << read_file(log);
    return read_file(log);
  };

  const std::string journal = run_once(dir / "journal.log", true);
  EXPECT_THAT(journal, ::testing::StartsWith("<6>info  "));
  EXPECT_THAT(journal, HasSubstr("\n<6>info  full sweep: "));

  const std::string plain = run_once(dir / "plain.log", false);
  EXPECT_THAT(plain, Not(HasSubstr("<6>")));
  EXPECT_THAT(plain, ::testing::ContainsRegex("^[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9:.]+ info  "));
}

}  // namespace
}  // namespace carewatch::service
