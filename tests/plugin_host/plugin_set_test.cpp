// PluginSet against the purpose-built fixture libraries in fixtures/, one per failure mode, loaded
// through the real loader (Boost.DLL, dlopen) from the directories the build put them in.

#include <dlfcn.h>
#include <stdlib.h>
#include <sys/stat.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <spdlog/sinks/null_sink.h>
#include <spdlog/sinks/ostream_sink.h>
#include <spdlog/spdlog.h>

#include "plugin_host/plugin_set.hpp"

namespace carewatch::plugin_host {
namespace {

namespace fs = std::filesystem;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::StartsWith;

fs::path fixture(const std::string& name) {
  return fs::path(CAREWATCH_TEST_FIXTURE_DIR) / name / (name + ".so");
}

std::string version_string(sdk::AbiVersion v) {
  return std::to_string(v.major) + "." + std::to_string(v.minor) + "." + std::to_string(v.patch);
}

// True while the process has `file` mapped. RTLD_NOLOAD never loads it; the reference it takes when
// the library is present is dropped at once.
bool is_loaded(const fs::path& file) {
  void* handle = dlopen(file.c_str(), RTLD_NOW | RTLD_NOLOAD);
  if (handle == nullptr) return false;
  dlclose(handle);
  return true;
}

// For tests that read problems() rather than the log.
std::shared_ptr<spdlog::logger> quiet_logger() {
  return std::make_shared<spdlog::logger>("plugin_host_quiet",
                                          std::make_shared<spdlog::sinks::null_sink_mt>());
}

// A logger whose lines ("<level>|<message>") the test can read back.
class CapturedLog {
 public:
  CapturedLog()
      : out_(std::make_shared<std::ostringstream>()),
        logger_(std::make_shared<spdlog::logger>("plugin_host_test",
                                                 std::make_shared<spdlog::sinks::ostream_sink_mt>(*out_))) {
    logger_->set_pattern("%l|%v");
    logger_->set_level(spdlog::level::trace);
  }
  const std::shared_ptr<spdlog::logger>& logger() const { return logger_; }
  // Lines logged at warning level or above.
  std::vector<std::string> problems() const {
    std::vector<std::string> out;
    std::istringstream in(out_->str());
    for (std::string line; std::getline(in, line);)
      if (line.rfind("warning|", 0) == 0 || line.rfind("error|", 0) == 0 || line.rfind("critical|", 0) == 0)
        out.push_back(line);
    return out;
  }

 private:
  std::shared_ptr<std::ostringstream> out_;
  std::shared_ptr<spdlog::logger> logger_;
};

// A private directory (mode 0700 from mkdtemp), removed with everything in it.
class TempDir {
 public:
  TempDir() {
    std::string tmpl = (fs::temp_directory_path() / "carewatch-plugin-host-XXXXXX").string();
    if (mkdtemp(tmpl.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
    path_ = tmpl;
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const fs::path& path() const { return path_; }
  // Copies a fixture in under `as` with mode `mode`.
  fs::path add(const std::string& name, const std::string& as, fs::perms mode = fs::perms(0755)) const {
    fs::path to = path_ / as;
    fs::copy_file(fixture(name), to);
    fs::permissions(to, mode);
    return to;
  }

 private:
  fs::path path_;
};

// Runs `checker` on an empty home timeline for home H1, as the engine would.
sdk::Status run_check(const CheckerRef& checker, sdk::Sink& sink) {
  const sdk::Calendar calendar;
  const sdk::Parameters params;
  const sdk::NullLogger logger;
  const sdk::Context context(sdk::TimePoint{sdk::Seconds{1'740'000'000}}, calendar, params, logger);
  const sdk::Timeline timeline(sdk::Subject{sdk::Scope::home, "H1", ""}, {});
  return checker.handle->check(timeline, context, sink);
}

std::vector<std::string> plugin_names(const std::vector<CheckerRef>& checkers) {
  std::vector<std::string> out;
  out.reserve(checkers.size());
  for (const CheckerRef& c : checkers) out.push_back(c.plugin_name());
  return out;
}

// Asserts that loading fixture `name` alone is refused with exactly one problem and one log line, both
// naming the file and containing `reason`; returns the problem.
PluginProblem expect_refused(const std::string& name, const std::string& reason) {
  CapturedLog log;
  PluginSet set(log.logger());
  const fs::path file = fixture(name);
  EXPECT_FALSE(set.load_file(file, {}));
  EXPECT_TRUE(set.checkers().empty());
  const auto& problems = set.problems();
  if (problems.size() != 1) {
    ADD_FAILURE() << name << ": expected one problem, got " << problems.size();
    return {};
  }
  EXPECT_EQ(problems[0].file, file);
  EXPECT_THAT(problems[0].reason, HasSubstr(reason));
  EXPECT_THAT(problems[0].message(), StartsWith(file.string() + ": "));
  const auto lines = log.problems();
  EXPECT_EQ(lines.size(), 1u);
  if (!lines.empty()) {
    EXPECT_THAT(lines[0], HasSubstr(file.string()));
    EXPECT_THAT(lines[0], HasSubstr(reason));
  }
  const auto summaries = set.plugins();
  EXPECT_EQ(summaries.size(), 1u);
  if (!summaries.empty()) {
    EXPECT_FALSE(summaries[0].enabled);
    EXPECT_EQ(summaries[0].file, file);
    EXPECT_THAT(summaries[0].disabled_reason, HasSubstr(reason));
  }
  EXPECT_FALSE(is_loaded(file)) << "a refused library must be unloaded";
  return problems[0];
}

// The good fixture loads, describes itself, and its checker reports through the sink.
TEST(PluginSetTest, LoadsGoodPluginAndRunsItsChecker) {
  CapturedLog log;
  PluginSet set(log.logger());
  ASSERT_TRUE(set.load_file(fixture("good"), {}));
  EXPECT_TRUE(set.problems().empty());
  EXPECT_TRUE(log.problems().empty());

  const auto checkers = set.checkers();
  ASSERT_EQ(checkers.size(), 1u);
  EXPECT_EQ(checkers[0].qualified_name(), "good/always");
  EXPECT_EQ(checkers[0].info().rules.at(0).id, "TEST-GOOD-1");

  sdk::Sink sink;
  const sdk::Status status = run_check(checkers[0], sink);
  EXPECT_TRUE(status.is_ok()) << status.message();
  ASSERT_EQ(sink.findings().size(), 1u);
  EXPECT_EQ(sink.findings()[0].rule, "TEST-GOOD-1");
  EXPECT_EQ(sink.findings()[0].home, "H1");

  const auto summaries = set.plugins();
  ASSERT_EQ(summaries.size(), 1u);
  EXPECT_EQ(summaries[0].name, "good");
  EXPECT_EQ(summaries[0].file, fixture("good"));
  EXPECT_EQ(version_string(summaries[0].sdk_version), version_string(sdk::kVersion));
  EXPECT_FALSE(summaries[0].description.empty());
  EXPECT_EQ(summaries[0].checkers, 1u);
  EXPECT_TRUE(summaries[0].enabled);
}

// A plugin's parameters are looked up by its name and reach its checkers' configure().
TEST(PluginSetTest, PassesEachPluginItsOwnParameters) {
  LoadOptions options;
  options.parameters["good"].set("summary", sdk::Value(std::string("configured summary")));
  options.parameters["other"].set("summary", sdk::Value(std::string("not for good")));
  PluginSet set(quiet_logger());
  ASSERT_TRUE(set.load_file(fixture("good"), options));
  ASSERT_EQ(set.checkers().size(), 1u);
  sdk::Sink sink;
  ASSERT_TRUE(run_check(set.checkers()[0], sink).is_ok());
  ASSERT_EQ(sink.findings().size(), 1u);
  EXPECT_EQ(sink.findings()[0].summary, "configured summary");
}

// A library without carewatch_sdk_version is refused before its factory (which aborts) is called.
TEST(PluginSetTest, RefusesLibraryWithoutVersionSymbol) {
  const PluginProblem p =
      expect_refused("no_version", "not a Carewatch plugin: no carewatch_sdk_version symbol");
  EXPECT_TRUE(p.plugin.empty());
}

// A plugin built against another major version is refused naming the file and both versions.
TEST(PluginSetTest, RefusesWrongMajorVersionNamingBothVersions) {
  const std::string plugin_version = std::to_string(CAREWATCH_SDK_VERSION_MAJOR + 1) + ".0.0";
  const PluginProblem p =
      expect_refused("wrong_major", "built against Carewatch SDK " + plugin_version +
                                        ", this host provides " + version_string(sdk::kVersion));
  EXPECT_THAT(p.message(), HasSubstr("wrong_major.so: built against Carewatch SDK"));
  EXPECT_THAT(p.reason, HasSubstr("major versions must match"));
}

// A plugin built against a newer minor version of the SDK than the host's is refused too.
TEST(PluginSetTest, RefusesNewerMinorVersion) {
  const std::string plugin_version = std::to_string(CAREWATCH_SDK_VERSION_MAJOR) + ".99.0";
  expect_refused("newer_minor", "built against Carewatch SDK " + plugin_version + ", this host provides " +
                                    version_string(sdk::kVersion));
}

// The summary of a refused plugin still says which SDK version it declared.
TEST(PluginSetTest, SummaryOfRefusedPluginKeepsItsDeclaredVersion) {
  PluginSet set(quiet_logger());
  ASSERT_FALSE(set.load_file(fixture("wrong_major"), {}));
  ASSERT_EQ(set.plugins().size(), 1u);
  EXPECT_EQ(set.plugins()[0].sdk_version.major, CAREWATCH_SDK_VERSION_MAJOR + 1);
}

// A plugin whose build fingerprint differs from the host's is refused showing both fingerprints.
TEST(PluginSetTest, RefusesMismatchedBuildFingerprintShowingBoth) {
  const PluginProblem p =
      expect_refused("bad_fingerprint", "gcc 4.8.5; libstdc++ 4/20150623 abi0; c++201103");
  EXPECT_THAT(p.reason, HasSubstr(CAREWATCH_SDK_BUILD_FINGERPRINT));
}

// An exception thrown while the plugin is made comes back through the Status and refuses the file.
TEST(PluginSetTest, RefusesPluginWhoseCreationThrows) {
  expect_refused("throws_in_create", "deliberate failure while creating the plugin");
}

// A factory that returns null without a reason is refused with the host's own explanation.
TEST(PluginSetTest, RefusesFactoryReturningNoPlugin) {
  expect_refused("returns_null", "carewatch_create_plugin returned no plugin");
}

// A checker whose configure() throws disables its plugin with the parameter error, logged once.
TEST(PluginSetTest, DisablesPluginWhoseConfigureThrows) {
  CapturedLog log;
  PluginSet set(log.logger());
  const fs::path file = fixture("throws_in_configure");
  EXPECT_TRUE(set.load_file(file, {}));
  EXPECT_TRUE(set.checkers().empty());
  ASSERT_EQ(set.problems().size(), 1u);
  EXPECT_EQ(set.problems()[0].file, file);
  EXPECT_EQ(set.problems()[0].plugin, "throws_in_configure");
  EXPECT_THAT(set.problems()[0].reason, HasSubstr("limit: is required"));
  const auto lines = log.problems();
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_THAT(lines[0], StartsWith("error|"));
  EXPECT_THAT(lines[0], HasSubstr(file.string()));
  EXPECT_THAT(lines[0], HasSubstr("limit: is required"));
  ASSERT_EQ(set.plugins().size(), 1u);
  EXPECT_FALSE(set.plugins()[0].enabled);
  EXPECT_THAT(set.plugins()[0].disabled_reason, HasSubstr("limit: is required"));
}

// The configure error names the bad parameter, and a valid value lets the same plugin run.
TEST(PluginSetTest, ConfigureSeesTheConfiguredParameters) {
  LoadOptions bad;
  bad.parameters["throws_in_configure"].set("limit", sdk::Value(std::int64_t{20}));
  PluginSet refused(quiet_logger());
  refused.load_file(fixture("throws_in_configure"), bad);
  ASSERT_EQ(refused.problems().size(), 1u);
  EXPECT_THAT(refused.problems()[0].reason, HasSubstr("limit: must be between 1 and 10"));

  LoadOptions good;
  good.parameters["throws_in_configure"].set("limit", sdk::Value(std::int64_t{3}));
  PluginSet accepted(quiet_logger());
  EXPECT_TRUE(accepted.load_file(fixture("throws_in_configure"), good));
  EXPECT_TRUE(accepted.problems().empty());
  EXPECT_EQ(accepted.checkers().size(), 1u);
}

// A rule id already declared by an earlier plugin refuses the later plugin; the earlier one runs on.
TEST(PluginSetTest, RefusesRuleIdDeclaredByAnEarlierPlugin) {
  CapturedLog log;
  PluginSet set(log.logger());
  ASSERT_TRUE(set.load_file(fixture("good"), {}));
  EXPECT_FALSE(set.load_file(fixture("duplicate_rule"), {}));
  ASSERT_EQ(set.problems().size(), 1u);
  EXPECT_EQ(set.problems()[0].file, fixture("duplicate_rule"));
  EXPECT_EQ(set.problems()[0].plugin, "duplicate_rule");
  EXPECT_THAT(set.problems()[0].reason, HasSubstr("rule TEST-GOOD-1 is already declared by plugin \"good\""));
  EXPECT_EQ(log.problems().size(), 1u);
  EXPECT_THAT(plugin_names(set.checkers()), ElementsAre("good"));
  EXPECT_FALSE(is_loaded(fixture("duplicate_rule")));
}

// Two files offering the same plugin name: the first (by file name) is loaded, the second refused.
TEST(PluginSetTest, RefusesDuplicatePluginName) {
  TempDir dir;
  const fs::path first = dir.add("good", "a_good.so");
  const fs::path second = dir.add("good", "b_good.so");
  const PluginSet set = PluginSet::load_directory(dir.path(), {}, quiet_logger());
  EXPECT_THAT(plugin_names(set.checkers()), ElementsAre("good"));
  EXPECT_EQ(set.plugins().at(0).file, first);
  ASSERT_EQ(set.problems().size(), 1u);
  EXPECT_EQ(set.problems()[0].file, second);
  EXPECT_THAT(set.problems()[0].reason,
              HasSubstr("plugin name \"good\" is already taken by " + first.string()));
}

// A checker that throws reports an error Status (no exception crosses), and disable() takes its
// plugin out of checkers() while the ref already handed out stays usable.
TEST(PluginSetTest, ThrowingCheckReturnsErrorAndDisableRemovesThePlugin) {
  CapturedLog log;
  PluginSet set(log.logger());
  ASSERT_TRUE(set.load_file(fixture("good"), {}));
  ASSERT_TRUE(set.load_file(fixture("throws_in_check"), {}));
  const auto checkers = set.checkers();
  EXPECT_THAT(plugin_names(checkers), ElementsAre("good", "throws_in_check"));
  const CheckerRef& throwing = checkers[1];

  sdk::Sink sink;
  sdk::Status status;
  EXPECT_NO_THROW(status = run_check(throwing, sink));
  EXPECT_FALSE(status.is_ok());
  EXPECT_THAT(status.message(), HasSubstr("deliberate failure while checking"));
  EXPECT_TRUE(set.problems().empty());

  set.disable(throwing, status.message());
  EXPECT_THAT(plugin_names(set.checkers()), ElementsAre("good"));
  ASSERT_EQ(set.problems().size(), 1u);
  EXPECT_EQ(set.problems()[0].file, fixture("throws_in_check"));
  EXPECT_EQ(set.problems()[0].plugin, "throws_in_check");
  EXPECT_THAT(set.problems()[0].reason, HasSubstr("deliberate failure while checking"));
  ASSERT_EQ(log.problems().size(), 1u);
  EXPECT_THAT(log.problems()[0], HasSubstr(fixture("throws_in_check").string()));
  const auto summaries = set.plugins();
  ASSERT_EQ(summaries.size(), 2u);
  EXPECT_TRUE(summaries[0].enabled);
  EXPECT_FALSE(summaries[1].enabled);

  // Disabling twice records nothing new; the old ref still reaches loaded code.
  set.disable(throwing, "again");
  EXPECT_EQ(set.problems().size(), 1u);
  EXPECT_FALSE(run_check(throwing, sink).is_ok());
}

// disable() refuses a checker that some other set loaded: it would otherwise silently do nothing.
TEST(PluginSetTest, DisableRejectsCheckerFromAnotherSet) {
  PluginSet one(quiet_logger());
  PluginSet other(quiet_logger());
  ASSERT_TRUE(one.load_file(fixture("good"), {}));
  EXPECT_THROW(other.disable(one.checkers().at(0), "x"), std::invalid_argument);
  EXPECT_THROW(other.disable(CheckerRef{}, "x"), std::invalid_argument);
}

// A directory mixing good and bad plugins loads the good ones, reports each bad one by file, and
// logs exactly one line per problem.
TEST(PluginSetTest, MixedDirectoryLoadsTheGoodAndReportsEachBadFile) {
  CapturedLog log;
  const fs::path dir = fs::path(CAREWATCH_TEST_FIXTURE_DIR) / "mixed";
  const PluginSet set = PluginSet::load_directory(dir, {}, log.logger());

  EXPECT_THAT(plugin_names(set.checkers()), ElementsAre("good", "throws_in_check"));
  std::vector<std::string> bad;
  for (const PluginProblem& p : set.problems()) {
    EXPECT_EQ(p.file.parent_path(), dir);
    EXPECT_THAT(p.message(), StartsWith(p.file.string() + ": "));
    bad.push_back(p.file.filename().string());
  }
  EXPECT_THAT(bad, ElementsAre("bad_fingerprint.so", "newer_minor.so", "no_version.so", "returns_null.so",
                               "throws_in_configure.so", "throws_in_create.so", "wrong_major.so"));
  EXPECT_EQ(log.problems().size(), set.problems().size());
  EXPECT_EQ(set.plugins().size(), 9u);

  sdk::Sink sink;
  EXPECT_TRUE(run_check(set.checkers()[0], sink).is_ok());
  EXPECT_EQ(sink.findings().size(), 1u);
}

// Loading and unloading the good plugin 200 times neither crashes nor leaves the library mapped.
TEST(PluginSetTest, LoadsAndUnloadsGoodPluginRepeatedly) {
  const fs::path file = fixture("good");
  const auto log = quiet_logger();
  for (int i = 0; i < 200; ++i) {
    {
      PluginSet set(log);
      ASSERT_TRUE(set.load_file(file, {})) << "iteration " << i;
      ASSERT_EQ(set.checkers().size(), 1u);
      sdk::Sink sink;
      ASSERT_TRUE(run_check(set.checkers()[0], sink).is_ok());
      ASSERT_EQ(sink.findings().size(), 1u);
    }
    ASSERT_FALSE(is_loaded(file)) << "iteration " << i;
  }
}

// A CheckerRef copied out keeps its library loaded and usable after the PluginSet is gone.
TEST(PluginSetTest, CheckerRefKeepsLibraryLoadedAfterSetIsDestroyed) {
  const fs::path file = fixture("good");
  CheckerRef kept;
  {
    PluginSet set(quiet_logger());
    ASSERT_TRUE(set.load_file(file, {}));
    kept = set.checkers().at(0);
  }
  EXPECT_TRUE(is_loaded(file));
  EXPECT_EQ(kept.qualified_name(), "good/always");
  sdk::Sink sink;
  EXPECT_TRUE(run_check(kept, sink).is_ok());
  EXPECT_EQ(sink.findings().size(), 1u);
  kept = {};
  EXPECT_FALSE(is_loaded(file));
}

// A plugin file that group may write is refused, and loaded only when the options allow it.
TEST(PluginSetTest, RefusesGroupWritableFileUnlessAllowed) {
  TempDir dir;
  fs::permissions(dir.path(), fs::perms(0755));
  const fs::path file = dir.add("good", "good.so", fs::perms(0775));

  CapturedLog log;
  PluginSet refused(log.logger());
  EXPECT_FALSE(refused.load_file(file, {}));
  ASSERT_EQ(refused.problems().size(), 1u);
  EXPECT_THAT(refused.problems()[0].reason, HasSubstr("the file is writable by group or others (mode 0775)"));
  EXPECT_EQ(log.problems().size(), 1u);
  EXPECT_FALSE(is_loaded(file)) << "refused before it was opened";

  LoadOptions allow;
  allow.allow_writable = true;
  PluginSet allowed(quiet_logger());
  EXPECT_TRUE(allowed.load_file(file, allow));
  EXPECT_EQ(allowed.checkers().size(), 1u);
}

// A plugin in a directory that others may write is refused even if the file itself is not writable.
TEST(PluginSetTest, RefusesPluginInWorldWritableDirectory) {
  TempDir dir;
  const fs::path file = dir.add("good", "good.so", fs::perms(0755));
  fs::permissions(dir.path(), fs::perms(0777));
  const PluginSet set = PluginSet::load_directory(dir.path(), {}, quiet_logger());
  EXPECT_TRUE(set.checkers().empty());
  ASSERT_EQ(set.problems().size(), 1u);
  EXPECT_EQ(set.problems()[0].file, file);
  EXPECT_THAT(set.problems()[0].reason, HasSubstr("is writable by group or others (mode 0777)"));
}

// A symbolic link to a safe plugin loads; the directory holding its target is checked too.
TEST(PluginSetTest, FollowsSymbolicLinkAndChecksTheTargetDirectory) {
  TempDir links;
  fs::permissions(links.path(), fs::perms(0755));
  fs::create_symlink(fixture("good"), links.path() / "good.so");
  PluginSet set = PluginSet::load_directory(links.path(), {}, quiet_logger());
  EXPECT_EQ(set.checkers().size(), 1u);
  EXPECT_TRUE(set.problems().empty());

  TempDir targets;
  const fs::path target = targets.add("good", "real.so", fs::perms(0755));
  fs::permissions(targets.path(), fs::perms(0775));
  fs::create_symlink(target, links.path() / "linked.so");
  PluginSet linked(quiet_logger());
  EXPECT_FALSE(linked.load_file(links.path() / "linked.so", {}));
  ASSERT_EQ(linked.problems().size(), 1u);
  EXPECT_THAT(linked.problems()[0].reason, HasSubstr("directory " + targets.path().string()));
}

// A *.so that is not a shared library is refused with the dynamic linker's own explanation.
TEST(PluginSetTest, RefusesFileThatIsNotALibrary) {
  TempDir dir;
  const fs::path file = dir.path() / "garbage.so";
  std::ofstream(file) << "not an ELF file\n";
  fs::permissions(file, fs::perms(0644));
  PluginSet set(quiet_logger());
  EXPECT_FALSE(set.load_file(file, {}));
  ASSERT_EQ(set.problems().size(), 1u);
  EXPECT_THAT(set.problems()[0].reason, StartsWith("cannot load the library: "));
  EXPECT_THAT(set.problems()[0].reason, HasSubstr("garbage.so"));
}

// Only *.so entries are considered, and one that is not a regular file is refused as such.
TEST(PluginSetTest, RefusesNonRegularFileAndIgnoresOtherNames) {
  TempDir dir;
  fs::create_directory(dir.path() / "directory.so");
  dir.add("good", "good.so.disabled");
  dir.add("good", "README.txt");
  const PluginSet set = PluginSet::load_directory(dir.path(), {}, quiet_logger());
  EXPECT_TRUE(set.checkers().empty());
  ASSERT_EQ(set.problems().size(), 1u);
  EXPECT_EQ(set.problems()[0].file, dir.path() / "directory.so");
  EXPECT_EQ(set.problems()[0].reason, "not a regular file");
  EXPECT_EQ(set.plugins().size(), 1u);
}

// Plugins disabled in the configuration are skipped by file name before opening, or by plugin name,
// and are not reported as problems.
TEST(PluginSetTest, SkipsPluginsDisabledInTheConfiguration) {
  TempDir dir;
  dir.add("wrong_major", "wrong_major.so");
  const fs::path renamed = dir.add("good", "renamed.so");
  LoadOptions options;
  options.disabled = {"wrong_major", "good"};
  CapturedLog log;
  const PluginSet set = PluginSet::load_directory(dir.path(), options, log.logger());
  EXPECT_TRUE(set.checkers().empty());
  EXPECT_TRUE(set.problems().empty());
  EXPECT_TRUE(log.problems().empty());
  const auto summaries = set.plugins();
  ASSERT_EQ(summaries.size(), 2u);
  EXPECT_EQ(summaries[0].file, renamed);
  EXPECT_EQ(summaries[0].name, "good");
  EXPECT_FALSE(summaries[0].enabled);
  EXPECT_EQ(summaries[0].disabled_reason, "disabled in the configuration");
  EXPECT_EQ(summaries[1].name, "wrong_major");
  EXPECT_FALSE(is_loaded(renamed));
}

// A plugin directory that cannot be read is a start-up error, not an empty set.
TEST(PluginSetTest, LoadDirectoryThrowsForMissingDirectory) {
  TempDir dir;
  EXPECT_THROW(PluginSet::load_directory(dir.path() / "absent", {}, quiet_logger()), std::runtime_error);
}

}  // namespace
}  // namespace carewatch::plugin_host
