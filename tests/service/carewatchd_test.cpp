// carewatchd as a real process: started with a temporary configuration and database, fed by the real
// `carewatch import`, watched through the database (read-only) and its log, and signalled.
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

#include <carewatch/sdk/time.hpp>

#include "store/database.hpp"
#include "temp_dir.hpp"

extern char** environ;

namespace carewatch::service {
namespace {

using carewatch::testing::TempDir;
using ::testing::HasSubstr;
using ::testing::Not;
using namespace std::chrono_literals;

// Generous bounds: under sanitizers and a loaded machine the daemon is slow, and a bound only limits
// how long a failing test takes; a passing one returns as soon as the condition holds.
constexpr auto kEscalationTimeout = 60s;
constexpr auto kExitTimeout = 30s;

std::string read_file(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Polls `condition` every 50 ms until it holds or `timeout` passes.
bool wait_until(const std::function<bool()>& condition, std::chrono::steady_clock::duration timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    if (condition()) return true;
    std::this_thread::sleep_for(50ms);
  }
  return condition();
}

// A child process with standard output and error appended to `log`.
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
  ~Process() {
    if (pid_ > 0 && !status_) {
      ::kill(pid_, SIGKILL);
      int status = 0;
      ::waitpid(pid_, &status, 0);
    }
  }
  Process(const Process&) = delete;
  Process& operator=(const Process&) = delete;

  void signal(int signo) const { ::kill(pid_, signo); }
  bool running() {
    poll();
    return !status_;
  }
  // The exit code once the process has exited within `timeout`; nullopt if it is still running or was
  // killed by a signal.
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

// Runs a command to completion and returns its exit code (-1 if it did not exit normally in time).
int run_command(const std::vector<std::string>& argv, const std::filesystem::path& log) {
  Process p(argv, log);
  return p.wait(120s).value_or(-1);
}

std::string ts(sdk::TimePoint t) {
  return sdk::format_timestamp(t);
}

// The newest escalation of `rule`'s state, read through a read-only connection as an operator would.
std::optional<std::string> escalation_state(const std::filesystem::path& db_path, const std::string& rule) {
  if (!std::filesystem::exists(db_path)) return std::nullopt;
  try {
    store::Database db(db_path, store::OpenMode::read_only);
    store::Statement q(db, "SELECT state FROM escalations WHERE rule = ? ORDER BY eid DESC LIMIT 1");
    q.bind(1, rule);
    if (!q.step()) return std::nullopt;
    return q.column_text(0);
  } catch (const store::DatabaseError&) {
    return std::nullopt;  // created but not yet migrated, or busy: ask again
  }
}

class CarewatchdTest : public ::testing::Test {
 protected:
  void SetUp() override {
    // Only the plugin under test, copied into a private directory: the build's plugin directory may
    // hold other plugins, and carewatchd refuses a directory others can write to.
    std::filesystem::create_directories(plugins_);
    std::filesystem::copy_file(std::filesystem::path(CAREWATCH_TEST_PLUGIN_DIR) / "serious_events.so",
                               plugins_ / "serious_events.so");
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
[logging]
level = "info"
)");
  }

  std::string log() const { return read_file(log_); }

  int import(const std::string& name, const std::string& ndjson) {
    const auto file = dir_.write(name, ndjson);
    return run_command({CAREWATCH_TEST_CLI, "--db", db_.string(), "import", file.string()},
                       dir_ / "import.log");
  }

  TempDir dir_;
  std::filesystem::path plugins_ = dir_ / "plugins";
  std::filesystem::path db_ = dir_ / "carewatch.db";
  std::filesystem::path log_ = dir_ / "carewatchd.log";
  std::filesystem::path config_;
};

// An overdue allegation imported while the daemon runs opens its escalations within one poll; the
// referral and notifications, imported later, resolve them; SIGHUP reloads; SIGTERM exits 0.
TEST_F(CarewatchdTest, EscalatesImportsAndStopsCleanly) {
  Process daemon({CAREWATCHD, "--config", config_.string()}, log_);
  ASSERT_TRUE(
      wait_until([&] { return log().find("started") != std::string::npos || !daemon.running(); }, 60s))
      << log();
  ASSERT_TRUE(daemon.running()) << log();

  const auto now = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
  const auto long_ago = now - std::chrono::days(400);
  // Received two weeks ago: one working day (LADO) and the 24-hour practice target (notifications)
  // have both passed, whatever the bank holidays.
  const auto received = now - std::chrono::days(14);
  const std::string reference =
      R"({"kind":"authority","id":"LA1","recorded_at":")" + ts(long_ago) +
      R"("})"
      "\n" +
      R"({"kind":"home","id":"H1","recorded_at":")" + ts(long_ago) +
      R"(","host_authority":"LA1"})"
      "\n" +
      R"({"kind":"child","id":"C1","home":"H1","recorded_at":")" + ts(long_ago) +
      R"(","date_of_birth":"2012-05-01","placing_authority":"LA1","admitted_at":")" + ts(long_ago) +
      R"(","communication":"verbal"})"
      "\n" +
      R"({"kind":"staff","id":"S1","home":"H1","recorded_at":")" + ts(long_ago) +
      R"(","role":"care_worker","employment":"permanent","care_role":true,"started_at":"2020-01-01"})"
      "\n";
  const std::string allegation = R"({"kind":"allegation","id":"AL1","home":"H1","recorded_at":")" +
                                 ts(received + std::chrono::hours(1)) + R"(","received_at":")" +
                                 ts(received) +
                                 R"(","child":"C1","against_staff":"S1","limbs":["harmed"]})"
                                 "\n";
  ASSERT_EQ(import("allegation.ndjson", reference + allegation), 0) << read_file(dir_ / "import.log");

  EXPECT_TRUE(wait_until(
      [&] {
        // The log line follows the commit, so wait for both.
        return escalation_state(db_, "WT-LADO-1WD") == "open" &&
               escalation_state(db_, "CHR-40-ALLEGATION") == "open" &&
               log().find("escalation opened") != std::string::npos;
      },
      kEscalationTimeout))
      << log();
  EXPECT_THAT(log(), HasSubstr("escalation opened"));
  EXPECT_THAT(log(), HasSubstr("rule=WT-LADO-1WD"));

  // Everything done on time, but written up only now: as of now the duties are met.
  const auto written = now - std::chrono::minutes(1);
  const std::string done = R"({"kind":"allegation","id":"AL1","revision":2,"home":"H1","recorded_at":")" +
                           ts(written) + R"(","received_at":")" + ts(received) +
                           R"(","child":"C1","against_staff":"S1","limbs":["harmed"],"lado_referred_at":")" +
                           ts(received + std::chrono::hours(2)) + R"(","placing_authority_referred_at":")" +
                           ts(received + std::chrono::hours(2)) + R"(","host_authority_referred_at":")" +
                           ts(received + std::chrono::hours(2)) +
                           R"("})"
                           "\n" +
                           R"({"kind":"notification","id":"N1","home":"H1","recorded_at":")" + ts(written) +
                           R"(","about":"AL1","recipient":"ofsted","sent_at":")" +
                           ts(received + std::chrono::hours(3)) +
                           R"(","stage":"initial"})"
                           "\n" +
                           R"({"kind":"notification","id":"N2","home":"H1","recorded_at":")" + ts(written) +
                           R"(","about":"AL1","recipient":"placing_authority","sent_at":")" +
                           ts(received + std::chrono::hours(3)) +
                           R"(","stage":"initial"})"
                           "\n";
  ASSERT_EQ(import("referral.ndjson", done), 0) << read_file(dir_ / "import.log");

  EXPECT_TRUE(wait_until(
      [&] {
        return escalation_state(db_, "WT-LADO-1WD") == "resolved" &&
               escalation_state(db_, "CHR-40-ALLEGATION") == "resolved" &&
               log().find("escalation resolved") != std::string::npos;
      },
      kEscalationTimeout))
      << log();
  EXPECT_THAT(log(), HasSubstr("escalation resolved"));

  daemon.signal(SIGHUP);
  EXPECT_TRUE(wait_until([&] { return log().find("configuration reloaded") != std::string::npos; }, 60s))
      << log();
  EXPECT_TRUE(daemon.running()) << log();

  daemon.signal(SIGTERM);
  EXPECT_EQ(daemon.wait(kExitTimeout), std::optional<int>(0)) << log();
  EXPECT_THAT(log(), HasSubstr("carewatchd stopped"));
}

// The log names records by id only: nothing of a record's free text reaches it.
TEST_F(CarewatchdTest, LogCarriesNoRecordText) {
  const auto now = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
  const auto received = now - std::chrono::days(14);
  const std::string secret = "PrivateOutcomeText";
  const std::string records = R"({"kind":"home","id":"H1","recorded_at":")" + ts(received) +
                              R"(","host_authority":"LA1"})"
                              "\n" +
                              R"({"kind":"allegation","id":"AL1","home":"H1","recorded_at":")" +
                              ts(received) + R"(","received_at":")" + ts(received) +
                              R"(","against_staff":"S1","limbs":["harmed"],"outcome":")" + secret +
                              R"("})"
                              "\n";
  ASSERT_EQ(import("allegation.ndjson", records), 0) << read_file(dir_ / "import.log");

  const int rc = run_command({CAREWATCHD, "--config", config_.string(), "--once"}, log_);
  EXPECT_EQ(rc, 0) << log();
  EXPECT_EQ(escalation_state(db_, "WT-LADO-1WD"), "open") << log();
  EXPECT_THAT(log(), HasSubstr("rule=WT-LADO-1WD"));
  EXPECT_THAT(log(), Not(HasSubstr(secret)));
}

// A failed reload (the file broken after start) is logged and leaves the daemon running its old
// configuration; it still stops cleanly.
TEST_F(CarewatchdTest, FailedReloadKeepsRunning) {
  Process daemon({CAREWATCHD, "--config", config_.string()}, log_);
  ASSERT_TRUE(
      wait_until([&] { return log().find("started") != std::string::npos || !daemon.running(); }, 60s))
      << log();
  dir_.write("carewatch.toml", "[schedule]\npoll_interval_ms = 1\n");
  daemon.signal(SIGHUP);
  EXPECT_TRUE(wait_until([&] { return log().find("reload failed") != std::string::npos; }, 60s)) << log();
  EXPECT_THAT(log(), HasSubstr("schedule.poll_interval_ms: must be between 50 and 60000"));
  EXPECT_TRUE(daemon.running());
  daemon.signal(SIGINT);
  EXPECT_EQ(daemon.wait(kExitTimeout), std::optional<int>(0)) << log();
}

// --check-config accepts the shipped example (with the test's database and plugins) and exits 0.
TEST_F(CarewatchdTest, CheckConfigAcceptsTheExample) {
  const int rc = run_command({CAREWATCHD, "--config", CAREWATCH_EXAMPLE_CONFIG, "--db", db_.string(),
                              "--plugin-dir", plugins_.string(), "--check-config"},
                             log_);
  EXPECT_EQ(rc, 0) << log();
  EXPECT_THAT(log(), HasSubstr("configuration OK"));
  EXPECT_FALSE(std::filesystem::exists(db_)) << "a check must not create the database";
}

// --check-config rejects a bad file with exit 1, naming the file, line and key.
TEST_F(CarewatchdTest, CheckConfigRejectsABadFile) {
  const auto bad = dir_.write("bad.toml", "[schedule]\npoll_interval_ms = 10\n");
  const int rc = run_command({CAREWATCHD, "--config", bad.string(), "--check-config"}, log_);
  EXPECT_EQ(rc, 1) << log();
  EXPECT_THAT(log(), HasSubstr(bad.string() + ":2: schedule.poll_interval_ms: must be between 50 and 60000"));
}

// --check-config loads the plugins: a parameter the plugin refuses fails the check and names the plugin.
TEST_F(CarewatchdTest, CheckConfigRejectsABadPluginParameter) {
  const auto bad =
      dir_.write("bad-plugin.toml", "[plugins]\ndirectory = \"plugins\"\n[calendar]\nbank_holidays = \"" +
                                        std::string(CAREWATCH_TEST_BANK_HOLIDAYS) +
                                        "\"\n[plugins.serious_events]\nlado_working_days = -3\n");
  const int rc =
      run_command({CAREWATCHD, "--config", bad.string(), "--db", db_.string(), "--check-config"}, log_);
  EXPECT_EQ(rc, 1) << log();
  EXPECT_THAT(log(), HasSubstr("plugins.serious_events: "));
  EXPECT_THAT(log(), HasSubstr("lado_working_days"));
}

// --version prints the version and exits 0.
TEST(CarewatchdVersionTest, PrintsVersion) {
  TempDir dir;
  const int rc = run_command({CAREWATCHD, "--version"}, dir / "out.log");
  EXPECT_EQ(rc, 0);
  EXPECT_THAT(read_file(dir / "out.log"), HasSubstr("carewatchd "));
}

}  // namespace
}  // namespace carewatch::service
