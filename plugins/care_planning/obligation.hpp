#pragma once
// Obligation: a duty that must be discharged by a deadline, made of parts that each close when a record
// shows them done (CHILD-VISIT-REQUEST, CHR-7-ADVOCACY). As of the audit time T:
// - at T == deadline nothing is overdue; one second later it is;
// - a part counts as done only if its time is at or before T; a part done after the deadline still
//   discharges the duty (the escalation resolves), since its purpose is to get the child seen or heard,
//   and the late record stays in the store for audits as of an earlier date.
// Intervals that the regulations fix (visits, reviews) are judged by Gap instead.

#include <optional>
#include <string>
#include <vector>

#include <carewatch/sdk/checker.hpp>
#include <carewatch/sdk/time.hpp>

namespace carewatch::plugins::care_planning {

class Obligation {
 public:
  enum class State { met, pending, overdue };

  explicit Obligation(sdk::TimePoint deadline) : deadline_(deadline) {}

  // A part named `part` (a phrase for the summary), done at `done_at`; nullopt: no record shows it done.
  void require(std::string part, std::optional<sdk::TimePoint> done_at);

  sdk::TimePoint deadline() const noexcept { return deadline_; }
  // The parts not done as of `as_of`, in the order they were required.
  std::vector<std::string> outstanding(sdk::TimePoint as_of) const;
  State state(sdk::TimePoint as_of) const;
  // Asks `sink` to look again wherever time alone can change the state: one second after the deadline
  // while it is pending, and when a part already on record but dated after T takes effect.
  void schedule(sdk::TimePoint as_of, sdk::Sink& sink) const;

 private:
  struct Part {
    std::string name;
    std::optional<sdk::TimePoint> done_at;
  };

  sdk::TimePoint deadline_;
  std::vector<Part> parts_;
};

}  // namespace carewatch::plugins::care_planning
