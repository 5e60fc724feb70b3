#pragma once
// Reading a restraint record the way reg 35 does: which items count as answered, which are missing,
// and when the EHC-plan exemption of reg 35(4) applies.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <carewatch/sdk/record.hpp>

namespace carewatch::plugins::restraint {

// Whether `field` is answered: a string that is not blank, a list (an empty list says "nobody"), or
// any other present value. "none" is an answer; an absent, null or blank field is not.
bool answered(const sdk::Record& record, std::string_view field);

// The reg 35(3)(a) items missing from a restraint record, by field name, in RULES.md order:
// behaviour, technique (a `location` field answers it too), ended_at, alternatives_tried, used_by,
// others_present, effectiveness, injuries. started_at is required by the format, so never missing.
std::vector<std::string> missing_content(const sdk::Record& restraint);

// Reg 35(4): reg 35(3) does not apply to restraint planned in the child's EHC plan. The exemption is
// taken only when the record names the plan (`ehcp_planned` true with an `ehcp_reference`).
bool ehcp_exempt(const sdk::Record& restraint);

// The time an answered item took effect: a timestamp field's own time; for other fields the time the
// current revision was recorded (at or before T by as-of selection); nullopt when not answered.
std::optional<sdk::TimePoint> answered_at(const sdk::Record& record, std::string_view field);

}  // namespace carewatch::plugins::restraint
