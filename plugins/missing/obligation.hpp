#pragma once
// Obligation: one thing that must be done by a deadline, made of parts that each close when a record
// shows them done. It decides, as of the audit time T, whether a finding is due and when the engine must
// look again, so every deadline rule of the plugin behaves the same way:
// - at T == deadline nothing is overdue; one second later it is;
// - a part counts as done only if its own time (rhi_completed_at, reported_to_police_at,
//   placing_authority_notified_at) is at or before T; a part done after the deadline still closes it
//   (the escalation resolves), since the escalation's purpose is to get the thing done, and the late
//   record stays in the store.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <carewatch/sdk/checker.hpp>
#include <carewatch/sdk/time.hpp>

namespace carewatch::plugins::missing {

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

// A finding of `rule` about child `child` of home `home`: evidence with the triggering record first, the
// deadline and a one-sentence summary.
sdk::Finding child_finding(std::string_view rule, std::string_view home, std::string_view child,
                           std::vector<std::string> evidence, sdk::TimePoint due, std::string summary);

}  // namespace carewatch::plugins::missing
