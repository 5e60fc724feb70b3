// Every plugin the build ships, loaded through the real loader from the daemon's default plugin
// directory, repeatedly, with its rule metadata checked.

#include <filesystem>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <spdlog/sinks/null_sink.h>
#include <spdlog/spdlog.h>

#include "plugin_host/plugin_set.hpp"

namespace carewatch::plugin_host {
namespace {

namespace fs = std::filesystem;

constexpr int kRounds = 25;

// The file names CMake says it builds into the plugin directory (may be none yet).
std::vector<std::string> shipped_files() {
  std::vector<std::string> out;
  std::istringstream in(CAREWATCH_SHIPPED_PLUGINS);
  for (std::string name; std::getline(in, name, ',');)
    if (!name.empty()) out.push_back(name);
  return out;
}

std::vector<fs::path> libraries_in(const fs::path& dir) {
  std::vector<fs::path> out;
  for (const auto& entry : fs::directory_iterator(dir))
    if (entry.path().extension() == ".so") out.push_back(entry.path());
  return out;
}

LoadOptions options() {
  LoadOptions o;
  // The build tree's modes follow the builder's umask; the least-privilege refusal has its own tests
  // (plugin_set_test.cpp), and this test is about what the plugins declare.
  o.allow_writable = true;
  return o;
}

std::shared_ptr<spdlog::logger> quiet_logger() {
  return std::make_shared<spdlog::logger>("shipped_plugins", std::make_shared<spdlog::sinks::null_sink_mt>());
}

// Every rule of every loaded checker has the metadata escalation and reports depend on.
void expect_complete_rules(const PluginSet& set) {
  std::set<std::string> with_rules;
  for (const CheckerRef& checker : set.checkers()) {
    EXPECT_FALSE(checker.info().name.empty()) << checker.plugin_name();
    for (const sdk::RuleInfo& rule : checker.info().rules) {
      EXPECT_FALSE(rule.id.empty()) << checker.qualified_name();
      EXPECT_FALSE(rule.clause.empty()) << checker.qualified_name() << " " << rule.id;
      EXPECT_FALSE(rule.roles.empty()) << checker.qualified_name() << " " << rule.id;
      with_rules.insert(checker.plugin_name());
    }
  }
  for (const PluginSummary& plugin : set.plugins())
    EXPECT_EQ(with_rules.count(plugin.name), 1u) << plugin.name << " declares no rule";
}

// The default plugin directory exists and holds every plugin the build says it ships.
TEST(ShippedPluginsTest, PluginDirectoryHoldsEveryShippedPlugin) {
  const fs::path dir = CAREWATCH_PLUGIN_OUTPUT_DIR;
  ASSERT_TRUE(fs::is_directory(dir)) << dir;
  for (const std::string& name : shipped_files())
    EXPECT_TRUE(fs::is_regular_file(dir / name)) << dir / name << " was not built";
}

// The whole directory loads with no problem, every plugin enabled with complete rule metadata, and
// loading it again and again changes nothing.
TEST(ShippedPluginsTest, DirectoryLoadsCleanlyAndRepeatedly) {
  const fs::path dir = CAREWATCH_PLUGIN_OUTPUT_DIR;
  const std::size_t libraries = libraries_in(dir).size();
  EXPECT_GE(libraries, shipped_files().size());
  for (int round = 0; round < kRounds; ++round) {
    const PluginSet set = PluginSet::load_directory(dir, options(), quiet_logger());
    for (const PluginProblem& p : set.problems()) ADD_FAILURE() << p.message();
    ASSERT_EQ(set.plugins().size(), libraries);
    for (const PluginSummary& plugin : set.plugins()) EXPECT_TRUE(plugin.enabled) << plugin.name;
    if (round == 0) expect_complete_rules(set);
  }
}

// Each shipped plugin, alone, loads and unloads repeatedly and declares at least one rule.
TEST(ShippedPluginsTest, EachPluginLoadsAndUnloadsRepeatedly) {
  const fs::path dir = CAREWATCH_PLUGIN_OUTPUT_DIR;
  for (const std::string& name : shipped_files()) {
    for (int round = 0; round < kRounds; ++round) {
      PluginSet set(quiet_logger());
      ASSERT_TRUE(set.load_file(dir / name, options())) << name << ": " << set.problems().at(0).message();
      ASSERT_FALSE(set.checkers().empty()) << name;
      if (round == 0) expect_complete_rules(set);
    }
  }
}

}  // namespace
}  // namespace carewatch::plugin_host
