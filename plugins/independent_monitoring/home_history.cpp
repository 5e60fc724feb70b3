#include "home_history.hpp"

#include <algorithm>

namespace carewatch::plugins::independent_monitoring {

HomeHistory::HomeHistory(const sdk::Timeline& timeline) {
  for (const sdk::Record& r : timeline.records()) {
    const bool counts = r.kind() == "home" || std::find(kHistoryKinds.begin(), kHistoryKinds.end(),
                                                        r.kind()) != kHistoryKinds.end();
    if (counts && (!start_ || r.first_recorded_at() < *start_)) start_ = r.first_recorded_at();
    if (r.kind() == "child")
      if (const auto admitted = r.ts("admitted_at")) placements_.push_back({*admitted, r.ts("left_at")});
  }
}

bool HomeHistory::child_placed_at(sdk::TimePoint t) const noexcept {
  return std::any_of(placements_.begin(), placements_.end(),
                     [t](const Placement& p) { return p.admitted <= t && (!p.left || *p.left > t); });
}

}  // namespace carewatch::plugins::independent_monitoring
