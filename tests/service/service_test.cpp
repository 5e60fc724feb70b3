// The Service library in-process: configuration failures, check-only validation, the lifecycle and
// the privacy of its log lines. The end-to-end behaviour of the carewatchd process is in
// carewatchd_test.cpp.
#include <chrono>
#include <filesystem>
#include <future>
#include <thread>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "service/logging.hpp"
#include "service/service.hpp"
#include "temp_dir.hpp"

namespace carewatch::service {
namespace {

using carewatch::testing::TempDir;
using ::testing::HasSubstr;
using ::testing::Not;

// A configuration over a fresh directory: database and an empty plugin directory inside it.
config::Config config_in(const TempDir& dir) {
  config::Config cfg = config::default_config();
  cfg.source = dir / "carewatch.toml";
  cfg.store.database = dir / "carewatch.db";
  cfg.plugins.directory = dir / "plugins";
  std::filesystem::create_directories(cfg.plugins.directory);
  std::filesystem::permissions(cfg.plugins.directory, std::filesystem::perms::owner_all);
  cfg.calendar.bank_holidays = CAREWATCH_TEST_BANK_HOLIDAYS;
  cfg.logging.level = "off";
  return cfg;
}

// A valid configuration opens the store and reports what it runs with.
TEST(ServiceTest, ConfigureOpensTheStore) {
  TempDir dir;
  Service service;
  const auto st = service.configure(config_in(dir));
  ASSERT_TRUE(st) << st.message();
  ASSERT_TRUE(service.info().has_value());
  EXPECT_EQ(service.info()->database, dir / "carewatch.db");
  EXPECT_EQ(service.info()->plugins, 0u);
  EXPECT_TRUE(std::filesystem::exists(dir / "carewatch.db"));
}

// A failed configure names the file and key, and the service keeps the configuration it had.
TEST(ServiceTest, FailedConfigureKeepsTheRunningConfiguration) {
  TempDir dir;
  Service service;
  ASSERT_TRUE(service.configure(config_in(dir)));

  config::Config bad = config_in(dir);
  bad.store.database = dir / "second.db";
  bad.calendar.bank_holidays = dir / "no-such-holidays.txt";
  const auto st = service.configure(bad);
  ASSERT_FALSE(st);
  EXPECT_THAT(st.message(), HasSubstr((dir / "carewatch.toml").string() + ": calendar.bank_holidays: "));
  EXPECT_THAT(st.message(), HasSubstr("no-such-holidays.txt"));
  ASSERT_TRUE(service.info().has_value());
  EXPECT_EQ(service.info()->database, dir / "carewatch.db");
  EXPECT_FALSE(std::filesystem::exists(dir / "second.db"));
}

// A database that cannot be opened is a configuration error naming store.database; configure does not throw.
TEST(ServiceTest, UnopenableDatabaseNamesTheKey) {
  TempDir dir;
  config::Config cfg = config_in(dir);
  cfg.store.database = dir / "missing-dir" / "carewatch.db";
  Service service;
  const auto st = service.configure(cfg);
  ASSERT_FALSE(st);
  EXPECT_THAT(st.message(), HasSubstr("store.database: "));
  EXPECT_FALSE(service.info().has_value());
}

// A plugin directory that cannot be read is a configuration error naming plugins.directory.
TEST(ServiceTest, MissingPluginDirectoryNamesTheKey) {
  TempDir dir;
  config::Config cfg = config_in(dir);
  cfg.plugins.directory = dir / "no-plugins-here";
  Service service;
  const auto st = service.configure(cfg);
  ASSERT_FALSE(st);
  EXPECT_THAT(st.message(), HasSubstr("plugins.directory: "));
}

// check() validates without writing: a database that does not exist yet is not created.
TEST(ServiceTest, CheckWritesNothing) {
  TempDir dir;
  const Service service;
  RuntimeInfo info;
  const auto st = service.check(config_in(dir), &info);
  ASSERT_TRUE(st) << st.message();
  EXPECT_FALSE(std::filesystem::exists(dir / "carewatch.db"));
  EXPECT_EQ(info.plugins, 0u);
}

// check() reports every problem it finds, each with its key.
TEST(ServiceTest, CheckReportsEveryProblem) {
  TempDir dir;
  config::Config cfg = config_in(dir);
  cfg.store.database = dir / "absent" / "carewatch.db";
  cfg.calendar.bank_holidays = dir / "absent.txt";
  cfg.plugins.directory = dir / "absent-plugins";
  const auto st = Service().check(cfg);
  ASSERT_FALSE(st);
  EXPECT_THAT(st.message(), HasSubstr("store.database: "));
  EXPECT_THAT(st.message(), HasSubstr("calendar.bank_holidays: "));
  EXPECT_THAT(st.message(), HasSubstr("plugins.directory: "));
}

// Command-line overrides win over the configuration, in check() as in configure().
TEST(ServiceTest, OverridesWinOverTheFile) {
  TempDir dir;
  config::Config cfg = config_in(dir);
  cfg.store.database = dir / "absent" / "carewatch.db";
  Service service(Overrides{dir / "override.db", std::nullopt});
  ASSERT_TRUE(service.check(cfg));
  const auto st = service.configure(cfg);
  ASSERT_TRUE(st) << st.message();
  EXPECT_EQ(service.info()->database, dir / "override.db");
}

// run() returns 0 after shutdown() from another thread, and closes the store.
TEST(ServiceTest, ShutdownStopsRun) {
  TempDir dir;
  config::Config cfg = config_in(dir);
  cfg.schedule.poll_interval = std::chrono::milliseconds(50);
  Service service;
  ASSERT_TRUE(service.configure(cfg));
  auto result = std::async(std::launch::async, [&service] { return service.run(); });
  service.shutdown();
  ASSERT_EQ(result.wait_for(std::chrono::seconds(30)), std::future_status::ready);
  EXPECT_EQ(result.get(), 0);
  EXPECT_FALSE(service.info().has_value());
}

// run() refuses to start without a configuration.
TEST(ServiceTest, RunWithoutConfigurationFails) {
  Service service;
  EXPECT_EQ(service.run(), 1);
}

// run_once() sweeps an empty store successfully.
TEST(ServiceTest, RunOnceSweeps) {
  TempDir dir;
  Service service;
  ASSERT_TRUE(service.configure(config_in(dir)));
  const auto st = service.run_once();
  EXPECT_TRUE(st) << st.message();
}

// An escalation's log line carries its ids, rule, severity and deadline, never its summary or evidence.
TEST(ServiceLoggingTest, TransitionLineCarriesIdsOnly) {
  escalation::Transition t;
  t.kind = escalation::Transition::Kind::opened;
  t.escalation.id = 42;
  t.escalation.rule = "WT-LADO-1WD";
  t.escalation.severity = sdk::Severity::critical;
  t.escalation.home = "H1";
  t.escalation.staff = "S9";
  t.escalation.due_at = sdk::parse_timestamp("2025-03-04T17:00:00Z");
  t.escalation.summary = "Allegation AL1 against staff S9 said something private";
  t.escalation.evidence = {"AL1-secret-evidence"};
  t.escalation.regulation = "Working Together";
  const std::string line = describe(t);
  EXPECT_EQ(line,
            "escalation opened id=42 rule=WT-LADO-1WD severity=critical home=H1 child=- staff=S9 "
            "due_at=2025-03-04T17:00:00Z");
  EXPECT_THAT(line, Not(HasSubstr("private")));
  EXPECT_THAT(line, Not(HasSubstr("evidence")));
}

}  // namespace
}  // namespace carewatch::service
