// The systemd unit (config/carewatch.service) as systemd itself judges it, and the claim its hardening
// makes about plugins: that MemoryDenyWriteExecute= does not stop carewatchd from loading them.
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "../service/temp_dir.hpp"

#ifndef PR_SET_MDWE
#define PR_SET_MDWE 65
#endif
#ifndef PR_MDWE_REFUSE_EXEC_GAIN
#define PR_MDWE_REFUSE_EXEC_GAIN 1
#endif

namespace carewatch::package {
namespace {

using carewatch::testing::TempDir;
using ::testing::HasSubstr;
using ::testing::Not;

// The highest `systemd-analyze security` exposure accepted (0 best, 10 worst; "OK" is below 2.5).
// README.md notes the current score.
constexpr double kMaxExposure = 2.0;

std::string read_file(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

struct CommandResult {
  int exit_code = -1;
  std::string output;  // standard output and error, interleaved
};

// Runs a shell command, capturing its output; the command is built from paths this test controls.
CommandResult run(const std::string& command) {
  CommandResult r;
  FILE* pipe = ::popen((command + " 2>&1").c_str(), "r");
  if (!pipe) return r;
  char buf[4096];
  while (const std::size_t n = std::fread(buf, 1, sizeof buf, pipe)) r.output.append(buf, n);
  const int status = ::pclose(pipe);
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

std::vector<std::string> shipped_plugins() {
  std::vector<std::string> names;
  std::istringstream in(CAREWATCH_PLUGIN_FAMILIES);
  for (std::string name; std::getline(in, name, ';');)
    if (!name.empty()) names.push_back(name);
  return names;
}

// The unit with its programs pointing at this build's carewatchd, so that verify finds them: systemd
// checks that every Exec*= program exists and is executable.
std::filesystem::path substituted_unit(const TempDir& dir) {
  std::string unit = read_file(CAREWATCH_UNIT_FILE);
  const std::string installed = "/usr/bin/carewatchd";
  for (std::size_t at = unit.find(installed); at != std::string::npos; at = unit.find(installed, at))
    unit.replace(at, installed.size(), CAREWATCHD), at += std::strlen(CAREWATCHD);
  // The unit's name is what systemd reports on; keep it.
  return dir.write("carewatch.service", unit);
}

// systemd-analyze verify accepts the unit without a single warning (an unknown key is only a warning,
// so any output at all fails the test).
TEST(UnitFileTest, VerifiesWithoutWarnings) {
  TempDir dir;
  const auto unit = substituted_unit(dir);
  const auto r = run("systemd-analyze verify '" + unit.string() + "'");
  EXPECT_EQ(r.exit_code, 0) << r.output;
  EXPECT_EQ(r.output, "") << "systemd-analyze verify complained";
}

// The test would catch a broken unit: a misspelt key makes verify speak.
TEST(UnitFileTest, VerifyReportsAMisspeltKey) {
  TempDir dir;
  auto unit = substituted_unit(dir);
  std::string text = read_file(unit);
  text.replace(text.find("ProtectHome="), std::strlen("ProtectHome="), "ProtectHom=");
  dir.write("carewatch.service", text);
  const auto r = run("systemd-analyze verify '" + unit.string() + "'");
  EXPECT_THAT(r.output, HasSubstr("ProtectHom"));
}

// The unit declares the protocol and the hardening the README promises.
TEST(UnitFileTest, DeclaresNotifyProtocolAndHardening) {
  const std::string unit = read_file(CAREWATCH_UNIT_FILE);
  for (const char* line :
       {"Type=notify\n", "NotifyAccess=main\n", "User=carewatch\n", "StateDirectory=carewatch\n",
        "ConfigurationDirectory=carewatch\n", "--check-config\n", "ExecReload=/bin/kill -HUP $MAINPID\n",
        "WatchdogSec=", "Restart=on-failure\n", "ProtectSystem=strict\n", "ProtectHome=yes\n",
        "NoNewPrivileges=yes\n", "PrivateTmp=yes\n", "PrivateDevices=yes\n", "ProtectKernelTunables=yes\n",
        "ProtectKernelModules=yes\n", "ProtectKernelLogs=yes\n", "ProtectControlGroups=yes\n",
        "RestrictAddressFamilies=AF_UNIX AF_INET AF_INET6\n", "RestrictNamespaces=yes\n",
        "LockPersonality=yes\n", "MemoryDenyWriteExecute=yes\n", "SystemCallFilter=@system-service\n",
        "CapabilityBoundingSet=\n", "UMask=0077\n"})
    EXPECT_THAT(unit, HasSubstr(line));
}

// systemd-analyze security rates the unit's exposure at most kMaxExposure.
TEST(UnitFileTest, SecurityExposureStaysLow) {
  TempDir dir;
  const auto unit = substituted_unit(dir);
  const auto r = run("systemd-analyze security --offline=true '" + unit.string() + "'");
  std::smatch m;
  ASSERT_TRUE(std::regex_search(r.output, m, std::regex(R"(Overall exposure level for carewatch\.service: ([0-9.]+))")))
      << r.output;
  const double exposure = std::stod(m[1].str());
  EXPECT_LE(exposure, kMaxExposure) << r.output;
  std::printf("systemd-analyze security: exposure %.1f\n", exposure);
}

// MemoryDenyWriteExecute= refuses writable-executable memory; a plugin asks for it only through text
// relocations or an executable stack. The shipped plugins have neither.
TEST(PluginMemoryTest, ShippedPluginsNeedNoWritableExecutableMemory) {
  const auto plugins = shipped_plugins();
  ASSERT_FALSE(plugins.empty());
  for (const auto& name : plugins) {
    const std::string so = std::string(CAREWATCH_TEST_PLUGIN_DIR) + "/" + name + ".so";
    const auto headers = run("readelf -lW '" + so + "'");
    ASSERT_EQ(headers.exit_code, 0) << headers.output;
    std::smatch m;
    ASSERT_TRUE(std::regex_search(headers.output, m, std::regex(R"(GNU_STACK(?:\s+\S+){5}\s+(\S+))")))
        << so << ": no GNU_STACK header (the loader would make the stack executable)\n" << headers.output;
    EXPECT_EQ(m[1].str().find('E'), std::string::npos) << so << ": executable stack";
    const auto dynamic = run("readelf -dW '" + so + "'");
    EXPECT_THAT(dynamic.output, Not(HasSubstr("TEXTREL"))) << so;
  }
}

// Under the kernel's own write-xor-execute switch (PR_SET_MDWE, what systemd >= 254 applies for
// MemoryDenyWriteExecute=yes), carewatchd --check-config still loads every shipped plugin.
TEST(PluginMemoryTest, LoadsEveryPluginUnderMemoryDenyWriteExecute) {
  TempDir dir;
  const auto plugins_dir = dir / "plugins";
  std::filesystem::create_directories(plugins_dir);
  const auto plugins = shipped_plugins();
  for (const auto& name : plugins)
    std::filesystem::copy_file(std::filesystem::path(CAREWATCH_TEST_PLUGIN_DIR) / (name + ".so"),
                               plugins_dir / (name + ".so"));
  const auto config = dir.write("carewatch.toml", "[store]\ndatabase = \"carewatch.db\"\n[plugins]\ndirectory = "
                                                  "\"plugins\"\n[calendar]\nbank_holidays = \"" +
                                                      std::string(CAREWATCH_TEST_BANK_HOLIDAYS) + "\"\n");
  const auto log = dir / "out.log";

  int pipefd[2];
  ASSERT_EQ(::pipe(pipefd), 0);
  const pid_t pid = ::fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    ::close(pipefd[0]);
    int err = 0;
    if (::prctl(PR_SET_MDWE, PR_MDWE_REFUSE_EXEC_GAIN, 0L, 0L, 0L) != 0) err = errno;
    (void)::write(pipefd[1], &err, sizeof err);
    ::close(pipefd[1]);
    if (err != 0) ::_exit(126);
    const std::string out = log.string();
    FILE* f = std::freopen(out.c_str(), "w", stdout);
    if (!f || ::dup2(STDOUT_FILENO, STDERR_FILENO) < 0) ::_exit(125);
    ::execl(CAREWATCHD, CAREWATCHD, "--config", config.c_str(), "--check-config", static_cast<char*>(nullptr));
    ::_exit(127);
  }
  ::close(pipefd[1]);
  int err = 0;
  const ssize_t n = ::read(pipefd[0], &err, sizeof err);
  ::close(pipefd[0]);
  int status = 0;
  ::waitpid(pid, &status, 0);
  ASSERT_EQ(n, static_cast<ssize_t>(sizeof err));
  if (err == EINVAL)
    GTEST_SKIP() << "this kernel has no PR_SET_MDWE (Linux < 6.3); the ELF check above still holds";
  ASSERT_EQ(err, 0) << std::strerror(err);
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 0) << read_file(log);
  EXPECT_THAT(read_file(log), HasSubstr("configuration OK (" + std::to_string(plugins.size()) + " plugins"));
}

}  // namespace
}  // namespace carewatch::package
