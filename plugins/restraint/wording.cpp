#include "wording.hpp"

namespace carewatch::plugins::restraint {

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

std::string hours_text(std::chrono::hours h) {
  return std::to_string(h.count()) + " h";
}

std::string days_text(int days) {
  return std::to_string(days) + (days == 1 ? " day" : " days");
}

std::string subject_phrase(const sdk::Record& record, std::string_view child) {
  const std::string noun = record.kind() == "measure" ? "Measure " : "Restraint ";
  return noun + record.id() + " for child " + std::string(child);
}

}  // namespace carewatch::plugins::restraint
