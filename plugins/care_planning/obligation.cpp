#include "obligation.hpp"

#include <utility>

namespace carewatch::plugins::care_planning {

void Obligation::require(std::string part, std::optional<sdk::TimePoint> done_at) {
  parts_.push_back({std::move(part), done_at});
}

std::vector<std::string> Obligation::outstanding(sdk::TimePoint as_of) const {
  std::vector<std::string> out;
  for (const Part& p : parts_)
    if (!p.done_at || *p.done_at > as_of) out.push_back(p.name);
  return out;
}

Obligation::State Obligation::state(sdk::TimePoint as_of) const {
  if (outstanding(as_of).empty()) return State::met;
  return as_of <= deadline_ ? State::pending : State::overdue;
}

void Obligation::schedule(sdk::TimePoint as_of, sdk::Sink& sink) const {
  const State s = state(as_of);
  if (s == State::met) return;
  if (s == State::pending) sink.look_again_at(deadline_ + sdk::Seconds{1});
  for (const Part& p : parts_)
    if (p.done_at && *p.done_at > as_of) sink.look_again_at(*p.done_at);
}

}  // namespace carewatch::plugins::care_planning
