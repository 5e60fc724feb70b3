#pragma once
// HomeHistory: what the reg 44 and reg 45 rules need to know about a home beyond the visit and review
// records themselves: since when Carewatch knows of the home, and whether any child was placed at a
// given instant. Built from one home timeline; holds no pointer into it.
//
// The home's first record is the earliest first_recorded_at() (when a record's first revision visible
// as of T was written in the source system) among the home record and the home's records of the kinds
// in kHistoryKinds. recorded_at rather than event time: a placement admitted years before the source
// system held any record of the home does not show that Carewatch could have seen the home's visits
// then. The kinds are fixed here, not taken from whatever a checker reads, so that every checker of the
// plugin dates the home the same way; each checker that uses start() must declare all of them.

#include <array>
#include <optional>
#include <string_view>
#include <vector>

#include <carewatch/sdk/timeline.hpp>

namespace carewatch::plugins::independent_monitoring {

class HomeHistory {
 public:
  static constexpr std::array<std::string_view, 3> kHistoryKinds = {"reg44_visit", "reg45_review", "child"};

  explicit HomeHistory(const sdk::Timeline& timeline);

  // When the home's first record was written; nullopt only for a timeline holding none of the kinds.
  std::optional<sdk::TimePoint> start() const noexcept { return start_; }
  // Whether a child was placed at `t`: admitted_at <= t and no left_at, or left_at > t.
  bool child_placed_at(sdk::TimePoint t) const noexcept;

 private:
  struct Placement {
    sdk::TimePoint admitted;
    std::optional<sdk::TimePoint> left;
  };

  std::optional<sdk::TimePoint> start_;
  std::vector<Placement> placements_;
};

}  // namespace carewatch::plugins::independent_monitoring
