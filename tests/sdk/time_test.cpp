#include <carewatch/sdk/time.hpp>

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace carewatch::sdk {
namespace {

TimePoint must_parse(std::string_view s) {
  const auto t = parse_timestamp(s);
  EXPECT_TRUE(t.has_value()) << s;
  return t.value_or(TimePoint{});
}

// A UTC timestamp reads as the right number of seconds since the epoch.
TEST(TimeTest, ParsesUtcTimestamp) {
  EXPECT_EQ(to_unix(must_parse("2025-03-01T21:40:00Z")), 1740865200);
  EXPECT_EQ(to_unix(must_parse("1970-01-01T00:00:00Z")), 0);
  EXPECT_EQ(to_unix(must_parse("1969-12-31T23:59:59Z")), -1);
}

// Offsets are subtracted to reach UTC, including across midnight and with half-hour offsets.
TEST(TimeTest, AppliesExplicitOffsets) {
  EXPECT_EQ(must_parse("2025-06-01T10:00:00+01:00"), must_parse("2025-06-01T09:00:00Z"));
  EXPECT_EQ(must_parse("2025-01-01T00:30:00+01:00"), must_parse("2024-12-31T23:30:00Z"));
  EXPECT_EQ(must_parse("2025-01-01T00:30:00-05:30"), must_parse("2025-01-01T06:00:00Z"));
  EXPECT_EQ(must_parse("2025-01-01T00:00:00+00:00"), must_parse("2025-01-01T00:00:00Z"));
  EXPECT_EQ(must_parse("2025-01-01T00:00:00-00:00"), must_parse("2025-01-01T00:00:00Z"));
  EXPECT_EQ(must_parse("2025-01-01T12:00:00+23:59"), must_parse("2024-12-31T12:01:00Z"));
}

// RFC 3339 allows lower-case 't' and 'z'.
TEST(TimeTest, AcceptsLowerCaseSeparators) {
  EXPECT_EQ(must_parse("2025-03-01t21:40:00z"), must_parse("2025-03-01T21:40:00Z"));
}

// Fractions of a second are accepted and truncated, never rounded up into the next second.
TEST(TimeTest, TruncatesFractionalSeconds) {
  EXPECT_EQ(must_parse("2025-03-01T21:40:00.999999999Z"), must_parse("2025-03-01T21:40:00Z"));
  EXPECT_EQ(must_parse("2025-03-01T21:40:07.5+01:00"), must_parse("2025-03-01T20:40:07Z"));
  EXPECT_FALSE(parse_timestamp("2025-03-01T21:40:00.Z"));
  EXPECT_FALSE(parse_timestamp("2025-03-01T21:40:00.5"));
  EXPECT_FALSE(parse_timestamp("2025-03-01T21:40:00,5Z"));
}

// A leap second is accepted and folded into the second before it.
TEST(TimeTest, FoldsLeapSecondIntoPreviousSecond) {
  EXPECT_EQ(to_unix(must_parse("2016-12-31T23:59:60Z")), 1483228799);
  EXPECT_EQ(must_parse("2017-01-01T00:59:60+01:00"), must_parse("2016-12-31T23:59:59Z"));
  EXPECT_FALSE(parse_timestamp("2016-12-31T23:59:61Z"));
}

// A timestamp without an explicit offset is ambiguous and must be rejected.
TEST(TimeTest, RejectsMissingOffset) {
  EXPECT_FALSE(parse_timestamp("2025-03-01T21:40:00"));
  EXPECT_FALSE(parse_timestamp("2025-03-01T21:40:00.123"));
  EXPECT_FALSE(parse_timestamp("2025-03-01"));
  EXPECT_FALSE(parse_timestamp("2025-03-01T21:40Z"));
}

// Offsets must be ±HH:MM within range, and nothing may follow them.
TEST(TimeTest, RejectsMalformedOffsets) {
  for (const char* s : {"2025-03-01T21:40:00+0100", "2025-03-01T21:40:00+01", "2025-03-01T21:40:00+1:00",
                        "2025-03-01T21:40:00+24:00", "2025-03-01T21:40:00+01:60", "2025-03-01T21:40:00Z ",
                        "2025-03-01T21:40:00ZZ", "2025-03-01T21:40:00+01:00x", "2025-03-01T21:40:00 +01:00",
                        "2025-03-01T21:40:00UTC"})
    EXPECT_FALSE(parse_timestamp(s)) << s;
}

// Calendar dates that do not exist are rejected in timestamps and in dates.
TEST(TimeTest, RejectsDatesThatDoNotExist) {
  for (const char* d :
       {"2025-02-29", "2024-02-30", "2025-04-31", "2025-13-01", "2025-00-10", "2025-01-00", "2025-01-32"}) {
    EXPECT_FALSE(parse_date(d)) << d;
    EXPECT_FALSE(parse_timestamp(std::string(d) + "T00:00:00Z")) << d;
  }
  EXPECT_TRUE(parse_date("2024-02-29"));
  EXPECT_TRUE(parse_date("2000-02-29"));
  EXPECT_FALSE(parse_date("1900-02-29"));
}

// Hours, minutes and seconds out of range are rejected.
TEST(TimeTest, RejectsTimesOutOfRange) {
  for (const char* s : {"2025-03-01T24:00:00Z", "2025-03-01T23:60:00Z", "2025-03-01T2:40:00Z",
                        "2025-03-01T21-40-00Z", "2025-03-01X21:40:00Z", "2025-03-01T21:4a:00Z"})
    EXPECT_FALSE(parse_timestamp(s)) << s;
}

// Dates must be exactly YYYY-MM-DD.
TEST(TimeTest, ParsesOnlyStrictDates) {
  const auto d = parse_date("2025-03-01");
  ASSERT_TRUE(d);
  EXPECT_EQ(*d, std::chrono::year{2025} / std::chrono::March / 1);
  for (const char* s : {"2025-3-01", "2025/03/01", "20250301", " 2025-03-01", "2025-03-01 ", "2025-03-01T",
                        "+025-03-01", "", "abcd-ef-gh"})
    EXPECT_FALSE(parse_date(s)) << '"' << s << '"';
}

// Formatting is UTC with a Z and reads back to the same instant, on both sides of the epoch.
TEST(TimeTest, FormatRoundTrips) {
  for (const char* s : {"2025-03-01T21:40:00Z", "1970-01-01T00:00:00Z", "1969-12-31T23:59:59Z",
                        "2000-02-29T00:00:01Z", "2030-12-31T23:59:59Z", "0999-01-02T03:04:05Z"})
    EXPECT_EQ(format_timestamp(must_parse(s)), s);
  EXPECT_EQ(format_timestamp(must_parse("2025-06-01T10:00:00+01:00")), "2025-06-01T09:00:00Z");
  for (const std::int64_t u : {0LL, 1LL, -1LL, 1740865200LL, 4102444799LL, -86401LL})
    EXPECT_EQ(to_unix(must_parse(format_timestamp(from_unix(u)))), u);
}

// Dates format as zero-padded YYYY-MM-DD and read back unchanged.
TEST(TimeTest, FormatDateRoundTrips) {
  for (const char* s : {"2025-03-01", "0999-12-31", "2024-02-29"}) {
    const auto d = parse_date(s);
    ASSERT_TRUE(d) << s;
    EXPECT_EQ(format_date(*d), s);
  }
}

}  // namespace
}  // namespace carewatch::sdk
