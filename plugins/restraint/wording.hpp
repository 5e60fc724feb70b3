#pragma once
// The phrases findings are written from. Summaries carry record ids, field names, enumeration values
// and deadlines only, never names or text copied from a record.

#include <chrono>
#include <string>
#include <vector>

#include <carewatch/sdk/record.hpp>
#include <carewatch/sdk/time.hpp>

namespace carewatch::plugins::restraint {

// "A", "A and B", "A, B and C".
std::string join_and(const std::vector<std::string>& parts);

// "(due 2025-03-02T10:00:00Z)".
std::string due_clause(sdk::TimePoint due);

// "24 h"; "5 days" / "1 day".
std::string hours_text(std::chrono::hours h);
std::string days_text(int days);

// How a summary opens on a restraint or measure: "Restraint R-1 for child C-1", "Measure M-1 for child C-1".
std::string subject_phrase(const sdk::Record& record, std::string_view child);

}  // namespace carewatch::plugins::restraint
