#include "obligation.hpp"

#include <utility>

namespace carewatch::plugins::workforce {

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
  if (lapsed(as_of) || outstanding(as_of).empty()) return State::met;
  return as_of <= deadline_ ? State::pending : State::overdue;
}

void Obligation::schedule(sdk::TimePoint as_of, sdk::Sink& sink) const {
  const State s = state(as_of);
  if (s == State::met) return;
  if (s == State::pending) sink.look_again_at(deadline_ + sdk::Seconds{1});
  for (const Part& p : parts_)
    if (p.done_at && *p.done_at > as_of) sink.look_again_at(*p.done_at);
  if (lapses_at_ && *lapses_at_ > as_of) sink.look_again_at(*lapses_at_);
}

}  // namespace carewatch::plugins::workforce

namespace carewatch::plugins::workforce {

sdk::Finding overdue_finding(std::string_view rule, std::string_view home, std::string_view child,
                             std::string_view staff, std::vector<std::string> evidence, sdk::TimePoint due,
                             std::string summary) {
  sdk::Finding f;
  f.rule = std::string(rule);
  f.home = std::string(home);
  f.child = std::string(child);
  f.staff = std::string(staff);
  f.evidence = std::move(evidence);
  f.due_at = due;
  f.summary = std::move(summary);
  return f;
}

}  // namespace carewatch::plugins::workforce
