#pragma once
// The phrases findings are written from. Summaries carry record ids, dates and deadlines only, never
// names or text copied from a record.

#include <string>
#include <vector>

#include <carewatch/sdk/time.hpp>

namespace carewatch::plugins::workforce {

// "A", "A and B", "A, B and C".
std::string join_and(const std::vector<std::string>& parts);

// "(due 2025-03-02T10:00:00Z)".
std::string due_clause(sdk::TimePoint due);

// "1 day", "42 days"; likewise for months.
std::string days_phrase(int n);
std::string months_phrase(int n);

}  // namespace carewatch::plugins::workforce
