#include <carewatch/sdk/value.hpp>

#include <gtest/gtest.h>

#include <charconv>
#include <cmath>
#include <limits>
#include <string>

#include <carewatch/sdk/json.hpp>

namespace carewatch::sdk {
namespace {

Value parsed(std::string_view text) {
  auto v = parse_json(text);
  EXPECT_TRUE(std::holds_alternative<Value>(v)) << text;
  return std::holds_alternative<Value>(v) ? std::get<Value>(v) : Value();
}

// The same members in any order serialise to the same bytes, sorted by key.
TEST(ValueTest, CanonicalJsonIgnoresMemberOrder) {
  const Value a = Value::object({{"b", 1}, {"a", "x"}, {"c", Value::object({{"z", true}, {"y", nullptr}})}});
  const Value b = Value::object({{"c", Value::object({{"y", nullptr}, {"z", true}})}, {"a", "x"}, {"b", 1}});
  EXPECT_EQ(a.to_json(), R"({"a":"x","b":1,"c":{"y":null,"z":true}})");
  EXPECT_EQ(a.to_json(), b.to_json());
  EXPECT_EQ(a, b);
  EXPECT_EQ(parsed(R"({"id":"1","kind":"x","n":[3,2,1]})").to_json(),
            parsed(R"( { "n" : [3,2,1], "kind":"x",  "id":"1" } )").to_json());
}

// Keys compare bytewise, so upper case sorts before lower case and a prefix before its extensions.
TEST(ValueTest, SortsKeysBytewise) {
  const Value v = Value::object({{"ab", 1}, {"a", 2}, {"B", 3}, {"_", 4}});
  EXPECT_EQ(v.to_json(), R"({"B":3,"_":4,"a":2,"ab":1})");
}

// A duplicate key keeps its last value, as Value::object documents.
TEST(ValueTest, DuplicateKeysKeepTheLastValue) {
  const Value v = Value::object({{"a", 1}, {"b", 2}, {"a", 3}});
  EXPECT_EQ(v.to_json(), R"({"a":3,"b":2})");
}

// Quotes, backslashes and every control character are escaped; other bytes (UTF-8) pass through.
TEST(ValueTest, EscapesStrings) {
  EXPECT_EQ(Value("a\"b\\c").to_json(), R"("a\"b\\c")");
  EXPECT_EQ(Value("\n\r\t\b\f").to_json(), R"("\n\r\t\b\f")");
  EXPECT_EQ(Value(std::string("\x01\x1f\x00", 3)).to_json(), R"("\u0001\u001f\u0000")");
  EXPECT_EQ(Value("caf\xc3\xa9 /").to_json(), "\"caf\xc3\xa9 /\"");
  const std::string nasty = std::string("q\"\\\n\x02", 5) + "\xe2\x82\xac";
  EXPECT_EQ(parsed(Value(nasty).to_json()), Value(nasty));
}

// Doubles keep a decimal point or exponent, so they read back as doubles, and round-trip exactly.
TEST(ValueTest, WritesDoublesThatRoundTrip) {
  EXPECT_EQ(Value(1.0).to_json(), "1.0");
  EXPECT_EQ(Value(-0.0).to_json(), "-0.0");
  EXPECT_EQ(Value(0.1).to_json(), "0.1");
  EXPECT_EQ(Value(2.5).to_json(), "2.5");
  EXPECT_EQ(Value(1e21).to_json(), "1e+21");
  EXPECT_EQ(Value(std::int64_t{1}).to_json(), "1");
  // The text is the shortest that reads back exactly. (Checked with from_chars: Boost.JSON 1.81's
  // default number parser may be one ulp off for extreme values such as -2.5e-300.)
  for (const double d :
       {0.1, 1.0 / 3.0, 1e300, -2.5e-300, 12345678.9, 1e21, 5e-324, 1.7976931348623157e308}) {
    const std::string text = Value(d).to_json();
    double back = 0;
    const auto res = std::from_chars(text.data(), text.data() + text.size(), back);
    EXPECT_EQ(res.ptr, text.data() + text.size()) << text;
    EXPECT_EQ(back, d) << text;
  }
  for (const double d : {0.1, 1.0 / 3.0, 1.0, 12345678.9}) {
    const Value back = parsed(Value(d).to_json());
    ASSERT_TRUE(back.is_double()) << d;
    EXPECT_EQ(back.as_number(), d);
  }
}

// JSON has no infinity or NaN: they serialise as null rather than as text no parser accepts.
TEST(ValueTest, WritesNonFiniteDoublesAsNull) {
  EXPECT_EQ(Value(std::numeric_limits<double>::infinity()).to_json(), "null");
  EXPECT_EQ(Value(-std::numeric_limits<double>::infinity()).to_json(), "null");
  EXPECT_EQ(Value(std::nan("")).to_json(), "null");
  EXPECT_EQ(Value::object({{"x", std::numeric_limits<double>::infinity()}}).to_json(), R"({"x":null})");
}

// Integers and doubles are different values, even when numerically equal.
TEST(ValueTest, DistinguishesIntegersFromDoubles) {
  EXPECT_FALSE(Value(1) == Value(1.0));
  EXPECT_TRUE(Value(1).is_int());
  EXPECT_TRUE(Value(1.0).is_double());
  EXPECT_EQ(Value(7).as_number(), 7.0);
  EXPECT_EQ(Value(std::numeric_limits<std::int64_t>::min()).to_json(), "-9223372036854775808");
}

// find() looks up members and returns null for absent keys and for non-objects; set() keeps order.
TEST(ValueTest, FindsAndSetsMembers) {
  Value v = Value::object({{"m", 1}});
  v.set("z", "last");
  v.set("a", "first");
  v.set("m", 2);
  EXPECT_EQ(v.to_json(), R"({"a":"first","m":2,"z":"last"})");
  ASSERT_NE(v.find("z"), nullptr);
  EXPECT_EQ(v.find("z")->as_string(), "last");
  EXPECT_EQ(v.find("q"), nullptr);
  EXPECT_EQ(Value(3).find("a"), nullptr);
  EXPECT_EQ(Value(Array{1, 2}).find("a"), nullptr);
}

// Nested arrays and objects, empty ones included, serialise compactly.
TEST(ValueTest, SerialisesNestedContainers) {
  const Value v =
      Value::object({{"a", Array{}}, {"o", Value::object({})}, {"l", Array{1, "two", false, nullptr}}});
  EXPECT_EQ(v.to_json(), R"({"a":[],"l":[1,"two",false,null],"o":{}})");
}

}  // namespace
}  // namespace carewatch::sdk
