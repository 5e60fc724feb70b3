#include "restraint_record.hpp"

#include <algorithm>

namespace carewatch::plugins::restraint {

bool answered(const sdk::Record& record, std::string_view field) {
  const sdk::Value* v = record.field(field);
  if (!v) return false;
  if (v->is_string())
    return std::any_of(v->as_string().begin(), v->as_string().end(),
                       [](char c) { return c != ' ' && c != '\t' && c != '\n' && c != '\r'; });
  return true;
}

std::vector<std::string> missing_content(const sdk::Record& restraint) {
  std::vector<std::string> out;
  if (!answered(restraint, "behaviour")) out.emplace_back("behaviour");
  // Reg 35(3)(a)(iii) asks for the location; the v1 format has no such field, so the technique answers
  // it, and a `location` field (kept as an unknown field) does too.
  if (!answered(restraint, "technique") && !answered(restraint, "location")) out.emplace_back("technique");
  if (!answered(restraint, "ended_at")) out.emplace_back("ended_at");
  for (const char* field : {"alternatives_tried", "used_by", "others_present", "effectiveness", "injuries"})
    if (!answered(restraint, field)) out.emplace_back(field);
  return out;
}

bool ehcp_exempt(const sdk::Record& restraint) {
  return restraint.flag("ehcp_planned") && answered(restraint, "ehcp_reference");
}

std::optional<sdk::TimePoint> answered_at(const sdk::Record& record, std::string_view field) {
  if (!answered(record, field)) return std::nullopt;
  if (auto t = record.ts(field)) return t;
  return record.recorded_at();
}

}  // namespace carewatch::plugins::restraint
