#pragma once
// Shared by the independent_monitoring tests: a harness over the home fixture (home H1, first recorded
// 2024-12-15T09:00:00Z so its first whole month is January 2025; child C-1 placed from
// 2025-01-06T10:00:00Z, C-2 from 2025-01-10T10:00:00Z to 2025-12-19T12:00:00Z), builders for reg44_visit
// and reg45_review lines, and assertions for the deadline contract.

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include <gtest/gtest.h>

#include <carewatch/sdk/testing/harness.hpp>

namespace carewatch::plugins::independent_monitoring::testing {

using sdk::testing::at;
using sdk::testing::Harness;

// Free text the records carry; a summary must never contain it.
inline constexpr std::string_view kFreeText = "free text that must never reach a finding";

inline std::filesystem::path fixture(std::string_view name) {
  return std::filesystem::path(CAREWATCH_INDEPENDENT_MONITORING_FIXTURES) / name;
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

// A reg 44 visit to H1 at `visited`, recorded two hours later, two children spoken to in private, its
// report received after five days and sent to Ofsted, the placing authorities and the RI after seven.
inline Line visit(std::string_view id, std::string_view visited) {
  using std::chrono::days;
  using std::chrono::hours;
  return Line(sdk::Value::object({
      {"kind", "reg44_visit"},
      {"id", std::string(id)},
      {"home", "H1"},
      {"recorded_at", plus(visited, hours{2})},
      {"visited_at", std::string(visited)},
      {"visitor", "IP-1"},
      {"announced", false},
      {"children_spoken_privately", 2},
      {"report_received_at", plus(visited, days{5})},
      {"opinion_safeguarded", "yes"},
      {"report_sent_ofsted_at", plus(visited, days{7})},
      {"report_sent_placing_authorities_at", plus(visited, days{7})},
      {"report_sent_ri_at", plus(visited, days{7})},
      {"summary", std::string(kFreeText)},
  }));
}

// A recommendation object for a reg44_visit's `recommendations`; empty strings leave a member out.
inline sdk::Value recommendation(std::string_view ref, std::string_view consider_by,
                                 std::string_view decision = {}, std::string_view decided_at = {}) {
  sdk::Object members;
  if (!ref.empty()) members.emplace_back("ref", std::string(ref));
  if (!consider_by.empty()) members.emplace_back("consider_by", std::string(consider_by));
  if (!decision.empty()) members.emplace_back("decision", std::string(decision));
  if (!decided_at.empty()) members.emplace_back("decided_at", std::string(decided_at));
  members.emplace_back("text", std::string(kFreeText));
  return sdk::Value::object(std::move(members));
}

// A reg 45 review of H1 completed at `completed`, recorded an hour later, that consulted all four groups
// and was sent to Ofsted a week after completion.
inline Line review(std::string_view id, std::string_view completed) {
  using std::chrono::days;
  using std::chrono::hours;
  return Line(sdk::Value::object({
      {"kind", "reg45_review"},
      {"id", std::string(id)},
      {"home", "H1"},
      {"recorded_at", plus(completed, hours{1})},
      {"period_start", "2025-01-01"},
      {"period_end", "2025-06-30"},
      {"completed_at", std::string(completed)},
      {"sent_to_ofsted_at", plus(completed, days{7})},
      {"consulted", sdk::Array{sdk::Value("children"), sdk::Value("parents"),
                               sdk::Value("placing_authorities"), sdk::Value("staff")}},
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

// The formatted due_at of each finding of `rule`, in the harness's order.
inline std::vector<std::string> due_dates(const sdk::testing::Result& result, std::string_view rule) {
  std::vector<std::string> out;
  for (const sdk::Finding* f : result.of_rule(rule))
    out.push_back(f->due_at ? sdk::format_timestamp(*f->due_at) : "null");
  std::sort(out.begin(), out.end());
  return out;
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

}  // namespace carewatch::plugins::independent_monitoring::testing
