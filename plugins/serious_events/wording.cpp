#include "wording.hpp"

namespace carewatch::plugins::serious_events {

std::string recipient_label(std::string_view recipient) {
  if (recipient == "ofsted") return "Ofsted";
  if (recipient == "placing_authority") return "the placing authority";
  if (recipient == "host_authority") return "the host authority";
  if (recipient == "icb") return "the ICB";
  if (recipient == "lado") return "the LADO";
  return std::string(recipient);
}

std::string join_and(const std::vector<std::string>& parts) {
  std::string out;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (i > 0) out += i + 1 == parts.size() ? " and " : ", ";
    out += parts[i];
  }
  return out;
}

std::string without_delay(std::chrono::hours target, sdk::TimePoint due) {
  return "without delay (practice target of " + std::to_string(target.count()) +
         " h, not a statutory deadline; due " + sdk::format_timestamp(due) + ")";
}

std::string within_practice_target(std::chrono::hours target, sdk::TimePoint due) {
  return "within the practice target of " + std::to_string(target.count()) +
         " h (not a statutory deadline; due " + sdk::format_timestamp(due) + ")";
}

std::string due_clause(sdk::TimePoint due) {
  return "(due " + sdk::format_timestamp(due) + ")";
}

}  // namespace carewatch::plugins::serious_events
