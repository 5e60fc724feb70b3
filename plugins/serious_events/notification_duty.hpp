#pragma once
// NotificationDuty: a duty under reg 40 to notify a set of recipients about one record "without delay".
// enforce() evaluates it as of T through an Obligation (one part per recipient) and either asks the
// engine to look again or emits the finding.

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <carewatch/sdk/checker.hpp>

#include "notification_index.hpp"

namespace carewatch::plugins::serious_events {

struct NotificationDuty {
  std::string_view rule;
  std::string about;    // the id the notifications must name in `about`
  std::string trigger;  // the finding's first evidence item: `about`, or a stage of it ("CE-1#outcome")
  std::string child;    // subject ids for the finding; empty where the record names none
  std::string staff;
  std::vector<std::string_view> recipients;  // RECORDS.md recipient values, in the order to report them
  sdk::TimePoint deadline;
  std::chrono::hours target;                // the practice target the deadline was computed with
  NotificationIndex::Accept accept;         // which notifications count; all to the recipient when empty
  std::optional<sdk::TimePoint> lapses_at;  // the duty falls away then (a recorded not_serious decision)
  std::string what;                         // the summary's subject, e.g. "Death incident I-1 for child C-1"
};

// Applies `duty` as of the context's audit time: emits a finding once it is overdue, with the
// notifications found so far as evidence after the trigger, otherwise schedules a look again.
void enforce(const NotificationDuty& duty, const NotificationIndex& index, std::string_view home,
             const sdk::Context& context, sdk::Sink& sink);

}  // namespace carewatch::plugins::serious_events
