#pragma once
// Shared by the workforce tests: a harness over the home fixture (home H1, hosted by LA-HOST, with
// registered manager S-RM), builders for staff-scoped record lines, and the deadline contract.

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include <gtest/gtest.h>

#include <carewatch/sdk/testing/harness.hpp>

namespace carewatch::plugins::workforce::testing {

using sdk::testing::at;
using sdk::testing::Harness;

inline std::filesystem::path fixture(std::string_view name) {
  return std::filesystem::path(CAREWATCH_WORKFORCE_FIXTURES) / name;
}

// A harness for `checker` preloaded with the home fixture.
template <class C>
Harness harness(sdk::Parameters params = {}) {
  Harness h(std::make_unique<C>(), std::move(params));
  h.add_file(fixture("home.ndjson"));
  return h;
}

// A record line of `kind` in home H1; `fields` is the rest of the object, starting with a comma.
inline std::string line(std::string_view kind, std::string_view id, std::string_view recorded_at,
                        std::string_view fields) {
  return R"({"kind":")" + std::string(kind) + R"(","id":")" + std::string(id) +
         R"(","home":"H1","recorded_at":")" + std::string(recorded_at) + '"' + std::string(fields) + "}";
}

// A permanent care worker in a care role; `fields` gives the rest (started_at is required).
inline std::string staff_line(std::string_view id, std::string_view fields,
                              std::string_view recorded_at = "2023-01-02T09:00:00Z") {
  return line("staff", id, recorded_at,
              R"(,"role":"care_worker","employment":"permanent","care_role":true)" + std::string(fields));
}

// The pre-start checks, all done on 2025-01-02.
inline constexpr std::string_view kChecksDone =
    R"(,"dbs_cleared_at":"2025-01-02T10:00:00Z","identity_verified_at":"2025-01-02T11:00:00Z",)"
    R"("references_received":2,"employment_history_checked":true)";

// A copy of the single finding of `rule` in `result`; fails the test and returns nullopt unless there
// is exactly one.
inline std::optional<sdk::Finding> only(const sdk::testing::Result& result, std::string_view rule) {
  const auto found = result.of_rule(rule);
  EXPECT_EQ(found.size(), 1u) << "findings of " << rule;
  if (found.size() != 1) return std::nullopt;
  return *found.front();
}

// The deadline contract every deadline rule keeps: at T == deadline no finding of `rule` and a request
// to look again one second after it; at deadline + 1 s one finding whose due_at is the deadline.
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
}

}  // namespace carewatch::plugins::workforce::testing
