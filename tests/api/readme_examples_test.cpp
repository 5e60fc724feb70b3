// The top-level README's HTTP API examples, run as written (only the port changed) against a real
// carewatchd started from the shipped config/carewatch.toml with the serious_events plugin.
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "http_client.hpp"
#include "support/temp_dir.hpp"

extern char** environ;

namespace carewatch::api {
namespace {

using ::testing::HasSubstr;

std::string read_file(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string replace_all(std::string text, const std::string& from, const std::string& to) {
  for (auto at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size()))
    text.replace(at, from.size(), to);
  return text;
}

// A port nobody listens on right now.
std::uint16_t free_port() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
  socklen_t len = sizeof addr;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  ::close(fd);
  return ntohs(addr.sin_port);
}

// The first ```sh block after the "## HTTP API" heading.
std::string readme_examples(const std::string& readme) {
  const auto section = readme.find("\n## HTTP API\n");
  if (section == std::string::npos) return {};
  const auto start = readme.find("```sh\n", section);
  const auto end = readme.find("\n```", start + 6);
  if (start == std::string::npos || end == std::string::npos) return {};
  return readme.substr(start + 6, end - start - 6) + "\n";
}

// The README's curl examples work as written against the demo configuration: ingest, list, ack,
// show and metrics.
TEST(ReadmeExamplesTest, CurlExamplesWorkAgainstTheExampleConfiguration) {
  test_support::TempDir dir("api-readme");
  const std::filesystem::path source = CAREWATCH_SOURCE_DIR;
  const std::string script = readme_examples(read_file(source / "README.md"));
  ASSERT_THAT(script, HasSubstr("curl"));
  const std::uint16_t port = free_port();
  const std::string port_text = std::to_string(port);

  // The example configuration with only the port changed; its relative bank-holiday path resolves
  // beside the copy, so the data file goes there too.
  std::string config = read_file(source / "config" / "carewatch.toml");
  ASSERT_THAT(config, HasSubstr("port = 8787\n"));
  config = replace_all(config, "port = 8787\n", "port = " + port_text + "\n");
  dir.write_file("carewatch.toml", config);
  std::filesystem::copy_file(source / "config" / "bank-holidays-england-wales.txt",
                             dir.path() / "bank-holidays-england-wales.txt");
  const auto log = dir.path() / "carewatchd.log";
  const std::string config_path = (dir.path() / "carewatch.toml").string();
  const std::string db_path = (dir.path() / "carewatch.db").string();
  std::vector<std::string> argv = {CAREWATCHD, "--config", config_path, "--db", db_path,
                                   "--plugin-dir", CAREWATCH_TEST_PLUGIN_DIR};
  std::vector<char*> args;
  for (auto& a : argv) args.push_back(a.data());
  args.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, log.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0600);
  posix_spawn_file_actions_adddup2(&actions, STDOUT_FILENO, STDERR_FILENO);
  pid_t pid = -1;
  ASSERT_EQ(posix_spawn(&pid, args[0], &actions, nullptr, args.data(), environ), 0);
  posix_spawn_file_actions_destroy(&actions);

  bool ready = false;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (!ready && std::chrono::steady_clock::now() < deadline) {
    try {
      ready = testing::request(port, "GET", "/readyz").status == 200;
    } catch (const std::exception&) {
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
  }
  ASSERT_TRUE(ready) << read_file(log);

  const auto script_file = dir.write_file("examples.sh", replace_all(script, "127.0.0.1:8787", "127.0.0.1:" + port_text));
  const auto out = dir.path() / "examples.out";
  const std::string command = "cd '" + source.string() + "' && bash -e -o pipefail '" + script_file.string() +
                              "' > '" + out.string() + "' 2>&1";
  const int rc = std::system(command.c_str());
  const std::string output = read_file(out);
  EXPECT_TRUE(WIFEXITED(rc) && WEXITSTATUS(rc) == 0) << output;
  EXPECT_THAT(output, HasSubstr(R"("status":"ready")"));
  EXPECT_THAT(output, HasSubstr(R"("accepted":5)"));
  EXPECT_THAT(output, HasSubstr(R"("rejections":[{"field":"child","line":6,"reason":"required field is missing"}])"));
  EXPECT_THAT(output, HasSubstr(R"("rule":"WT-LADO-1WD")"));
  EXPECT_THAT(output, HasSubstr(R"("state":"acknowledged")"));
  EXPECT_THAT(output, HasSubstr(R"("actor":"demo")"));
  EXPECT_THAT(output, HasSubstr("carewatch_api_requests_total"));

  ::kill(pid, SIGTERM);
  int status = 0;
  ::waitpid(pid, &status, 0);
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << read_file(log);
}

}  // namespace
}  // namespace carewatch::api
