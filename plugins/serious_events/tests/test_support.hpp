#pragma once
// Shared by the serious_events tests: a harness over the home fixture (home H1 hosted by LA-HOST; child
// C-LOCAL placed by LA-HOST, child C-AWAY placed by LA-AWAY) and assertions for the deadline contract.

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include <gtest/gtest.h>

#include <carewatch/sdk/testing/harness.hpp>

namespace carewatch::plugins::serious_events::testing {

using sdk::testing::at;
using sdk::testing::Harness;

inline std::filesystem::path fixture(std::string_view name) {
  return std::filesystem::path(CAREWATCH_SERIOUS_EVENTS_FIXTURES) / name;
}

// A harness for `checker` preloaded with the home fixture.
template <class C>
Harness harness(sdk::Parameters params = {}) {
  Harness h(std::make_unique<C>(), std::move(params));
  h.add_file(fixture("home.ndjson"));
  return h;
}

// A copy of the single finding of `rule` in `result` (a copy, so it outlives a temporary result); fails
// the test and returns nullopt unless there is exactly one.
inline std::optional<sdk::Finding> only(const sdk::testing::Result& result, std::string_view rule) {
  const auto found = result.of_rule(rule);
  EXPECT_EQ(found.size(), 1u) << "findings of " << rule;
  if (found.size() != 1) return std::nullopt;
  return *found.front();
}

// The deadline contract every rule keeps: at T == deadline no finding of `rule` and a request to look
// again one second after it; at deadline + 1 s one finding whose due_at is the deadline.
inline void expect_deadline(const Harness& h, std::string_view rule, sdk::TimePoint deadline) {
  const auto before = h.run(deadline);
  EXPECT_TRUE(before.of_rule(rule).empty())
      << rule << " fired at its deadline " << sdk::format_timestamp(deadline);
  ASSERT_TRUE(before.next_look.has_value()) << rule << ": no look-again before the deadline";
  EXPECT_EQ(*before.next_look, deadline + sdk::Seconds{1}) << rule;
  const auto after = h.run(deadline + sdk::Seconds{1});
  const auto f = only(after, rule);
  ASSERT_TRUE(f);
  ASSERT_TRUE(f->due_at.has_value());
  EXPECT_EQ(sdk::format_timestamp(*f->due_at), sdk::format_timestamp(deadline)) << rule;
}

// A notification record about `about`; recorded when it was sent unless `recorded_at` says otherwise.
inline std::string notification(std::string_view id, std::string_view about, std::string_view recipient,
                                std::string_view sent_at, std::string_view stage = {},
                                std::string_view recorded_at = {}) {
  std::string out = R"({"kind":"notification","home":"H1","id":")" + std::string(id) + R"(","about":")" +
                    std::string(about) + R"(","recipient":")" + std::string(recipient) + R"(","sent_at":")" +
                    std::string(sent_at) + R"(","recorded_at":")" +
                    std::string(recorded_at.empty() ? sent_at : recorded_at) + '"';
  if (!stage.empty()) out += R"(,"stage":")" + std::string(stage) + '"';
  return out + "}";
}

}  // namespace carewatch::plugins::serious_events::testing
