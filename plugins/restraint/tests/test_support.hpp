#pragma once
// Shared by the restraint tests: a harness over the home fixture (open home H1 with children C-1 and
// C-2; secure home SH1 with child C-9), builders for restraint and measure lines, and assertions for
// the deadline contract.

#include <algorithm>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include <gtest/gtest.h>

#include <carewatch/sdk/testing/harness.hpp>

namespace carewatch::plugins::restraint::testing {

using sdk::testing::at;
using sdk::testing::Harness;

// Free text the records carry; a summary must never contain it.
inline constexpr std::string_view kFreeText = "free text that must never reach a finding";

inline std::filesystem::path fixture(std::string_view name) {
  return std::filesystem::path(CAREWATCH_RESTRAINT_FIXTURES) / name;
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

inline std::string plus(std::string_view t, sdk::Seconds d) {
  return sdk::format_timestamp(at(t) + d);
}

// A restraint of `child` in home H1 started at `started`, recorded an hour later, with every reg 35(3)
// item present, the user spoken to and the record signed within 6 h and the child spoken to within 8 h.
inline Line restraint(std::string_view id, std::string_view started, std::string_view child = "C-1",
                      std::string_view home = "H1") {
  using std::chrono::hours;
  using std::chrono::minutes;
  return Line(sdk::Value::object({
      {"kind", "restraint"},
      {"id", std::string(id)},
      {"home", std::string(home)},
      {"recorded_at", plus(started, hours{1})},
      {"child", std::string(child)},
      {"started_at", std::string(started)},
      {"ended_at", plus(started, minutes{10})},
      {"purpose", "prevent_injury"},
      {"technique", std::string(kFreeText)},
      {"used_by", "S-1"},
      {"others_present", sdk::Array{sdk::Value("S-2")}},
      {"behaviour", std::string(kFreeText)},
      {"alternatives_tried", std::string(kFreeText)},
      {"effectiveness", std::string(kFreeText)},
      {"injuries", "none"},
      {"medical_treatment", "none"},
      {"ehcp_planned", false},
      {"reviewed_by", "S-RM"},
      {"user_spoken_to_at", plus(started, hours{5})},
      {"reviewer_signed_at", plus(started, hours{6})},
      {"child_spoken_to_at", plus(started, hours{8})},
      {"child_spoken_to_by", "S-3"},
      {"child_views", std::string(kFreeText)},
  }));
}

// A measure of `type` on `child` in home H1 applied at `applied`, recorded 30 minutes later.
inline Line measure(std::string_view id, std::string_view applied, std::string_view type,
                    std::string_view child = "C-1") {
  return Line(sdk::Value::object({
      {"kind", "measure"},
      {"id", std::string(id)},
      {"home", "H1"},
      {"recorded_at", plus(applied, std::chrono::minutes{30})},
      {"child", std::string(child)},
      {"applied_at", std::string(applied)},
      {"type", std::string(type)},
      {"applied_by", "S-1"},
      {"description", std::string(kFreeText)},
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

// The deadline contract: at T == deadline no finding of `rule` and a request to look again one second
// after it; at deadline + 1 s one finding whose due_at is the deadline.
inline void expect_deadline(const Harness& h, std::string_view rule, sdk::TimePoint deadline) {
  const auto before = h.run(deadline);
  EXPECT_TRUE(before.of_rule(rule).empty())
      << rule << " fired at its deadline " << sdk::format_timestamp(deadline);
  ASSERT_TRUE(before.next_look.has_value()) << rule << ": no look-again before the deadline";
  EXPECT_EQ(sdk::format_timestamp(*before.next_look), sdk::format_timestamp(deadline + sdk::Seconds{1}))
      << rule;
  const auto after = h.run(deadline + sdk::Seconds{1});
  const auto f = only(after, rule);
  ASSERT_TRUE(f);
  ASSERT_TRUE(f->due_at.has_value());
  EXPECT_EQ(sdk::format_timestamp(*f->due_at), sdk::format_timestamp(deadline)) << rule;
  EXPECT_EQ(f->summary.find(kFreeText), std::string::npos) << f->summary;
}

}  // namespace carewatch::plugins::restraint::testing
