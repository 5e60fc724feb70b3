#include "wording.hpp"

namespace carewatch::plugins::care_planning {

std::string due_clause(sdk::TimePoint due) {
  return "(due " + sdk::format_timestamp(due) + ")";
}

std::string quantity(int n, std::string_view unit) {
  return std::to_string(n) + " " + std::string(unit) + (n == 1 ? "" : "s");
}

std::string role_label(std::string_view role) {
  if (role == "social_worker") return "the social worker";
  if (role == "iro") return "the IRO";
  if (role == "advocate") return "an advocate";
  if (role == "family") return "family";
  if (role == "independent_visitor") return "an independent visitor";
  if (role == "other") return "someone else";
  return std::string(role);
}

}  // namespace carewatch::plugins::care_planning
