#pragma once
// Shared by the missing tests: a harness over the home fixture (home H1; child C-1 placed by LA-AWAY,
// C-2 by LA-HOST), a builder for missing_episode lines, and assertions for the deadline contract.

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include <gtest/gtest.h>

#include <carewatch/sdk/testing/harness.hpp>

namespace carewatch::plugins::missing::testing {

using sdk::testing::at;
using sdk::testing::Harness;

// Free text the records carry; a summary must never contain it.
inline constexpr std::string_view kFreeText = "free text that must never reach a finding";

inline std::filesystem::path fixture(std::string_view name) {
  return std::filesystem::path(CAREWATCH_MISSING_FIXTURES) / name;
}

// A harness for `checker` preloaded with the home fixture.
template <class C>
Harness harness(sdk::Parameters params = {}) {
  Harness h(std::make_unique<C>(), std::move(params));
  h.add_file(fixture("home.ndjson"));
  return h;
}

inline sdk::Parameters one(std::string key, sdk::Value value) {
  sdk::Parameters p;
  p.set(std::move(key), std::move(value));
  return p;
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
    next.set("revision", n).set("recorded_at", std::string(recorded_at));
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

// A missing episode of `child` in H1 from `missing_from`, recorded 30 minutes later, with everything done
// in time: reported to the police after 1 h, the placing authority told after 2 h, the child back after
// 6 h, an interview offered a day after the return and held by an independent person two days after it.
inline Line episode(std::string_view id, std::string_view missing_from, std::string_view child = "C-1") {
  using std::chrono::hours;
  using std::chrono::minutes;
  const std::string returned = plus(missing_from, hours{6});
  return Line(sdk::Value::object({
      {"kind", "missing_episode"},
      {"id", std::string(id)},
      {"home", "H1"},
      {"recorded_at", plus(missing_from, minutes{30})},
      {"child", std::string(child)},
      {"missing_from", std::string(missing_from)},
      {"reported_to_police_at", plus(missing_from, hours{1})},
      {"placing_authority_notified_at", plus(missing_from, hours{2})},
      {"returned_at", returned},
      {"rhi_offered_at", plus(returned, hours{24})},
      {"rhi_completed_at", plus(returned, hours{48})},
      {"rhi_independent", true},
      {"notes", std::string(kFreeText)},
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

}  // namespace carewatch::plugins::missing::testing
