#pragma once
// Shared by the medication tests: a harness over the home fixture (home H1 with child C-1), a builder for
// dose lines, and finding helpers.

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include <gtest/gtest.h>

#include <carewatch/sdk/testing/harness.hpp>

namespace carewatch::plugins::medication::testing {

using sdk::testing::at;
using sdk::testing::Harness;

inline std::filesystem::path fixture(std::string_view name) {
  return std::filesystem::path(CAREWATCH_MEDICATION_FIXTURES) / name;
}

// A harness for `checker` preloaded with the home fixture.
template <class C>
Harness harness(sdk::Parameters params = {}) {
  Harness h(std::make_unique<C>(), std::move(params));
  h.add_file(fixture("home.ndjson"));
  return h;
}

// A dose for child C-1 with `status`, scheduled at `scheduled_at` and recorded then (or at
// `recorded_at`); `fields` adds the rest, starting with a comma.
inline std::string dose(std::string_view id, std::string_view status, std::string_view scheduled_at,
                        std::string_view fields = {}, std::string_view recorded_at = {}) {
  return R"({"kind":"medication","home":"H1","child":"C-1","medicine":"a named medicine","id":")" +
         std::string(id) + R"(","status":")" + std::string(status) + R"(","scheduled_at":")" +
         std::string(scheduled_at) + R"(","recorded_at":")" +
         std::string(recorded_at.empty() ? scheduled_at : recorded_at) + '"' + std::string(fields) + "}";
}

// The reason every compliant omitted dose carries: free text that must never reach a finding.
inline constexpr std::string_view kReason = R"(,"reason":"free text that must never reach a finding")";

// A copy of the single finding of `rule` in `result`; fails the test and returns nullopt unless there
// is exactly one.
inline std::optional<sdk::Finding> only(const sdk::testing::Result& result, std::string_view rule) {
  const auto found = result.of_rule(rule);
  EXPECT_EQ(found.size(), 1u) << "findings of " << rule;
  if (found.size() != 1) return std::nullopt;
  return *found.front();
}

}  // namespace carewatch::plugins::medication::testing
