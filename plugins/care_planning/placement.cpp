#include "placement.hpp"

namespace carewatch::plugins::care_planning {

std::optional<Placement> Placement::of(const sdk::Timeline& timeline) {
  const sdk::Record* record = timeline.reference();
  if (!record) return std::nullopt;
  const auto admitted = record->ts("admitted_at");
  if (!admitted) return std::nullopt;
  Placement p(*record);
  p.admitted_at_ = *admitted;
  p.left_at_ = record->ts("left_at");
  p.looked_after_since_ = record->date("looked_after_since");
  p.intended_until_18_ = record->flag("intended_until_18");
  p.communication_ = std::string(record->str("communication").value_or(""));
  p.has_advocate_ = !blank(*record, "advocate");
  return p;
}

bool blank(const sdk::Record& record, std::string_view field) {
  const sdk::Value* v = record.field(field);
  if (!v) return true;
  if (!v->is_string()) return false;
  return v->as_string().find_first_not_of(" \t\r\n") == std::string::npos;
}

}  // namespace carewatch::plugins::care_planning
