#pragma once
// Gap: one interval the regulations limit — from the start of a placement, a visit or a review to the
// next one (CPPCR-28-FIRST-VISIT, CPPCR-28-VISIT, CPPCR-33-REVIEW). As of the audit time T:
// - a closed gap (the next event is on record, dated at or before T) breaches its limit when the event
//   came after the deadline. That stays a breach: a later visit cannot undo a missed statutory interval,
//   so the finding remains (closed by acknowledging the escalation) with the late event as evidence;
// - an open gap (nothing since, as of T) breaches once T is past the deadline: at T == deadline nothing,
//   one second later the finding; while it lies ahead the engine is asked to look again then;
// - a gap whose deadline falls at or after the child left is not a breach (Placement::placed_at).
// The record that opened the gap is the finding's trigger, so an open breach and the same gap once
// closed late are one escalation.

#include <optional>

#include <carewatch/sdk/checker.hpp>
#include <carewatch/sdk/record.hpp>

#include "placement.hpp"

namespace carewatch::plugins::care_planning {

class Gap {
 public:
  enum class State { met, pending, overdue };

  // A gap opened by `opened_by` (the placement, a visit or a review) whose next event was due by
  // `deadline`.
  Gap(const sdk::Record& opened_by, sdk::TimePoint deadline) : opened_by_(&opened_by), deadline_(deadline) {}

  // The event that ended the gap, at `at` (at or before T).
  void close(const sdk::Record& closed_by, sdk::TimePoint at) {
    closed_by_ = &closed_by;
    closed_at_ = at;
  }

  const sdk::Record& opened_by() const noexcept { return *opened_by_; }
  sdk::TimePoint deadline() const noexcept { return deadline_; }
  const sdk::Record* closed_by() const noexcept { return closed_by_; }
  sdk::TimePoint closed_at() const noexcept { return closed_at_; }

  State state(sdk::TimePoint as_of, const Placement& placement) const noexcept;
  // While the gap is pending, asks `sink` to look again one second after the deadline.
  void schedule(sdk::TimePoint as_of, const Placement& placement, sdk::Sink& sink) const;

 private:
  const sdk::Record* opened_by_;
  sdk::TimePoint deadline_;
  const sdk::Record* closed_by_ = nullptr;
  sdk::TimePoint closed_at_{};
};

}  // namespace carewatch::plugins::care_planning
