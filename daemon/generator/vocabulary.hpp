#pragma once
// The closed vocabulary of every free-text field the generator writes. Text is synthetic and neutral,
// with no names and nothing that looks like a real record; tests check that nothing outside these
// lists ever appears in a free-text field. Every entry is shorter than 30 words, so template reuse
// never looks like copy-and-paste to the record-integrity rules.

#include <span>
#include <string_view>
#include <vector>

namespace carewatch::generator::vocabulary {

std::span<const std::string_view> log_morning();
std::span<const std::string_view> log_day();
std::span<const std::string_view> log_night();
std::span<const std::string_view> log_restraint();
std::span<const std::string_view> log_injury();
std::span<const std::string_view> log_missing();
std::span<const std::string_view> incident_distress();
std::span<const std::string_view> incident_property_damage();
std::span<const std::string_view> incident_injury();
std::span<const std::string_view> incident_assault();
std::span<const std::string_view> incident_self_harm();
std::span<const std::string_view> incident_police();
std::span<const std::string_view> incident_alleged_offence();
std::span<const std::string_view> incident_serious_injury();
std::span<const std::string_view> incident_serious_illness();
std::span<const std::string_view> incident_serious_accident();
std::span<const std::string_view> incident_sexual_exploitation();
std::span<const std::string_view> incident_missing();
std::span<const std::string_view> incident_other();
std::span<const std::string_view> body_site();
std::span<const std::string_view> injury_explanation();
std::span<const std::string_view> restraint_technique();
std::span<const std::string_view> restraint_behaviour();
std::span<const std::string_view> restraint_alternatives();
std::span<const std::string_view> restraint_effectiveness();
std::span<const std::string_view> restraint_injuries();
std::span<const std::string_view> restraint_medical();
std::span<const std::string_view> child_views();
std::span<const std::string_view> measure_description();
std::span<const std::string_view> medication_reason();
std::span<const std::string_view> medicine();
std::span<const std::string_view> complaint_theme();
std::span<const std::string_view> complaint_outcome();
std::span<const std::string_view> complaint_actions();
std::span<const std::string_view> concern_summary();
std::span<const std::string_view> allegation_outcome();
std::span<const std::string_view> cp_outcome();
std::span<const std::string_view> visit_request_channel();
std::span<const std::string_view> seen_alone_exception();

// Every entry of every list above.
std::vector<std::string_view> all();

}  // namespace carewatch::generator::vocabulary
