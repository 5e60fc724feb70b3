#pragma once
// The phrases findings are written from. Summaries carry record ids, recommendation refs, months, dates
// and deadlines only, never names or text copied from a record.

#include <string>
#include <vector>

#include <carewatch/sdk/time.hpp>

namespace carewatch::plugins::independent_monitoring {

// "A", "A and B", "A, B and C".
std::string join_and(const std::vector<std::string>& parts);

// "(due 2025-03-31T23:00:00Z)".
std::string due_clause(sdk::TimePoint due);

// The Europe/London calendar month containing `t`, as "2025-03".
std::string month_label(sdk::TimePoint t);

// The Europe/London date of `t`, as "2025-03-14".
std::string local_date_label(sdk::TimePoint t);

// "1st", "2nd", "3rd", "28th".
std::string ordinal(int n);

}  // namespace carewatch::plugins::independent_monitoring
