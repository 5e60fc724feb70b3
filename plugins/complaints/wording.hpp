#pragma once
// The phrases findings are written from. Summaries carry record ids, field names and times only, never
// names or text copied from a record.

#include <string>
#include <vector>

#include <carewatch/sdk/time.hpp>

namespace carewatch::plugins::complaints {

// "A", "A and B", "A, B and C".
std::string join_and(const std::vector<std::string>& parts);

// "5 days" / "1 day".
std::string days_text(int days);

// The deadline clause for a practice target, e.g. "within the practice target of 28 days (not a
// statutory deadline; due 2025-03-02T10:00:00Z)".
std::string within_practice_target(int days, sdk::TimePoint due);

}  // namespace carewatch::plugins::complaints
