#pragma once
// Shared by the care_planning tests: a harness over the home fixture (home H1 hosted by LA-HOST),
// builders for placement, visit, visit_request and review lines, and assertions for the deadline
// contract.

#include <algorithm>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include <gtest/gtest.h>

#include <carewatch/sdk/testing/harness.hpp>

namespace carewatch::plugins::care_planning::testing {

using sdk::testing::at;
using sdk::testing::Harness;

// Free text the records carry; a summary must never contain it.
inline constexpr std::string_view kFreeText = "free text that must never reach a finding";

inline std::filesystem::path fixture(std::string_view name) {
  return std::filesystem::path(CAREWATCH_CARE_PLANNING_FIXTURES) / name;
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

// Child `id`'s placement in H1 by LA-AWAY, admitted at `admitted` and recorded then: verbal, with a
// social worker and IRO, no advocate, no looked_after_since.
inline Line placement(std::string_view id, std::string_view admitted) {
  return Line(sdk::Value::object({
      {"kind", "child"},
      {"id", std::string(id)},
      {"home", "H1"},
      {"recorded_at", std::string(admitted)},
      {"date_of_birth", "2011-05-01"},
      {"placing_authority", "LA-AWAY"},
      {"admitted_at", std::string(admitted)},
      {"communication", "verbal"},
      {"social_worker", "SW-1"},
      {"iro", "IRO-1"},
  }));
}

// A visit by `role` to `child` in H1 at `visited`, recorded then; seen alone.
inline Line visit(std::string_view id, std::string_view visited, std::string_view child = "C-1",
                  std::string_view role = "social_worker") {
  Line line(sdk::Value::object({
      {"kind", "visit"},
      {"id", std::string(id)},
      {"home", "H1"},
      {"recorded_at", std::string(visited)},
      {"visitor_role", std::string(role)},
      {"visited_at", std::string(visited)},
      {"seen_alone", true},
  }));
  if (!child.empty()) line.set("child", std::string(child));
  return line;
}

// `child`'s request in H1 to see `role`, made at `requested` and recorded then.
inline Line request(std::string_view id, std::string_view requested, std::string_view role = "social_worker",
                    std::string_view child = "C-1") {
  return Line(sdk::Value::object({
      {"kind", "visit_request"},
      {"id", std::string(id)},
      {"home", "H1"},
      {"recorded_at", std::string(requested)},
      {"child", std::string(child)},
      {"requested_at", std::string(requested)},
      {"requested_to", std::string(role)},
      {"channel", std::string(kFreeText)},
  }));
}

// `child`'s review in H1 held at `held` and recorded then, which the child attended and whose views it
// records.
inline Line review(std::string_view id, std::string_view held, std::string_view child = "C-1") {
  return Line(sdk::Value::object({
      {"kind", "review"},
      {"id", std::string(id)},
      {"home", "H1"},
      {"recorded_at", std::string(held)},
      {"child", std::string(child)},
      {"held_at", std::string(held)},
      {"chaired_by", "IRO-1"},
      {"child_participation", "attended"},
      {"child_views", std::string(kFreeText)},
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

}  // namespace carewatch::plugins::care_planning::testing
