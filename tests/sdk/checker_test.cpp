#include <carewatch/sdk/checker.hpp>

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include <carewatch/sdk/testing/harness.hpp>

namespace carewatch::sdk {
namespace {

using testing::at;

Parameters params() {
  Parameters p;
  p.set("hours", 48);
  p.set("ratio", 0.5);
  p.set("whole", 2);
  p.set("strict", true);
  p.set("role", "registered_manager");
  return p;
}

// Present parameters are returned, absent ones fall back to the default.
TEST(ParametersTest, ReturnsValuesOrFallbacks) {
  const Parameters p = params();
  EXPECT_EQ(p.get_int("hours", 24), 48);
  EXPECT_EQ(p.get_int("absent", 24), 24);
  EXPECT_EQ(p.get_number("ratio", 1.0), 0.5);
  EXPECT_EQ(p.get_number("whole", 1.0), 2.0);
  EXPECT_TRUE(p.get_bool("strict", false));
  EXPECT_EQ(p.get_string("role", "x"), "registered_manager");
  EXPECT_EQ(p.get_string("absent", "x"), "x");
  EXPECT_TRUE(p.has("hours"));
  EXPECT_FALSE(p.has("absent"));
}

// A parameter of the wrong type or out of range throws a ParameterError naming the key.
TEST(ParametersTest, BadParametersThrowNamingTheKey) {
  const Parameters p = params();
  auto expect_error = [](auto&& call, const std::string& key, const std::string& reason) {
    try {
      call();
      ADD_FAILURE() << "no ParameterError for " << key;
    } catch (const ParameterError& e) {
      EXPECT_EQ(e.key(), key);
      EXPECT_EQ(std::string(e.what()), key + ": " + reason);
    }
  };
  expect_error([&] { (void)p.get_int("ratio", 1); }, "ratio", "expected an integer");
  expect_error([&] { (void)p.get_int("hours", 1, 1, 24); }, "hours", "must be between 1 and 24");
  expect_error([&] { (void)p.get_number("role", 1.0); }, "role", "expected a number");
  expect_error([&] { (void)p.get_bool("hours", false); }, "hours", "expected true or false");
  expect_error([&] { (void)p.get_string("strict", ""); }, "strict", "expected a string");
}

// The sink keeps every finding and only the earliest "look again" time; clear() forgets both.
TEST(SinkTest, KeepsFindingsAndTheEarliestLookAgain) {
  Sink sink;
  EXPECT_FALSE(sink.next_look());
  sink.look_again_at(at("2025-03-05T00:00:00Z"));
  sink.look_again_at(at("2025-03-03T00:00:00Z"));
  sink.look_again_at(at("2025-03-04T00:00:00Z"));
  EXPECT_EQ(sink.next_look(), at("2025-03-03T00:00:00Z"));
  Finding a;
  a.rule = "A";
  Finding b;
  b.rule = "B";
  sink.emit(a);
  sink.emit(b);
  ASSERT_EQ(sink.findings().size(), 2u);
  EXPECT_EQ(sink.findings()[1].rule, "B");
  sink.clear();
  EXPECT_TRUE(sink.findings().empty());
  EXPECT_FALSE(sink.next_look());
}

// The context hands the checker the audit time, calendar, parameters and logger it was built with.
TEST(ContextTest, ExposesWhatItWasGiven) {
  struct Recording final : Logger {
    mutable std::vector<std::string> lines;
    void log(LogLevel, std::string_view m) const override { lines.emplace_back(m); }
  };
  const Calendar cal;
  const Parameters p = params();
  const Recording logger;
  const Context ctx(at("2025-03-01T00:00:00Z"), cal, p, logger);
  EXPECT_EQ(ctx.as_of(), at("2025-03-01T00:00:00Z"));
  EXPECT_EQ(&ctx.calendar(), &cal);
  EXPECT_EQ(ctx.params().get_int("hours", 0), 48);
  ctx.logger().log(LogLevel::info, "checked C1");
  EXPECT_EQ(logger.lines, std::vector<std::string>{"checked C1"});
}

}  // namespace
}  // namespace carewatch::sdk
