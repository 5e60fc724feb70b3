#include "gap.hpp"

namespace carewatch::plugins::care_planning {

Gap::State Gap::state(sdk::TimePoint as_of, const Placement& placement) const noexcept {
  if (!placement.placed_at(deadline_)) return State::met;
  if (closed_by_) return closed_at_ > deadline_ ? State::overdue : State::met;
  return as_of > deadline_ ? State::overdue : State::pending;
}

void Gap::schedule(sdk::TimePoint as_of, const Placement& placement, sdk::Sink& sink) const {
  if (state(as_of, placement) == State::pending) sink.look_again_at(deadline_ + sdk::Seconds{1});
}

}  // namespace carewatch::plugins::care_planning
