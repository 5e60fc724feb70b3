#include <carewatch/sdk/json.hpp>

#include <gtest/gtest.h>

#include <string>

namespace carewatch::sdk {
namespace {

schema::FieldError json_error(std::string_view text) {
  auto v = parse_json(text);
  EXPECT_TRUE(std::holds_alternative<schema::FieldError>(v)) << text;
  return std::holds_alternative<schema::FieldError>(v) ? std::get<schema::FieldError>(v)
                                                       : schema::FieldError{};
}

// Malformed JSON is rejected against the line as a whole, without quoting the input.
TEST(JsonTest, RejectsSyntaxErrorsWithoutQuotingInput) {
  for (const char* text : {"{", R"({"a":secret})", "[1,]", R"({"a":1} trailing)", "", "nul"}) {
    const auto err = json_error(text);
    EXPECT_EQ(err.field, "line") << text;
    EXPECT_NE(err.reason.find("invalid JSON"), std::string::npos) << text;
    EXPECT_EQ(err.reason.find("secret"), std::string::npos);
  }
}

// A number too large for a double would become infinity and make the canonical form unreadable, so
// it is rejected naming where it is.
TEST(JsonTest, RejectsNumbersOutOfRangeNamingThePath) {
  EXPECT_EQ(json_error(R"({"kind":"child","distance_from_home_km":1e400})").field, "distance_from_home_km");
  EXPECT_EQ(json_error(R"({"a":{"b":[1,-1e999]}})").field, "a.b[1]");
  EXPECT_EQ(json_error(R"({"r":[{"x":1},{"y":1e309}]})").field, "r[1].y");
  EXPECT_EQ(json_error("[0, 1e400]").field, "[1]");
  EXPECT_EQ(json_error("1e400").field, "line");
  EXPECT_EQ(json_error("[1e400]").reason, "number out of range");
}

// Unsigned integers beyond int64 become doubles instead of wrapping to negative numbers.
TEST(JsonTest, KeepsLargeUnsignedIntegersPositive) {
  auto v = parse_json("[9223372036854775807, 18446744073709551615]");
  ASSERT_TRUE(std::holds_alternative<Value>(v));
  const Array& a = std::get<Value>(v).as_array();
  EXPECT_TRUE(a[0].is_int());
  EXPECT_EQ(a[0].as_int(), 9223372036854775807LL);
  EXPECT_TRUE(a[1].is_double());
  EXPECT_GT(a[1].as_number(), 1.8e19);
}

// Nesting deeper than the limit is rejected instead of recursing without bound.
TEST(JsonTest, RejectsDeepNesting) {
  std::string deep(40, '[');
  deep += std::string(40, ']');
  EXPECT_EQ(json_error(deep).field, "line");
  std::string shallow(10, '[');
  shallow += std::string(10, ']');
  EXPECT_TRUE(std::holds_alternative<Value>(parse_json(shallow)));
}

// A valid line becomes a Record; schema errors and over-long lines come back as FieldErrors.
TEST(JsonTest, ParsesAndValidatesRecordLines) {
  auto ok = parse_record_line(
      R"({"kind":"home","id":"H1","recorded_at":"2025-01-01T00:00:00Z","host_authority":"LA1"})");
  ASSERT_TRUE(std::holds_alternative<Record>(ok));
  EXPECT_EQ(std::get<Record>(ok).id(), "H1");

  auto bad = parse_record_line(R"({"kind":"home","id":"H1","recorded_at":"2025-01-01T00:00:00Z"})");
  ASSERT_TRUE(std::holds_alternative<schema::FieldError>(bad));
  EXPECT_EQ(std::get<schema::FieldError>(bad).field, "host_authority");

  const std::string huge = R"({"kind":"home","x":")" + std::string(schema::kMaxLineBytes, 'a') + "\"}";
  auto long_line = parse_record_line(huge);
  ASSERT_TRUE(std::holds_alternative<schema::FieldError>(long_line));
  EXPECT_EQ(std::get<schema::FieldError>(long_line).field, "line");
  EXPECT_EQ(std::get<schema::FieldError>(long_line).reason, "longer than 1 MiB");
}

}  // namespace
}  // namespace carewatch::sdk
