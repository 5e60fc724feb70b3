// The plugin boundary without a shared library: the exported factory is defined in this test with the
// real macro and called directly, so what the adapters promise (no exception crosses, errors become
// Status values) is checked in-process. Loading through Boost.DLL is the plugin host's test.
#include <carewatch/sdk/plugin.hpp>

#include <gtest/gtest.h>

#include <cstring>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include <carewatch/sdk/testing/harness.hpp>

namespace carewatch::sdk {
namespace {

using testing::at;

RuleInfo rule(const std::string& id) {
  RuleInfo r;
  r.id = id;
  r.title = "t";
  r.clause = "c";
  return r;
}

class FindsOne final : public Checker {
 public:
  std::string name() const override { return "finds_one"; }
  std::vector<RuleInfo> rules() const override { return {rule("T-ONE")}; }
  Scope scope() const override { return Scope::home; }
  std::vector<std::string> kinds() const override { return {"daily_log"}; }
  void configure(const Parameters& p) override { (void)p.get_int("limit", 1, 1, 10); }
  void check(const Timeline& t, const Context&, Sink& sink) const override {
    Finding f;
    f.rule = "T-ONE";
    f.home = t.subject().home;
    sink.emit(std::move(f));
  }
};

class Throws final : public Checker {
 public:
  std::string name() const override { return "throws"; }
  std::vector<RuleInfo> rules() const override { return {rule("T-THROW")}; }
  Scope scope() const override { return Scope::child; }
  std::vector<std::string> kinds() const override { return {}; }
  void configure(const Parameters& p) override {
    if (p.has("explode")) throw std::runtime_error("configure failed");
  }
  void check(const Timeline&, const Context&, Sink&) const override { throw std::out_of_range("index 7"); }
};

class ThrowsNonStd final : public Checker {
 public:
  std::string name() const override { return "throws_int"; }
  std::vector<RuleInfo> rules() const override { return {}; }
  Scope scope() const override { return Scope::staff; }
  std::vector<std::string> kinds() const override { return {}; }
  void configure(const Parameters&) override { throw 7; }
  void check(const Timeline&, const Context&, Sink&) const override { throw 42; }
};

class TestPlugin final : public Plugin {
 public:
  std::string name() const override { return "test_plugin"; }
  std::string description() const override { return "checks for tests"; }
  std::vector<std::unique_ptr<Checker>> make_checkers() const override {
    std::vector<std::unique_ptr<Checker>> out;
    out.push_back(std::make_unique<FindsOne>());
    out.push_back(std::make_unique<Throws>());
    out.push_back(std::make_unique<ThrowsNonStd>());
    return out;
  }
};

class ThrowsOnConstruction final : public Plugin {
 public:
  ThrowsOnConstruction() { throw std::runtime_error("no licence file"); }
  std::string name() const override { return "x"; }
  std::vector<std::unique_ptr<Checker>> make_checkers() const override { return {}; }
};

class MakesNull final : public Plugin {
 public:
  std::string name() const override { return "null"; }
  std::vector<std::unique_ptr<Checker>> make_checkers() const override {
    std::vector<std::unique_ptr<Checker>> out;
    out.push_back(nullptr);
    return out;
  }
};

class NameThrows final : public Checker {
 public:
  std::string name() const override { throw std::logic_error("unnamed"); }
  std::vector<RuleInfo> rules() const override { return {}; }
  Scope scope() const override { return Scope::home; }
  std::vector<std::string> kinds() const override { return {}; }
  void check(const Timeline&, const Context&, Sink&) const override {}
};

class BadChecker final : public Plugin {
 public:
  std::string name() const override { return "bad"; }
  std::vector<std::unique_ptr<Checker>> make_checkers() const override {
    std::vector<std::unique_ptr<Checker>> out;
    out.push_back(std::make_unique<NameThrows>());
    return out;
  }
};

}  // namespace
}  // namespace carewatch::sdk

CAREWATCH_PLUGIN(carewatch::sdk::TestPlugin)

namespace carewatch::sdk {
namespace {

std::unique_ptr<PluginHandle> create() {
  Status status;
  std::unique_ptr<PluginHandle> handle(carewatch_create_plugin(&status));
  EXPECT_TRUE(status) << status.message();
  return handle;
}

struct Call {
  Calendar calendar;
  Parameters params;
  NullLogger logger;
  Context context{at("2025-03-01T00:00:00Z"), calendar, params, logger};
  Timeline timeline{Subject{Scope::home, "H1", {}}, {}};
};

// The exported symbols carry the SDK version and the exact build fingerprint of this build.
TEST(PluginTest, ExportsVersionAndBuildFingerprint) {
  EXPECT_EQ(carewatch_sdk_version.major, CAREWATCH_SDK_VERSION_MAJOR);
  EXPECT_EQ(carewatch_sdk_version.minor, CAREWATCH_SDK_VERSION_MINOR);
  EXPECT_EQ(carewatch_sdk_version.patch, CAREWATCH_SDK_VERSION_PATCH);
  EXPECT_STREQ(carewatch_build_fingerprint, CAREWATCH_SDK_BUILD_FINGERPRINT);
  EXPECT_NE(std::strstr(carewatch_build_fingerprint, "c++"), nullptr);
}

// The factory describes the plugin and each checker's name, rules, scope and kinds.
TEST(PluginTest, FactoryDescribesCheckers) {
  const auto plugin = create();
  ASSERT_NE(plugin, nullptr);
  EXPECT_EQ(plugin->name(), "test_plugin");
  EXPECT_EQ(plugin->description(), "checks for tests");
  ASSERT_EQ(plugin->checker_count(), 3u);
  const CheckerInfo& info = plugin->checker(0).info();
  EXPECT_EQ(info.name, "finds_one");
  ASSERT_EQ(info.rules.size(), 1u);
  EXPECT_EQ(info.rules[0].id, "T-ONE");
  EXPECT_EQ(info.scope, Scope::home);
  EXPECT_EQ(info.kinds, std::vector<std::string>{"daily_log"});
  EXPECT_EQ(plugin->checker(1).info().scope, Scope::child);
}

// A checker that works returns an ok Status and its findings reach the sink.
TEST(PluginTest, CheckPassesFindingsThrough) {
  const auto plugin = create();
  Call call;
  Sink sink;
  const Status s = plugin->checker(0).check(call.timeline, call.context, sink);
  EXPECT_TRUE(s) << s.message();
  ASSERT_EQ(sink.findings().size(), 1u);
  EXPECT_EQ(sink.findings()[0].home, "H1");
}

// An exception thrown by check() becomes an error Status carrying its message; nothing propagates.
TEST(PluginTest, ExceptionInCheckBecomesErrorStatus) {
  const auto plugin = create();
  Call call;
  Sink sink;
  const Status s = plugin->checker(1).check(call.timeline, call.context, sink);
  EXPECT_FALSE(s);
  EXPECT_FALSE(s.is_ok());
  EXPECT_EQ(s.message(), "check: index 7");
  const Status odd = plugin->checker(2).check(call.timeline, call.context, sink);
  EXPECT_FALSE(odd);
  EXPECT_EQ(odd.message(), "check: unknown exception");
}

// configure() reports a ParameterError by key, any other exception by where it happened.
TEST(PluginTest, ConfigureErrorsBecomeStatus) {
  const auto plugin = create();
  Parameters good;
  good.set("limit", 3);
  EXPECT_TRUE(plugin->checker(0).configure(good));
  Parameters bad;
  bad.set("limit", 99);
  const Status s = plugin->checker(0).configure(bad);
  EXPECT_FALSE(s);
  EXPECT_EQ(s.message(), "limit: must be between 1 and 10");
  Parameters explode;
  explode.set("explode", true);
  EXPECT_EQ(plugin->checker(1).configure(explode).message(), "configure: configure failed");
  EXPECT_EQ(plugin->checker(2).configure({}).message(), "configure: unknown exception");
}

// A plugin that fails while being created yields no handle and a Status saying why.
TEST(PluginTest, CreationFailuresBecomeStatus) {
  Status status;
  EXPECT_EQ(detail::create_plugin<ThrowsOnConstruction>(&status), nullptr);
  EXPECT_EQ(status.message(), "create: no licence file");
  status = Status::ok();
  EXPECT_EQ(detail::create_plugin<MakesNull>(&status), nullptr);
  EXPECT_EQ(status.message(), "create: make_checkers returned a null checker");
  status = Status::ok();
  EXPECT_EQ(detail::create_plugin<BadChecker>(&status), nullptr);
  EXPECT_EQ(status.message(), "create: unnamed");
  EXPECT_EQ(detail::create_plugin<ThrowsOnConstruction>(nullptr), nullptr);  // status is optional
}

// Versions are compatible when the majors are equal and the host's minor is at least the plugin's;
// the patch level never matters.
TEST(PluginTest, VersionCompatibilityRule) {
  EXPECT_TRUE(is_compatible({1, 0, 0}, {1, 0, 0}));
  EXPECT_TRUE(is_compatible({1, 2, 0}, {1, 1, 9}));
  EXPECT_TRUE(is_compatible({1, 1, 0}, {1, 1, 5}));
  EXPECT_FALSE(is_compatible({1, 1, 0}, {1, 2, 0}));
  EXPECT_FALSE(is_compatible({2, 0, 0}, {1, 0, 0}));
  EXPECT_FALSE(is_compatible({1, 9, 0}, {2, 0, 0}));
  EXPECT_TRUE(is_compatible(kVersion, kVersion));
}

// Status is ok by default, and an error keeps its message.
TEST(StatusTest, OkAndError) {
  EXPECT_TRUE(Status());
  EXPECT_TRUE(Status::ok().is_ok());
  const Status e = Status::error("bad");
  EXPECT_FALSE(e);
  EXPECT_EQ(e.message(), "bad");
}

}  // namespace
}  // namespace carewatch::sdk
