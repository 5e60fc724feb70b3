#pragma once
// The phrases findings are written from. Summaries carry record ids, recipient roles and deadlines only,
// never names or text copied from a record.

#include <chrono>
#include <string>
#include <string_view>
#include <vector>

#include <carewatch/sdk/time.hpp>

namespace carewatch::plugins::serious_events {

// A notification recipient as a summary names it: "Ofsted", "the placing authority", "the ICB", ...
std::string recipient_label(std::string_view recipient);

// "A", "A and B", "A, B and C".
std::string join_and(const std::vector<std::string>& parts);

// The deadline clause for "without delay", which has no number in law, e.g. "without delay (practice
// target of 24 h, not a statutory deadline; due 2025-03-02T10:00:00Z)".
std::string without_delay(std::chrono::hours target, sdk::TimePoint due);

// The deadline clause for any other practice target, e.g. "within the practice target of 24 h (not a
// statutory deadline; due 2025-03-02T10:00:00Z)".
std::string within_practice_target(std::chrono::hours target, sdk::TimePoint due);

// "(due 2025-03-02T10:00:00Z)".
std::string due_clause(sdk::TimePoint due);

}  // namespace carewatch::plugins::serious_events
