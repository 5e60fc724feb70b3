#include "wording.hpp"

#include <carewatch/sdk/calendar.hpp>

namespace carewatch::plugins::independent_monitoring {

std::string join_and(const std::vector<std::string>& parts) {
  std::string out;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (i > 0) out += i + 1 == parts.size() ? " and " : ", ";
    out += parts[i];
  }
  return out;
}

std::string due_clause(sdk::TimePoint due) {
  return "(due " + sdk::format_timestamp(due) + ")";
}

std::string month_label(sdk::TimePoint t) {
  return local_date_label(t).substr(0, 7);
}

std::string local_date_label(sdk::TimePoint t) {
  return sdk::format_date(sdk::Calendar::local_date(t));
}

std::string ordinal(int n) {
  const int tens = n % 100;
  const char* suffix = "th";
  if (tens < 11 || tens > 13) {
    if (n % 10 == 1) suffix = "st";
    if (n % 10 == 2) suffix = "nd";
    if (n % 10 == 3) suffix = "rd";
  }
  return std::to_string(n) + suffix;
}

}  // namespace carewatch::plugins::independent_monitoring
