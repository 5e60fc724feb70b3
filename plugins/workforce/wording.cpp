#include "wording.hpp"

namespace carewatch::plugins::workforce {

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

std::string days_phrase(int n) {
  return std::to_string(n) + (n == 1 ? " day" : " days");
}

std::string months_phrase(int n) {
  return std::to_string(n) + (n == 1 ? " month" : " months");
}

}  // namespace carewatch::plugins::workforce
