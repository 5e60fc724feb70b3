#include "wording.hpp"

namespace carewatch::plugins::complaints {

std::string join_and(const std::vector<std::string>& parts) {
  std::string out;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (i > 0) out += i + 1 == parts.size() ? " and " : ", ";
    out += parts[i];
  }
  return out;
}

std::string days_text(int days) {
  return std::to_string(days) + (days == 1 ? " day" : " days");
}

std::string within_practice_target(int days, sdk::TimePoint due) {
  return "within the practice target of " + days_text(days) + " (not a statutory deadline; due " +
         sdk::format_timestamp(due) + ")";
}

}  // namespace carewatch::plugins::complaints
