#pragma once
// Shared by the case_records tests: a harness over the home fixture (home H1 with child C-1, whose
// record is complete), builders for placement and daily_log lines, and the deadline contract.

#include <algorithm>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include <gtest/gtest.h>

#include <carewatch/sdk/testing/harness.hpp>

namespace carewatch::plugins::case_records::testing {

using sdk::testing::at;
using sdk::testing::Harness;

// Free text the records carry; a summary must never contain it.
inline constexpr std::string_view kFreeText = "free text that must never reach a finding";

inline std::filesystem::path fixture(std::string_view name) {
  return std::filesystem::path(CAREWATCH_CASE_RECORDS_FIXTURES) / name;
}

// A harness for `checker` preloaded with the home fixture.
template <class C>
Harness harness(sdk::Parameters params = {}) {
  Harness h(std::make_unique<C>(), std::move(params));
  h.add_file(fixture("home.ndjson"));
  return h;
}

// One NDJSON line built field by field.
class Line {
 public:
  explicit Line(sdk::Value body) : body_(std::move(body)) {}
  Line& set(std::string_view key, sdk::Value value) {
    body_.set(key, std::move(value));
    return *this;
  }
  Line& drop(std::string_view key) {
    auto& members = body_.as_object();
    members.erase(
        std::remove_if(members.begin(), members.end(), [&](const sdk::Member& m) { return m.first == key; }),
        members.end());
    return *this;
  }
  // A later revision of the same record, written at `recorded_at`.
  Line revision(int n, std::string_view recorded_at) const {
    Line next = *this;
    next.set("revision", n).set("recorded_at", recorded_at);
    return next;
  }
  std::string str() const { return body_.to_json(); }
  // Lets a Line go straight to Harness::add. The view is of a cache inside this Line, valid until the
  // Line changes or dies; Harness::add parses it at once.
  operator std::string_view() const {
    json_ = str();
    return json_;
  }

 private:
  sdk::Value body_;
  mutable std::string json_;
};

// Child `id`'s placement in H1, admitted at `admitted` and recorded then, with every profile field.
inline Line placement(std::string_view id, std::string_view admitted) {
  return Line(sdk::Value::object({
      {"kind", "child"},
      {"id", std::string(id)},
      {"home", "H1"},
      {"recorded_at", std::string(admitted)},
      {"date_of_birth", "2011-05-01"},
      {"placing_authority", "LA-HOST"},
      {"admitted_at", std::string(admitted)},
      {"communication", "verbal"},
      {"social_worker", "SW-1"},
      {"iro", "IRO-1"},
  }));
}

// A daily log for C-1 in H1 about `occurred`, written and signed by S-1 an hour later.
inline Line daily_log(std::string_view id, std::string_view occurred, std::string_view child = "C-1") {
  const std::string written = sdk::format_timestamp(at(occurred) + std::chrono::hours{1});
  return Line(sdk::Value::object({
      {"kind", "daily_log"},
      {"id", std::string(id)},
      {"home", "H1"},
      {"recorded_at", written},
      {"recorded_by", "S-1"},
      {"child", std::string(child)},
      {"occurred_at", std::string(occurred)},
      {"author", "S-1"},
      {"text", std::string(kFreeText)},
      {"signed_at", written},
  }));
}

// A copy of the single finding of `rule` in `result`; fails the test and returns nullopt unless there
// is exactly one.
inline std::optional<sdk::Finding> only(const sdk::testing::Result& result, std::string_view rule) {
  const auto found = result.of_rule(rule);
  EXPECT_EQ(found.size(), 1u) << "findings of " << rule;
  if (found.size() != 1) return std::nullopt;
  return *found.front();
}

inline std::string stamp(std::optional<sdk::TimePoint> t) {
  return t ? sdk::format_timestamp(*t) : "none";
}

// The deadline contract: at T == deadline no finding of `rule` and a request to look again one second
// after it; at deadline + 1 s one finding whose due_at is the deadline and whose summary quotes no free
// text.
inline void expect_deadline(const Harness& h, std::string_view rule, sdk::TimePoint deadline) {
  const auto before = h.run(deadline);
  EXPECT_TRUE(before.of_rule(rule).empty())
      << rule << " fired at its deadline " << sdk::format_timestamp(deadline);
  EXPECT_EQ(stamp(before.next_look), sdk::format_timestamp(deadline + sdk::Seconds{1})) << rule;
  const auto after = h.run(deadline + sdk::Seconds{1});
  const auto f = only(after, rule);
  ASSERT_TRUE(f);
  EXPECT_EQ(stamp(f->due_at), sdk::format_timestamp(deadline)) << rule;
  EXPECT_EQ(f->summary.find(kFreeText), std::string::npos) << f->summary;
}

}  // namespace carewatch::plugins::case_records::testing
