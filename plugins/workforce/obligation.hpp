#pragma once
// Obligation: one thing that must be done by a deadline, made of parts that each close when a record
// shows them done. It decides, as of the audit time T, whether a finding is due and when the engine must
// look again, so every rule of the plugin treats deadlines the same way:
// - at T == deadline nothing is overdue; one second later it is;
// - a part counts as done only if its closing record's own time (held_at, ofsted_notified_at, ...) is at
//   or before T; a part done after the deadline still closes it (the escalation resolves), since the
//   escalation's purpose is to get the thing done, and the late record stays in the store as evidence.
// (Copied from serious_events: plugins include only the SDK, so small shared pieces are copied.)

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <carewatch/sdk/checker.hpp>
#include <carewatch/sdk/time.hpp>

namespace carewatch::plugins::workforce {

class Obligation {
 public:
  enum class State { met, pending, overdue };

  explicit Obligation(sdk::TimePoint deadline) : deadline_(deadline) {}

  // A part named `part` (a phrase for the summary), done at `done_at`; nullopt: no record shows it done.
  void require(std::string part, std::optional<sdk::TimePoint> done_at);
  // The whole obligation falls away at `at` (e.g. the staff member leaves).
  void lapse_at(std::optional<sdk::TimePoint> at) { lapses_at_ = at; }

  sdk::TimePoint deadline() const noexcept { return deadline_; }
  // The parts not done as of `as_of`, in the order they were required.
  std::vector<std::string> outstanding(sdk::TimePoint as_of) const;
  State state(sdk::TimePoint as_of) const;
  // Asks `sink` to look again wherever time alone can change the state: one second after the deadline
  // while it is pending, and when a closing record already on file but dated after T takes effect.
  void schedule(sdk::TimePoint as_of, sdk::Sink& sink) const;

 private:
  struct Part {
    std::string name;
    std::optional<sdk::TimePoint> done_at;
  };
  bool lapsed(sdk::TimePoint as_of) const noexcept { return lapses_at_ && *lapses_at_ <= as_of; }

  sdk::TimePoint deadline_;
  std::vector<Part> parts_;
  std::optional<sdk::TimePoint> lapses_at_;
};

}  // namespace carewatch::plugins::workforce

namespace carewatch::plugins::workforce {

// The finding for an overdue obligation: subject ids (empty where not applicable), evidence with the
// triggering record first, the missed deadline and a one-sentence summary.
sdk::Finding overdue_finding(std::string_view rule, std::string_view home, std::string_view child,
                             std::string_view staff, std::vector<std::string> evidence, sdk::TimePoint due,
                             std::string summary);

}  // namespace carewatch::plugins::workforce
