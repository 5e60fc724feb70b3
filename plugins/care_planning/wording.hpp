#pragma once
// The phrases findings are written from. Summaries carry record ids, roles, field names and deadlines
// only, never names or text copied from a record.

#include <string>
#include <string_view>

#include <carewatch/sdk/time.hpp>

namespace carewatch::plugins::care_planning {

// "(due 2025-03-02T10:00:00Z)".
std::string due_clause(sdk::TimePoint due);

// A count with its unit, singular or plural: "1 working day", "6 weeks", "3 months".
std::string quantity(int n, std::string_view unit);

// Who a child asked to see, or who visited, as a summary names them: "the social worker", "the IRO",
// "an advocate", "family", "someone else".
std::string role_label(std::string_view role);

}  // namespace carewatch::plugins::care_planning
