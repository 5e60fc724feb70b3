// The ladder end to end: carewatchd as a real process, fed by the real `carewatch import`, telling the
// people of each level through a real SMTP server and a real HTTP receiver on loopback, stopped by an
// acknowledgement, and held back by a silence rule until it expires.
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
#include <variant>
#include <vector>

#include <gtest/gtest.h>

#include <carewatch/sdk/json.hpp>
#include <carewatch/sdk/time.hpp>

#include "store/database.hpp"
#include "support/http_receiver.hpp"
#include "support/smtp_server.hpp"
#include "support/temp_dir.hpp"

extern char** environ;

namespace carewatch::routing {
namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

// A bound only limits how long a failing test takes; a passing one returns as soon as it holds.
constexpr auto kWait = 60s;

std::string read_file(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

bool wait_until(const std::function<bool()>& condition, Clock::duration timeout) {
  const auto deadline = Clock::now() + timeout;
  while (Clock::now() < deadline) {
    if (condition()) return true;
    std::this_thread::sleep_for(50ms);
  }
  return condition();
}

class Process {
 public:
  Process(const std::vector<std::string>& argv, const std::filesystem::path& log) {
    std::vector<char*> args;
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

  bool running() {
    if (status_) return false;
    int status = 0;
    if (::waitpid(pid_, &status, WNOHANG) == pid_) status_ = status;
    return !status_;
  }
  std::optional<int> wait(Clock::duration timeout) {
    wait_until([this] { return !running(); }, timeout);
    if (!status_ || !WIFEXITED(*status_)) return std::nullopt;
    return WEXITSTATUS(*status_);
  }
  void signal(int signo) const { ::kill(pid_, signo); }

 private:
  pid_t pid_ = -1;
  std::optional<int> status_;
};

std::string ts(sdk::TimePoint t) {
  return sdk::format_timestamp(t);
}

// A child whose allegation against a staff member was received two weeks ago and never referred to the
// LADO: WT-LADO-1WD (and the other serious_events rules) are overdue as of now.
std::string breach() {
  const auto now = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
  const auto long_ago = now - std::chrono::days(400);
  const auto received = now - std::chrono::days(14);
  return R"({"kind":"authority","id":"LA1","recorded_at":")" + ts(long_ago) + "\"}\n" +
         R"({"kind":"home","id":"H1","recorded_at":")" + ts(long_ago) + R"(","host_authority":"LA1"})" +
         "\n" + R"({"kind":"child","id":"C1","home":"H1","recorded_at":")" + ts(long_ago) +
         R"(","date_of_birth":"2012-05-01","placing_authority":"LA1","admitted_at":")" + ts(long_ago) +
         R"(","communication":"verbal"})" + "\n" +
         R"({"kind":"staff","id":"S1","home":"H1","recorded_at":")" + ts(long_ago) +
         R"(","role":"care_worker","employment":"permanent","care_role":true,"started_at":"2020-01-01"})" +
         "\n" + R"({"kind":"allegation","id":"AL1","home":"H1","recorded_at":")" + ts(received + 1h) +
         R"(","received_at":")" + ts(received) +
         R"(","child":"C1","against_staff":"S1","limbs":["harmed"]})" + "\n";
}

constexpr std::string_view kRule = "WT-LADO-1WD";

class LadderEndToEndTest : public ::testing::Test {
 protected:
  // `timeout`: each level's acknowledgement timeout.
  void start(const std::string& timeout) {
    std::filesystem::create_directories(plugins_);
    std::filesystem::copy_file(std::filesystem::path(CAREWATCH_TEST_PLUGIN_DIR) / "serious_events.so",
                               plugins_ / "serious_events.so");
    const auto secret = dir_.write_file("webhook-secret", "test-secret\n");
    // Only the LADO rule's route reaches the receivers; the other serious_events rules go to the log.
    const std::string config = R"(
[store]
database = ")" + db_.string() + R"("
[plugins]
directory = ")" + plugins_.string() +
                               R"("
[calendar]
bank_holidays = ")" + std::string(CAREWATCH_TEST_BANK_HOLIDAYS) +
                               R"("
[schedule]
poll_interval_ms = 50
[outbox]
poll_interval_s = 1
initial_backoff_s = 1
[notify.email]
enabled = true
url = ")" + smtp_.url() + R"("
from = "carewatch@provider.example"
starttls = "off"
[notify.webhook]
enabled = true
secret_file = ")" + secret.string() +
                               R"("
[contacts.home.H1]
registered_manager = { email = "rm.h1@provider.example.org" }
[contacts.default]
responsible_individual = { email = "ri@provider.example.org" }
[contacts.authority.LA1]
lado = { webhook = ")" + hook_.url("/lado") +
                               R"(" }
[routing]
act_url = "http://127.0.0.1:8787/v1/escalations"
[routing.default]
[[routing.default.levels]]
roles = ["it_operations"]
[[routes]]
name = "lado"
rules = ["WT-LADO-1WD"]
repeat_interval = "off"
[[routes.levels]]
roles = ["registered_manager"]
timeout = ")" + timeout + R"("
[[routes.levels]]
roles = ["responsible_individual"]
timeout = ")" + timeout + R"("
[[routes.levels]]
roles = ["lado"]
)";
    config_ = dir_.write_file("carewatch.toml", config);
    daemon_.emplace(std::vector<std::string>{CAREWATCHD, "--config", config_.string()}, log_);
    ASSERT_TRUE(
        wait_until([&] { return log().find("started") != std::string::npos || !daemon_->running(); }, kWait))
        << log();
    ASSERT_TRUE(daemon_->running()) << log();
  }

  void TearDown() override {
    if (daemon_) {
      daemon_->signal(SIGTERM);
      EXPECT_EQ(daemon_->wait(30s), std::optional<int>(0)) << log();
    }
  }

  std::string log() const { return read_file(log_); }

  int cli(const std::vector<std::string>& args) {
    std::vector<std::string> argv = {CAREWATCH_TEST_CLI, "--config", config_.string()};
    argv.insert(argv.end(), args.begin(), args.end());
    Process p(argv, dir_.path() / "cli.log");
    return p.wait(120s).value_or(-1);
  }

  void import_breach() {
    const auto file = dir_.write_file("breach.ndjson", breach());
    ASSERT_EQ(cli({"import", file.string()}), 0) << read_file(dir_.path() / "cli.log");
  }

  // The LADO rule's emails, in the order the server accepted them.
  std::vector<test_support::ReceivedMail> lado_mail() const {
    std::vector<test_support::ReceivedMail> out;
    for (auto& m : smtp_.messages())
      if (m.header("Subject").value_or("").find(kRule) != std::string::npos) out.push_back(std::move(m));
    return out;
  }

  std::optional<std::int64_t> escalation_id() const {
    try {
      store::Database db(db_, store::OpenMode::read_only);
      store::Statement q(db, "SELECT eid FROM escalations WHERE rule = ?1 ORDER BY eid DESC LIMIT 1");
      q.bind(1, kRule);
      if (!q.step()) return std::nullopt;
      return q.column_int(0);
    } catch (const store::DatabaseError&) {
      return std::nullopt;
    }
  }

  test_support::TempDir dir_{"routing-e2e"};
  test_support::SmtpServer smtp_;
  test_support::HttpReceiver hook_;
  std::filesystem::path plugins_ = dir_.path() / "plugins";
  std::filesystem::path db_ = dir_.path() / "carewatch.db";
  std::filesystem::path log_ = dir_.path() / "carewatchd.log";
  std::filesystem::path config_;
  std::optional<Process> daemon_;
};

// Not acknowledged: the registered manager (email), then the responsible individual (email), then the
// host authority's LADO (webhook) are told, in that order, each after the level's timeout, with the
// rule, clause, ids, deadline and where to act, and nothing else.
TEST_F(LadderEndToEndTest, ClimbsThroughEachLevelInOrder) {
  ASSERT_NO_FATAL_FAILURE(start("2s"));
  import_breach();
  ASSERT_TRUE(wait_until([&] { return hook_.request_count() >= 1; }, kWait)) << log();

  const auto mail = lado_mail();
  ASSERT_EQ(mail.size(), 2u) << log();
  EXPECT_EQ(mail[0].rcpt_tos, std::vector<std::string>{"rm.h1@provider.example.org"});
  EXPECT_NE(mail[0].header("Subject")->find("needs action"), std::string::npos);
  EXPECT_EQ(mail[1].rcpt_tos, std::vector<std::string>{"ri@provider.example.org"});
  EXPECT_NE(mail[1].header("Subject")->find("escalated"), std::string::npos);

  const auto id = escalation_id();
  ASSERT_TRUE(id);
  const std::string body = mail[0].body();
  for (const std::string& want :
       {std::string("Rule:       WT-LADO-1WD"), std::string("Severity:   critical"),
        std::string("Home:       H1"), std::string("Child:      C1"), std::string("Staff:      S1"),
        std::string("Deadline:"), std::string("AL1"), "carewatch escalations ack " + std::to_string(*id),
        "http://127.0.0.1:8787/v1/escalations/" + std::to_string(*id)})
    EXPECT_NE(body.find(want), std::string::npos) << want << " not in\n" << body;

  const auto requests = hook_.requests();
  ASSERT_EQ(requests.size(), 1u);
  EXPECT_EQ(requests[0].target, "/lado");
  EXPECT_TRUE(requests[0].header("Idempotency-Key"));
  const auto parsed = sdk::parse_json(requests[0].body);
  const auto* v = std::get_if<sdk::Value>(&parsed);
  ASSERT_TRUE(v && v->is_object()) << requests[0].body;
  EXPECT_EQ(v->find("rule")->as_string(), kRule);
  EXPECT_EQ(v->find("kind")->as_string(), "escalated");
  EXPECT_EQ(v->find("level")->as_int(), 2);
  EXPECT_EQ(v->find("state")->as_string(), "open");
  EXPECT_EQ(v->find("escalation")->as_int(), *id);
  EXPECT_EQ(v->find("child")->as_string(), "C1");
  EXPECT_TRUE(v->find("regulation")->is_string());
  EXPECT_TRUE(v->find("fingerprint")->is_string());

  // The event log records each climb by carewatch.
  store::Database db(db_, store::OpenMode::read_only);
  store::Statement q(
      db,
      "SELECT count(*) FROM escalation_events WHERE eid = ?1 AND type = 'escalated' AND actor = 'carewatch'");
  q.bind(1, *id);
  ASSERT_TRUE(q.step());
  EXPECT_EQ(q.column_int(0), 2);
}

// An acknowledgement from the command line stops the climb: the next level is never told, and a person
// resolving it tells everyone told so far.
TEST_F(LadderEndToEndTest, AcknowledgementStopsClimb) {
  ASSERT_NO_FATAL_FAILURE(start("3s"));
  import_breach();
  ASSERT_TRUE(wait_until([&] { return lado_mail().size() >= 1; }, kWait)) << log();
  const auto id = escalation_id();
  ASSERT_TRUE(id);
  ASSERT_EQ(cli({"escalations", "ack", std::to_string(*id), "--by", "RM-1", "--reason", "on it"}), 0)
      << read_file(dir_.path() / "cli.log");
  // Past the level's timeout (3 s from the first message) with a margin: still nobody else told.
  std::this_thread::sleep_for(5s);
  EXPECT_EQ(lado_mail().size(), 1u) << log();
  EXPECT_EQ(hook_.request_count(), 0u);

  ASSERT_EQ(cli({"escalations", "resolve", std::to_string(*id), "--by", "RM-1", "--reason", "referred"}), 0)
      << read_file(dir_.path() / "cli.log");
  ASSERT_TRUE(wait_until([&] { return lado_mail().size() >= 2; }, kWait)) << log();
  const auto mail = lado_mail();
  EXPECT_EQ(mail[1].rcpt_tos, std::vector<std::string>{"rm.h1@provider.example.org"});
  EXPECT_NE(mail[1].header("Subject")->find("closed"), std::string::npos);
  EXPECT_NE(mail[1].body().find("Closed by:  RM-1"), std::string::npos);
}

// A silence rule added before the breach holds back every message until it expires by itself; then the
// first level is told.
TEST_F(LadderEndToEndTest, SilenceRuleHoldsMessagesUntilExpiry) {
  ASSERT_NO_FATAL_FAILURE(start("1h"));
  ASSERT_EQ(cli({"silences", "add", "--rule", std::string(kRule), "--home", "H1", "--by", "RI-2", "--reason",
                 "test window", "--for", "6s"}),
            0)
      << read_file(dir_.path() / "cli.log");
  const auto expires = std::chrono::system_clock::now() + 6s;
  import_breach();
  ASSERT_TRUE(wait_until([&] { return escalation_id().has_value(); }, kWait)) << log();
  // Until just before the expiry: silenced, nothing sent for this rule.
  while (std::chrono::system_clock::now() < expires - 1500ms) {
    ASSERT_TRUE(lado_mail().empty()) << log();
    std::this_thread::sleep_for(100ms);
  }
  ASSERT_TRUE(wait_until([&] { return !lado_mail().empty(); }, kWait)) << log();
  EXPECT_GE(std::chrono::system_clock::now(), expires - 1s);
  const auto mail = lado_mail();
  ASSERT_EQ(mail.size(), 1u);
  EXPECT_EQ(mail[0].rcpt_tos, std::vector<std::string>{"rm.h1@provider.example.org"});

  store::Database db(db_, store::OpenMode::read_only);
  store::Statement q(db, "SELECT type, actor FROM escalation_events WHERE eid = ?1 ORDER BY event_id");
  q.bind(1, *escalation_id());
  std::vector<std::string> events;
  while (q.step()) events.push_back(q.column_text(0) + " by " + q.column_text(1));
  EXPECT_EQ(events, (std::vector<std::string>{"opened by carewatch", "silenced by RI-2",
                                              "silence_expired by carewatch"}));
}

}  // namespace
}  // namespace carewatch::routing
