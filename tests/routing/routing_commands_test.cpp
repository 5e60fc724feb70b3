// `carewatch routes test` and `carewatch silences` as a user runs them: the real binary, a real
// configuration file, the serious_events plugin and a real database.
#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <system_error>
#include <variant>
#include <vector>

#include <gtest/gtest.h>

#include <carewatch/sdk/json.hpp>

#include "support/temp_dir.hpp"

extern char** environ;

namespace carewatch::routing {
namespace {

struct Result {
  int code = -1;
  std::string output;  // standard output and error together
};

class RoutingCommandsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::filesystem::create_directories(plugins_);
    std::filesystem::copy_file(std::filesystem::path(CAREWATCH_TEST_PLUGIN_DIR) / "serious_events.so",
                               plugins_ / "serious_events.so");
    config_ = dir_.write_file("carewatch.toml", R"(
[store]
database = "carewatch.db"
[plugins]
directory = "plugins"
[contacts.home.H1]
registered_manager = { email = "rm.h1@example.org" }
[contacts.authority.LA2]
placing_authority = { webhook = "http://127.0.0.1:9000/la2" }
[[routes]]
name = "referral"
rules = ["CHR-34-REFERRAL"]
[[routes.levels]]
roles = ["registered_manager"]
timeout = "4h"
[[routes.levels]]
roles = ["placing_authority", "host_authority"]
)");
    const auto records = dir_.write_file(
        "records.ndjson",
        R"({"kind":"home","id":"H1","recorded_at":"2025-01-01T00:00:00Z","host_authority":"LA1"}
{"kind":"child","id":"C1","home":"H1","recorded_at":"2025-01-01T00:00:00Z","date_of_birth":"2012-01-01","placing_authority":"LA2","admitted_at":"2025-01-01T00:00:00Z","communication":"verbal"}
)");
    ASSERT_EQ(run({"import", records.string()}).code, 0);
  }

  Result run(const std::vector<std::string>& args) {
    std::vector<std::string> argv = {CAREWATCH_TEST_CLI, "--config", config_.string()};
    argv.insert(argv.end(), args.begin(), args.end());
    std::vector<char*> raw;
    for (auto& a : argv) raw.push_back(a.data());
    raw.push_back(nullptr);
    const auto out = dir_.path() / "out.txt";
    std::filesystem::remove(out);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, out.c_str(), O_WRONLY | O_CREAT | O_TRUNC,
                                     0600);
    posix_spawn_file_actions_adddup2(&actions, STDOUT_FILENO, STDERR_FILENO);
    pid_t pid = -1;
    const int rc = posix_spawn(&pid, raw[0], &actions, nullptr, raw.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    if (rc != 0) throw std::runtime_error("cannot start carewatch: " + std::generic_category().message(rc));
    int status = 0;
    ::waitpid(pid, &status, 0);
    std::ifstream in(out);
    std::ostringstream ss;
    ss << in.rdbuf();
    return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, ss.str()};
  }

  test_support::TempDir dir_{"routing-cli"};
  std::filesystem::path plugins_ = dir_.path() / "plugins";
  std::filesystem::path config_;
};

// The dry run names the route and, per level, each role's channel and address, the placing authority
// being the child's (read from the store) and the host authority the home's.
TEST_F(RoutingCommandsTest, RoutesTestShowsEachLevel) {
  const Result r = run(
      {"routes", "test", "--rule", "CHR-34-REFERRAL", "--home", "H1", "--child", "C1", "--format", "json"});
  ASSERT_EQ(r.code, 0) << r.output;
  const auto parsed = sdk::parse_json(r.output);
  const auto* v = std::get_if<sdk::Value>(&parsed);
  ASSERT_TRUE(v && v->is_object()) << r.output;
  EXPECT_EQ(v->find("route")->as_string(), "referral");
  EXPECT_EQ(v->find("family")->as_string(), "serious_events");
  EXPECT_EQ(v->find("severity")->as_string(), "critical");
  EXPECT_EQ(v->find("placing_authority")->as_string(), "LA2");
  EXPECT_EQ(v->find("host_authority")->as_string(), "LA1");
  const auto& levels = v->find("levels")->as_array();
  ASSERT_EQ(levels.size(), 2u);
  EXPECT_EQ(levels[0].find("timeout_s")->as_int(), 4 * 3600);
  EXPECT_EQ(levels[0].find("recipients")->as_array().at(0).find("address")->as_string(), "rm.h1@example.org");
  const auto& second = levels[1].find("recipients")->as_array();
  ASSERT_EQ(second.size(), 2u);
  EXPECT_EQ(second[0].find("address")->as_string(), "http://127.0.0.1:9000/la2");
  EXPECT_EQ(second[0].find("channel")->as_string(), "webhook");
  // Nobody holds host_authority: it goes to the daemon's log.
  EXPECT_EQ(second[1].find("channel")->as_string(), "log");
  EXPECT_EQ(levels[1].find("unreached")->as_array().at(0).as_string(), "host_authority");

  const Result text = run({"routes", "test", "--rule", "CHR-34-REFERRAL", "--home", "H1"});
  ASSERT_EQ(text.code, 0) << text.output;
  EXPECT_NE(text.output.find("route \"referral\""), std::string::npos) << text.output;
  EXPECT_NE(text.output.find("no contact configured"), std::string::npos) << text.output;
}

// An unknown rule, home or child is a clear error with a non-zero exit.
TEST_F(RoutingCommandsTest, RoutesTestRefusesUnknownRuleHomeAndChild) {
  Result r = run({"routes", "test", "--rule", "NO-SUCH-RULE", "--home", "H1"});
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.output.find("unknown rule \"NO-SUCH-RULE\""), std::string::npos) << r.output;
  r = run({"routes", "test", "--rule", "CHR-34-REFERRAL", "--home", "H9"});
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.output.find("unknown home \"H9\""), std::string::npos) << r.output;
  r = run({"routes", "test", "--rule", "CHR-34-REFERRAL", "--home", "H1", "--child", "C9"});
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.output.find("unknown child \"C9\""), std::string::npos) << r.output;
}

// Silence rules from the shell: added with a duration, listed, ended with who and why, then listed as
// ended with --all; a rule without matchers is refused.
TEST_F(RoutingCommandsTest, SilencesAddListEnd) {
  Result r =
      run({"silences", "add", "--home", "H1", "--by", "RI-2", "--reason", "inspection", "--for", "2d"});
  ASSERT_EQ(r.code, 0) << r.output;
  EXPECT_NE(r.output.find("silence rule 1 (home=H1)"), std::string::npos) << r.output;
  r = run({"silences", "list", "--format", "json"});
  ASSERT_EQ(r.code, 0) << r.output;
  EXPECT_NE(r.output.find("\"status\":\"active\""), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("\"author\":\"RI-2\""), std::string::npos) << r.output;
  r = run({"silences", "end", "1", "--by", "RI-2", "--reason", "over"});
  ASSERT_EQ(r.code, 0) << r.output;
  r = run({"silences", "list"});
  EXPECT_NE(r.output.find("0 silence rules"), std::string::npos) << r.output;
  r = run({"silences", "list", "--all"});
  EXPECT_NE(r.output.find("ended"), std::string::npos) << r.output;
  r = run({"silences", "add", "--by", "RI-2", "--reason", "x", "--for", "1h"});
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.output.find("at least one of --rule, --home, --child, --fingerprint"), std::string::npos)
      << r.output;
  r = run({"silences", "add", "--rule", "X", "--by", "RI-2", "--reason", "x", "--for", "soon"});
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.output.find("--for: \"soon\""), std::string::npos) << r.output;
}

}  // namespace
}  // namespace carewatch::routing
