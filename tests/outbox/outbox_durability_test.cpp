// "Nothing lost" (DESIGN.md): carewatchd as a real process, messages committed to its outbox, the daemon
// killed with SIGKILL before it could deliver them (the receiver down, or holding the request without
// answering), restarted: every message reaches the real HTTP receiver on 127.0.0.1, each idempotency key
// accepted once per successful delivery.
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <system_error>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include <carewatch/sdk/time.hpp>

#include "../service/temp_dir.hpp"
#include "outbox/outbox_store.hpp"
#include "store/database.hpp"
#include "support/http_receiver.hpp"

extern char** environ;

namespace carewatch::outbox {
namespace {

using carewatch::testing::TempDir;
using namespace std::chrono_literals;

// Bounds only limit how long a failing test takes; a passing one moves on as soon as the condition holds.
constexpr auto kTimeout = 90s;
// The kill -9 scenario is repeated to show it holds every time, not by luck of timing.
constexpr int kRounds = 3;

std::string read_file(const std::filesystem::path& file) {
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

// A child process with standard output and error appended to `log`; SIGKILLed if still running at the end.
class Process {
 public:
  Process(const std::vector<std::string>& argv, const std::filesystem::path& log) {
    std::vector<char*> args;
    args.reserve(argv.size() + 1);
    for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, log.c_str(), O_WRONLY | O_CREAT | O_APPEND,
                                     0600);
    posix_spawn_file_actions_adddup2(&actions, STDOUT_FILENO, STDERR_FILENO);
    const int rc = posix_spawn(&pid_, args[0], &actions, nullptr, args.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    if (rc != 0)
      throw std::runtime_error("cannot start " + argv[0] + ": " + std::generic_category().message(rc));
  }
  ~Process() { kill9(); }
  Process(const Process&) = delete;
  Process& operator=(const Process&) = delete;

  void signal(int signo) const { ::kill(pid_, signo); }
  bool running() {
    poll();
    return !status_;
  }
  // SIGKILL and reap: no destructor, no atexit, no flush runs in the child.
  void kill9() {
    if (pid_ <= 0 || status_) return;
    ::kill(pid_, SIGKILL);
    int status = 0;
    ::waitpid(pid_, &status, 0);
    status_ = status;
  }
  bool killed_by_sigkill() const { return status_ && WIFSIGNALED(*status_) && WTERMSIG(*status_) == SIGKILL; }
  std::optional<int> wait(std::chrono::steady_clock::duration timeout) {
    wait_until([this] { return !running(); }, timeout);
    if (!status_ || !WIFEXITED(*status_)) return std::nullopt;
    return WEXITSTATUS(*status_);
  }

 private:
  void poll() {
    if (status_) return;
    int status = 0;
    if (::waitpid(pid_, &status, WNOHANG) == pid_) status_ = status;
  }
  pid_t pid_ = -1;
  std::optional<int> status_;
};

int run_command(const std::vector<std::string>& argv, const std::filesystem::path& log) {
  Process p(argv, log);
  return p.wait(120s).value_or(-1);
}

std::string ts(sdk::TimePoint t) {
  return sdk::format_timestamp(t);
}

// The outbox as an operator sees it, through a read-only connection. Empty while the daemon has not yet
// created the database.
std::vector<Message> outbox_rows(const std::filesystem::path& db_path) {
  if (!std::filesystem::exists(db_path)) return {};
  try {
    store::Database db(db_path, store::OpenMode::read_only);
    OutboxStore store(db);
    ListFilter all;
    all.limit = 100000;
    return store.list(all);
  } catch (const store::DatabaseError&) {
    return {};  // being created or migrated: ask again
  }
}

std::vector<Message> webhook_rows(const std::filesystem::path& db_path) {
  std::vector<Message> out;
  for (auto& m : outbox_rows(db_path))
    if (m.channel == Channel::webhook) out.push_back(std::move(m));
  return out;
}

class OutboxDurabilityTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::filesystem::create_directories(plugins_);
    std::filesystem::copy_file(std::filesystem::path(CAREWATCH_TEST_PLUGIN_DIR) / "serious_events.so",
                               plugins_ / "serious_events.so");
    const auto secret = dir_.write("webhook.secret", "durability-test-signing-key\n");
    ::chmod(secret.c_str(), 0600);
    std::string contacts = "[contacts.default]\n";
    for (const char* role :
         {"registered_manager", "responsible_individual", "placing_authority", "host_authority", "lado",
          "iro", "social_worker", "independent_person", "it_operations"})
      contacts += std::string(role) + " = { webhook = \"" + receiver_.url("/hook") + "\" }\n";
    config_ = dir_.write("carewatch.toml", R"(
[store]
database = "carewatch.db"
[plugins]
directory = "plugins"
[calendar]
bank_holidays = ")" + std::string(CAREWATCH_TEST_BANK_HOLIDAYS) +
                                               R"("
[schedule]
poll_interval_ms = 50
full_sweep_interval_s = 3600
[outbox]
max_attempts = 100
initial_backoff_s = 1
max_backoff_s = 1
poll_interval_s = 1
[notify.webhook]
enabled = true
secret_file = "webhook.secret"
timeout_s = 5
[logging]
level = "info"
)" + contacts);
  }

  // Starts carewatchd and waits until it has opened the store and loaded its plugins.
  std::unique_ptr<Process> start_daemon() {
    log_ = dir_ / ("carewatchd-" + std::to_string(++starts_) + ".log");
    auto daemon =
        std::make_unique<Process>(std::vector<std::string>{CAREWATCHD, "--config", config_.string()}, log_);
    EXPECT_TRUE(wait_until([&] { return log().find("started") != std::string::npos || !daemon->running(); },
                           kTimeout))
        << log();
    EXPECT_TRUE(daemon->running()) << log();
    return daemon;
  }

  std::string log() const { return read_file(log_); }

  int import(const std::string& name, const std::string& ndjson) {
    const auto file = dir_.write(name, ndjson);
    return run_command({CAREWATCH_TEST_CLI, "--db", db_.string(), "import", file.string()},
                       dir_ / "import.log");
  }

  // A home, its authority, a child and a staff member, recorded long ago, and an allegation received two
  // weeks ago with no LADO referral: WT-LADO-1WD and the notification rules are breached, so escalations
  // open and the ladder writes their messages to the outbox.
  std::string breach(int round) const {
    const auto now = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
    const auto long_ago = now - std::chrono::days(400);
    const auto received = now - std::chrono::days(14);
    const std::string n = std::to_string(round);
    // Each round its own home and authority: reference records are not re-sent with other times.
    const std::string h = "H" + n;
    const std::string la = "LA" + n;
    return R"({"kind":"authority","id":")" + la + R"(","recorded_at":")" + ts(long_ago) +
           R"("})"
           "\n" +
           R"({"kind":"home","id":")" + h + R"(","recorded_at":")" + ts(long_ago) +
           R"(","host_authority":")" + la +
           R"("})"
           "\n" +
           R"({"kind":"child","id":"C)" + n + R"(","home":")" + h + R"(","recorded_at":")" + ts(long_ago) +
           R"(","date_of_birth":"2012-05-01","placing_authority":")" + la + R"(","admitted_at":")" +
           ts(long_ago) +
           R"(","communication":"verbal"})"
           "\n" +
           R"({"kind":"staff","id":"S)" + n + R"(","home":")" + h + R"(","recorded_at":")" + ts(long_ago) +
           R"(","role":"care_worker","employment":"permanent","care_role":true,"started_at":"2020-01-01"})"
           "\n" +
           R"({"kind":"allegation","id":"AL)" + n + R"(","home":")" + h + R"(","recorded_at":")" +
           ts(received + std::chrono::hours(1)) + R"(","received_at":")" + ts(received) + R"(","child":"C)" +
           n + R"(","against_staff":"S)" + n +
           R"(","limbs":["harmed"]})"
           "\n";
  }

  // Every webhook message in the outbox is delivered, and the receiver accepted each key exactly
  // `times` times (once, unless the daemon was killed while the receiver held an accepted request).
  void expect_all_delivered_once(const std::map<std::string, std::size_t>& extra = {}) {
    EXPECT_TRUE(wait_until(
        [&] {
          const auto rows = webhook_rows(db_);
          return !rows.empty() && std::all_of(rows.begin(), rows.end(), [](const Message& m) {
            return m.state == DeliveryState::delivered;
          });
        },
        kTimeout))
        << log();
    for (const auto& m : webhook_rows(db_)) {
      const auto found = extra.find(m.idempotency_key);
      const std::size_t expected = 1 + (found == extra.end() ? 0 : found->second);
      EXPECT_EQ(receiver_.deliveries(m.idempotency_key), expected)
          << "message " << m.id << " key " << m.idempotency_key;
    }
    // Nothing arrived that the outbox does not hold.
    std::set<std::string> keys;
    for (const auto& m : webhook_rows(db_)) keys.insert(m.idempotency_key);
    for (const auto& r : receiver_.requests())
      EXPECT_EQ(keys.count(r.header("Idempotency-Key").value_or("")), 1U);
  }

  test_support::HttpReceiver receiver_;
  TempDir dir_;
  std::filesystem::path plugins_ = dir_ / "plugins";
  std::filesystem::path db_ = dir_ / "carewatch.db";
  std::filesystem::path log_ = dir_ / "carewatchd.log";
  std::filesystem::path config_;
  int starts_ = 0;
  std::map<std::string, std::size_t> twice_;  // keys accepted twice: a kill while the receiver held them
};

// Round after round: a breach is committed with its messages while the receiver is down, the daemon is
// killed with SIGKILL before any delivery succeeded, the receiver comes back and the daemon restarts:
// every message arrives, each key accepted once.
TEST_F(OutboxDurabilityTest, KilledBeforeDeliveryDeliversAfterRestart) {
  for (int round = 1; round <= kRounds; ++round) {
    SCOPED_TRACE("round " + std::to_string(round));
    receiver_.go_down();
    auto daemon = start_daemon();
    const std::size_t before = webhook_rows(db_).size();
    ASSERT_EQ(import("breach" + std::to_string(round) + ".ndjson", breach(round)), 0)
        << read_file(dir_ / "import.log");

    // Committed and tried at least once (connection refused), so the daemon was mid-retry when killed.
    ASSERT_TRUE(wait_until(
        [&] {
          const auto rows = webhook_rows(db_);
          return rows.size() > before && std::any_of(rows.begin(), rows.end(), [](const Message& m) {
                   return m.state == DeliveryState::pending && m.attempts > 0;
                 });
        },
        kTimeout))
        << "no webhook message was enqueued and attempted\n"
        << log();
    daemon->kill9();
    ASSERT_TRUE(daemon->killed_by_sigkill());

    // Every message of this round survived the kill, still pending (earlier rounds' were delivered).
    const auto after_kill = webhook_rows(db_);
    ASSERT_GT(after_kill.size(), before);
    const auto pending = std::count_if(after_kill.begin(), after_kill.end(),
                                       [](const Message& m) { return m.state == DeliveryState::pending; });
    EXPECT_EQ(static_cast<std::size_t>(pending), after_kill.size() - before);

    receiver_.come_back();
    daemon = start_daemon();
    expect_all_delivered_once();
    daemon->signal(SIGTERM);
    EXPECT_EQ(daemon->wait(kTimeout), std::optional<int>(0)) << log();
  }
}

// The receiver accepts a request but its answer comes too late: the daemon is killed while waiting, so
// the acceptance was never recorded. After the restart the same message goes again with the same key (at
// least once), and nothing else is sent twice.
TEST_F(OutboxDurabilityTest, KilledAfterReceiverAcceptedRedeliversWithTheSameKey) {
  for (int round = 1; round <= kRounds; ++round) {
    SCOPED_TRACE("round " + std::to_string(round));
    receiver_.set_delay(3s);  // holds each request, then answers 200 (to a client that may be gone)
    auto daemon = start_daemon();
    const std::size_t requests_before = receiver_.request_count();
    ASSERT_EQ(import("breach" + std::to_string(round) + ".ndjson", breach(round)), 0)
        << read_file(dir_ / "import.log");
    ASSERT_TRUE(receiver_.wait_for_requests(requests_before + 1, kTimeout)) << log();
    daemon->kill9();
    const auto in_flight = receiver_.requests().at(requests_before).header("Idempotency-Key").value_or("");
    ASSERT_FALSE(in_flight.empty());
    // The held request is answered 200 after the delay: the receiver accepted it, the daemon never knew.
    ASSERT_TRUE(wait_until([&] { return receiver_.deliveries(in_flight) == 1; }, kTimeout));
    for (const auto& m : webhook_rows(db_))
      if (m.idempotency_key == in_flight) {
        EXPECT_EQ(m.state, DeliveryState::pending) << "its success was never recorded";
      }

    receiver_.set_delay(0ms);
    daemon = start_daemon();
    // Earlier rounds' messages were settled; this round's in-flight message is accepted a second time.
    twice_[in_flight] += 1;
    expect_all_delivered_once(twice_);
    daemon->signal(SIGTERM);
    EXPECT_EQ(daemon->wait(kTimeout), std::optional<int>(0)) << log();
  }
}

// A receiver down for a while (several failed attempts per message, several breaches) gets everything
// once it is back, each key once: nothing lost, nothing doubled.
TEST_F(OutboxDurabilityTest, ReceiverDownForAWhileGetsEverythingOnceBack) {
  receiver_.go_down();
  auto daemon = start_daemon();
  for (int round = 1; round <= kRounds; ++round)
    ASSERT_EQ(import("breach" + std::to_string(round) + ".ndjson", breach(round)), 0)
        << read_file(dir_ / "import.log");
  ASSERT_TRUE(wait_until(
      [&] {
        const auto rows = webhook_rows(db_);
        return rows.size() >= kRounds && std::all_of(rows.begin(), rows.end(), [](const Message& m) {
                 return m.state == DeliveryState::pending && m.attempts >= 2;
               });
      },
      kTimeout))
      << log();
  receiver_.come_back();
  expect_all_delivered_once();
  daemon->signal(SIGTERM);
  EXPECT_EQ(daemon->wait(kTimeout), std::optional<int>(0)) << log();
}

}  // namespace
}  // namespace carewatch::outbox
