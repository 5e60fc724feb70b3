#pragma once
// The care-records interchange format, version 1 (RECORDS.md), as one machine-readable table. The
// importer validates against it, the SDK's typed accessors and subject index follow it, and the format
// reference in the docs is generated from it. Change the format here and nowhere else.

#include <array>
#include <cctype>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include <carewatch/sdk/time.hpp>
#include <carewatch/sdk/value.hpp>

namespace carewatch::sdk::schema {

inline constexpr int kFormatVersion = 1;

enum class Type { timestamp, date, string, integer, number, boolean, string_list, enumeration, enum_list, object_list };

// Which subject a field points at: records are indexed by these so that a child's, a staff member's
// or a home's timeline can be loaded without scanning the store.
enum class Link { none, child, staff };

struct Field {
  std::string_view name;
  Type type;
  bool required = false;
  std::span<const std::string_view> values = {};  // enumeration / enum_list
  Link link = Link::none;
  std::span<const Field> members = {};  // object_list
  std::string_view doc = {};
};

struct Kind {
  std::string_view name;
  std::string_view group;
  std::string_view doc;
  std::span<const Field> fields;
  // The field that says when the thing happened; the timeline is ordered by it (recorded_at if empty).
  std::string_view event_time = {};
  // Reference kinds (home, authority) are not themselves inside a home.
  bool home_required = true;
  // The subject this record *is* (a child placement, a staff member), if any.
  Link is_subject = Link::none;
  // Used when `event_time` is absent (a PRN dose has no scheduled time, an omitted one no
  // administration time).
  std::string_view event_time_fallback = {};
};

namespace detail {
using SV = std::string_view;
inline constexpr SV kStaffRole[] = {"care_worker", "senior", "registered_manager", "responsible_individual", "other"};
inline constexpr SV kEmployment[] = {"permanent", "agency", "bank"};
inline constexpr SV kCommunication[] = {"verbal", "limited", "non_verbal"};
inline constexpr SV kIncidentCategory[] = {
    "death", "sexual_exploitation", "police", "allegation", "cp_enquiry", "missing", "serious_injury",
    "serious_illness", "serious_accident", "assault", "self_harm", "alleged_offence", "injury",
    "distress", "property_damage", "other"};
inline constexpr SV kSeriousness[] = {"serious", "not_serious"};
inline constexpr SV kRestraintPurpose[] = {"prevent_injury", "prevent_property_damage", "prevent_absconding"};
inline constexpr SV kMeasureType[] = {
    "loss_of_privilege", "reparation", "fine", "restricted_contact", "withheld_food",
    "withheld_medication", "sleep_deprivation", "distinctive_clothing", "corporal", "intimate_search",
    "withheld_aids", "group_punishment", "imposed_by_child", "other"};
inline constexpr SV kDoseStatus[] = {"given", "refused", "omitted"};
inline constexpr SV kLimbs[] = {"harmed", "offence", "risk", "unsuitable"};
inline constexpr SV kRecipient[] = {"ofsted", "placing_authority", "host_authority", "lado",
                                    "police", "icb", "secretary_of_state", "parent"};
inline constexpr SV kStage[] = {"initial", "update", "outcome"};
inline constexpr SV kComplainant[] = {"child", "family", "staff", "advocate", "other"};
inline constexpr SV kConcernSource[] = {"family", "staff", "whistleblower", "school", "health", "police", "other"};
inline constexpr SV kVisitorRole[] = {"social_worker", "iro", "advocate", "family", "independent_visitor",
                                      "health", "education", "ofsted", "other"};
inline constexpr SV kRequestedTo[] = {"social_worker", "advocate", "iro", "family", "other"};
inline constexpr SV kParticipation[] = {"attended", "via_advocate", "written", "none"};
inline constexpr SV kOpinion[] = {"yes", "no", "qualified"};
inline constexpr SV kDecision[] = {"accepted", "rejected"};
inline constexpr SV kConsulted[] = {"children", "parents", "placing_authorities", "staff"};

using T = Type;
inline constexpr Field kChild{"child", T::string, true, {}, Link::child};
inline constexpr Field kChildOptional{"child", T::string, false, {}, Link::child};

inline constexpr Field kAuthority[] = {{"name", T::string}};
inline constexpr Field kHome[] = {
    {"name", T::string}, {"urn", T::string}, {"host_authority", T::string, true},
    {"secure", T::boolean}, {"registered_manager", T::string}, {"responsible_individual", T::string},
    {"provider", T::string}};
inline constexpr Field kStaff[] = {
    {"role", T::enumeration, true, kStaffRole}, {"employment", T::enumeration, true, kEmployment},
    {"care_role", T::boolean, true}, {"started_at", T::date, true}, {"first_shift_at", T::timestamp},
    {"identity_verified_at", T::timestamp}, {"dbs_cleared_at", T::timestamp},
    {"references_received", T::integer}, {"employment_history_checked", T::boolean},
    {"l3_achieved_at", T::date}, {"l3_deferred", T::boolean}, {"restraint_training_expires", T::date},
    {"left_at", T::date}};
inline constexpr Field kChildKind[] = {
    {"date_of_birth", T::date, true}, {"placing_authority", T::string, true},
    {"admitted_at", T::timestamp, true}, {"left_at", T::timestamp}, {"looked_after_since", T::date},
    {"intended_until_18", T::boolean}, {"communication", T::enumeration, true, kCommunication},
    {"disability", T::boolean}, {"ehcp", T::boolean}, {"advocate", T::string},
    {"social_worker", T::string}, {"iro", T::string}, {"distance_from_home_km", T::number}};
inline constexpr Field kCarePlan[] = {
    kChild, {"effective_from", T::date, true}, {"family_contact_per_month", T::integer},
    {"requires_advocate", T::boolean}, {"communication_plan", T::boolean}};
inline constexpr Field kShift[] = {
    {"staff", T::string, true, {}, Link::staff}, {"start", T::timestamp, true}, {"end", T::timestamp, true}};
inline constexpr Field kDailyLog[] = {
    kChild, {"occurred_at", T::timestamp, true}, {"author", T::string, true}, {"text", T::string, true},
    {"signed_at", T::timestamp}};
inline constexpr Field kIncident[] = {
    kChild, {"occurred_at", T::timestamp, true}, {"categories", T::enum_list, true, kIncidentCategory},
    {"description", T::string}, {"staff_involved", T::string_list, false, {}, Link::staff},
    {"police_involved", T::boolean}, {"injury_to_child", T::boolean},
    {"seriousness", T::enumeration, false, kSeriousness}, {"seriousness_decided_at", T::timestamp},
    {"seriousness_decided_by", T::string}};
inline constexpr Field kInjury[] = {
    kChild, {"observed_at", T::timestamp, true}, {"body_site", T::string}, {"explanation", T::string},
    {"linked_record", T::string}};
inline constexpr Field kRestraint[] = {
    kChild, {"started_at", T::timestamp, true}, {"ended_at", T::timestamp},
    {"purpose", T::enumeration, false, kRestraintPurpose}, {"technique", T::string},
    {"used_by", T::string, false, {}, Link::staff}, {"others_present", T::string_list},
    {"behaviour", T::string}, {"alternatives_tried", T::string}, {"effectiveness", T::string},
    {"injuries", T::string}, {"medical_treatment", T::string}, {"ehcp_planned", T::boolean},
    {"ehcp_reference", T::string}, {"reviewed_by", T::string}, {"user_spoken_to_at", T::timestamp},
    {"reviewer_signed_at", T::timestamp}, {"child_spoken_to_at", T::timestamp},
    {"child_spoken_to_by", T::string}, {"child_views", T::string}};
inline constexpr Field kMeasure[] = {
    kChild, {"applied_at", T::timestamp, true}, {"type", T::enumeration, true, kMeasureType},
    {"applied_by", T::string, false, {}, Link::staff}, {"description", T::string}};
inline constexpr Field kMedication[] = {
    kChild, {"medicine", T::string, true}, {"scheduled_at", T::timestamp}, {"administered_at", T::timestamp},
    {"status", T::enumeration, true, kDoseStatus}, {"prn", T::boolean}, {"psychotropic", T::boolean},
    {"administered_by", T::string, false, {}, Link::staff}, {"reason", T::string}};
inline constexpr Field kMissing[] = {
    kChild, {"missing_from", T::timestamp, true}, {"reported_to_police_at", T::timestamp},
    {"placing_authority_notified_at", T::timestamp}, {"returned_at", T::timestamp},
    {"rhi_offered_at", T::timestamp}, {"rhi_completed_at", T::timestamp}, {"rhi_independent", T::boolean},
    {"rhi_declined", T::boolean}};
inline constexpr Field kAllegation[] = {
    {"received_at", T::timestamp, true}, kChildOptional,
    {"against_staff", T::string, false, {}, Link::staff}, {"against_home", T::boolean},
    {"limbs", T::enum_list, false, kLimbs}, {"lado_referred_at", T::timestamp},
    {"placing_authority_referred_at", T::timestamp}, {"host_authority_referred_at", T::timestamp},
    {"outcome", T::string}, {"outcome_at", T::timestamp}};
inline constexpr Field kCpEnquiry[] = {
    {"started_at", T::timestamp, true}, kChildOptional, {"staff", T::string, false, {}, Link::staff},
    {"outcome", T::string}, {"outcome_at", T::timestamp}};
inline constexpr Field kNotification[] = {
    {"about", T::string, true}, {"recipient", T::enumeration, true, kRecipient},
    {"sent_at", T::timestamp, true}, {"stage", T::enumeration, false, kStage}, {"reference", T::string}};
inline constexpr Field kComplaint[] = {
    {"received_at", T::timestamp, true}, {"complainant", T::enumeration, true, kComplainant}, kChildOptional,
    {"about_staff", T::string_list, false, {}, Link::staff}, {"handled_by", T::string}, {"theme", T::string},
    {"outcome", T::string}, {"actions", T::string}, {"closed_at", T::timestamp}};
inline constexpr Field kConcern[] = {
    {"raised_at", T::timestamp, true}, {"source", T::enumeration, true, kConcernSource}, kChildOptional,
    {"about_staff", T::string, false, {}, Link::staff}, {"summary", T::string}, {"responded_at", T::timestamp}};
inline constexpr Field kVisit[] = {
    {"visitor_role", T::enumeration, true, kVisitorRole}, {"visited_at", T::timestamp, true}, kChildOptional,
    {"announced", T::boolean}, {"seen_alone", T::boolean}, {"seen_alone_exception", T::string},
    {"request", T::string}};
inline constexpr Field kVisitRequest[] = {
    kChild, {"requested_at", T::timestamp, true}, {"requested_to", T::enumeration, true, kRequestedTo},
    {"channel", T::string}};
inline constexpr Field kReview[] = {
    kChild, {"held_at", T::timestamp, true}, {"chaired_by", T::string},
    {"child_participation", T::enumeration, false, kParticipation}, {"child_views", T::string},
    {"advocate_offered", T::boolean}, {"iro_spoke_privately", T::boolean}};
inline constexpr Field kRecommendation[] = {
    {"ref", T::string}, {"consider_by", T::date}, {"decision", T::enumeration, false, kDecision},
    {"decided_at", T::timestamp}};
inline constexpr Field kReg44[] = {
    {"visited_at", T::timestamp, true}, {"visitor", T::string}, {"announced", T::boolean},
    {"children_spoken_privately", T::integer}, {"report_received_at", T::timestamp},
    {"opinion_safeguarded", T::enumeration, false, kOpinion}, {"report_sent_ofsted_at", T::timestamp},
    {"report_sent_placing_authorities_at", T::timestamp}, {"report_sent_ri_at", T::timestamp},
    {"recommendations", T::object_list, false, {}, Link::none, kRecommendation}};
inline constexpr Field kReg45[] = {
    {"period_start", T::date, true}, {"period_end", T::date, true}, {"completed_at", T::timestamp},
    {"sent_to_ofsted_at", T::timestamp}, {"consulted", T::enum_list, false, kConsulted}};
inline constexpr Field kSupervision[] = {
    {"staff", T::string, true, {}, Link::staff}, {"held_at", T::timestamp, true}, {"supervisor", T::string}};
inline constexpr Field kAppraisal[] = {{"staff", T::string, true, {}, Link::staff}, {"held_at", T::timestamp, true}};
inline constexpr Field kManagerAbsence[] = {
    {"staff", T::string, true, {}, Link::staff}, {"starts_on", T::date, true}, {"ends_on", T::date},
    {"emergency", T::boolean}, {"ofsted_notified_at", T::timestamp}, {"return_notified_at", T::timestamp}};
}  // namespace detail

inline constexpr Kind kKinds[] = {
    {"authority", "reference", "a local authority", detail::kAuthority, {}, false},
    {"home", "reference", "a children's home", detail::kHome, {}, false},
    {"staff", "reference", "a member of staff", detail::kStaff, {}, true, Link::staff},
    {"child", "reference", "a child's placement in this home", detail::kChildKind, "admitted_at", true, Link::child},
    {"care_plan", "reference", "the child's care plan", detail::kCarePlan, {}, true},
    {"shift", "reference", "an actual roster entry worked", detail::kShift, "start"},
    {"daily_log", "care", "a daily log entry", detail::kDailyLog, "occurred_at"},
    {"incident", "care", "an incident", detail::kIncident, "occurred_at"},
    {"injury", "care", "a body-map entry", detail::kInjury, "observed_at"},
    {"restraint", "care", "a restraint", detail::kRestraint, "started_at"},
    {"measure", "care", "a sanction or consequence", detail::kMeasure, "applied_at"},
    {"medication", "care", "one scheduled or PRN dose", detail::kMedication, "administered_at", true, Link::none,
     "scheduled_at"},
    {"missing_episode", "care", "a missing-from-care episode", detail::kMissing, "missing_from"},
    {"allegation", "safeguarding", "an allegation", detail::kAllegation, "received_at"},
    {"cp_enquiry", "safeguarding", "a child protection enquiry", detail::kCpEnquiry, "started_at"},
    {"notification", "safeguarding", "a notification sent out of the home", detail::kNotification, "sent_at"},
    {"complaint", "safeguarding", "a complaint", detail::kComplaint, "received_at"},
    {"concern", "safeguarding", "a family, staff, whistleblower or partner concern", detail::kConcern, "raised_at"},
    {"visit", "oversight", "someone from outside the home seeing a child or the home", detail::kVisit, "visited_at"},
    {"visit_request", "oversight", "a child asking to see someone", detail::kVisitRequest, "requested_at"},
    {"review", "oversight", "a looked-after child review", detail::kReview, "held_at"},
    {"reg44_visit", "oversight", "the independent person's monthly visit and report", detail::kReg44, "visited_at"},
    {"reg45_review", "oversight", "the registered person's six-monthly review", detail::kReg45, "completed_at"},
    {"supervision", "oversight", "a staff supervision", detail::kSupervision, "held_at"},
    {"appraisal", "oversight", "a staff appraisal", detail::kAppraisal, "held_at"},
    {"manager_absence", "oversight", "an absence of the registered manager", detail::kManagerAbsence, {}},
};

// The envelope every record carries (RECORDS.md "Shape").
inline constexpr Field kEnvelope[] = {
    {"kind", Type::string, true}, {"id", Type::string, true}, {"home", Type::string, false},
    {"recorded_at", Type::timestamp, true}, {"recorded_by", Type::string},
    {"revision", Type::integer}, {"deleted", Type::boolean}};

inline constexpr std::size_t kMaxLineBytes = 1024 * 1024;
inline constexpr std::size_t kMaxIdLength = 128;

inline const Kind* find_kind(std::string_view name) noexcept {
  for (const Kind& k : kKinds)
    if (k.name == name) return &k;
  return nullptr;
}

inline const Field* find_field(const Kind& kind, std::string_view name) noexcept {
  for (const Field& f : kind.fields)
    if (f.name == name) return &f;
  return nullptr;
}

inline std::string_view type_name(Type t) noexcept {
  switch (t) {
    case Type::timestamp: return "timestamp";
    case Type::date: return "date";
    case Type::string: return "string";
    case Type::integer: return "integer";
    case Type::number: return "number";
    case Type::boolean: return "bool";
    case Type::string_list: return "list of strings";
    case Type::enumeration: return "enum";
    case Type::enum_list: return "list of enum";
    case Type::object_list: return "list of objects";
  }
  return "?";
}

// Why one line was rejected: the field (dotted path, e.g. "recommendations[1].decided_at", or "line"
// for the line as a whole) and a reason that never quotes record free text.
struct FieldError {
  std::string field;
  std::string reason;
};

namespace detail {

inline std::string one_of(std::span<const std::string_view> values) {
  std::string out = "expected one of: ";
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (i) out += ", ";
    out += values[i];
  }
  return out;
}

// Length in characters (code points) of UTF-8 text, as RECORDS.md counts an id's length: every byte
// that does not continue a multi-byte sequence starts a character.
inline std::size_t utf8_length(std::string_view s) noexcept {
  std::size_t n = 0;
  for (const char c : s)
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++n;
  return n;
}

inline bool in(std::span<const std::string_view> values, std::string_view v) noexcept {
  for (auto x : values)
    if (x == v) return true;
  return false;
}

// Enumeration values and timestamps come from a closed vocabulary, so quoting a short rejected one
// helps the sender without leaking free text; anything long or unusual is not quoted.
inline std::string quote_token(const std::string& s) {
  if (s.size() > 40) return "a value";
  for (char c : s)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == ':' || c == '.' ||
          c == '+'))
      return "a value";
  return "'" + s + "'";
}

inline std::optional<FieldError> check_field(const Field& f, const Value& v, const std::string& path) {
  switch (f.type) {
    case Type::timestamp:
      if (!v.is_string()) return FieldError{path, "expected a timestamp string"};
      if (!parse_timestamp(v.as_string()))
        return FieldError{path, quote_token(v.as_string()) +
                                    " is not an RFC 3339 timestamp with an explicit offset"};
      return std::nullopt;
    case Type::date:
      if (!v.is_string()) return FieldError{path, "expected a date string"};
      if (!parse_date(v.as_string()))
        return FieldError{path, quote_token(v.as_string()) + " is not a YYYY-MM-DD date"};
      return std::nullopt;
    case Type::string:
      if (!v.is_string()) return FieldError{path, "expected a string"};
      if (f.required && v.as_string().empty()) return FieldError{path, "must not be empty"};
      return std::nullopt;
    case Type::integer:
      if (!v.is_int()) return FieldError{path, "expected an integer"};
      return std::nullopt;
    case Type::number:
      if (!v.is_number()) return FieldError{path, "expected a number"};
      return std::nullopt;
    case Type::boolean:
      if (!v.is_bool()) return FieldError{path, "expected true or false"};
      return std::nullopt;
    case Type::string_list:
      if (!v.is_array()) return FieldError{path, "expected a list of strings"};
      for (std::size_t i = 0; i < v.as_array().size(); ++i)
        if (!v.as_array()[i].is_string())
          return FieldError{path + "[" + std::to_string(i) + "]", "expected a string"};
      return std::nullopt;
    case Type::enumeration:
      if (!v.is_string()) return FieldError{path, "expected a string; " + one_of(f.values)};
      if (!in(f.values, v.as_string()))
        return FieldError{path, "unknown value " + quote_token(v.as_string()) + "; " + one_of(f.values)};
      return std::nullopt;
    case Type::enum_list:
      if (!v.is_array()) return FieldError{path, "expected a list; " + one_of(f.values)};
      for (std::size_t i = 0; i < v.as_array().size(); ++i) {
        const Value& e = v.as_array()[i];
        const std::string p = path + "[" + std::to_string(i) + "]";
        if (!e.is_string()) return FieldError{p, "expected a string; " + one_of(f.values)};
        if (!in(f.values, e.as_string()))
          return FieldError{p, "unknown value " + quote_token(e.as_string()) + "; " + one_of(f.values)};
      }
      if (f.required && v.as_array().empty()) return FieldError{path, "must not be empty"};
      return std::nullopt;
    case Type::object_list:
      if (!v.is_array()) return FieldError{path, "expected a list of objects"};
      for (std::size_t i = 0; i < v.as_array().size(); ++i) {
        const Value& e = v.as_array()[i];
        const std::string p = path + "[" + std::to_string(i) + "]";
        if (!e.is_object()) return FieldError{p, "expected an object"};
        for (const Field& m : f.members) {
          const Value* mv = e.find(m.name);
          if (!mv || mv->is_null()) {
            if (m.required) return FieldError{p + "." + std::string(m.name), "required field is missing"};
            continue;
          }
          if (auto err = check_field(m, *mv, p + "." + std::string(m.name))) return err;
        }
      }
      return std::nullopt;
  }
  return std::nullopt;
}

}  // namespace detail

// Validates one parsed line against the schema. Unknown fields are allowed (kept untouched); a
// tombstone (`deleted: true`) needs only its envelope.
inline std::optional<FieldError> validate(const Value& record) {
  if (!record.is_object()) return FieldError{"line", "expected a JSON object"};
  for (const Field& f : kEnvelope) {
    const Value* v = record.find(f.name);
    if (!v || v->is_null()) {
      if (f.required) return FieldError{std::string(f.name), "required field is missing"};
      continue;
    }
    if (auto err = detail::check_field(f, *v, std::string(f.name))) return err;
  }
  const std::string& kind_name = record.find("kind")->as_string();
  const Kind* kind = find_kind(kind_name);
  if (!kind) return FieldError{"kind", "unknown kind " + detail::quote_token(kind_name)};
  const std::string& id = record.find("id")->as_string();
  if (id.empty() || detail::utf8_length(id) > kMaxIdLength)
    return FieldError{"id", "must be 1 to 128 characters"};
  if (const Value* rev = record.find("revision"); rev && rev->is_int() && rev->as_int() < 1)
    return FieldError{"revision", "must be an integer of at least 1"};
  const Value* home = record.find("home");
  const bool has_home = home && home->is_string() && !home->as_string().empty();
  if (kind->home_required && !has_home) return FieldError{"home", "required field is missing"};
  const Value* deleted = record.find("deleted");
  const bool tombstone = deleted && deleted->is_bool() && deleted->as_bool();
  for (const Field& f : kind->fields) {
    const Value* v = record.find(f.name);
    if (!v || v->is_null()) {
      if (f.required && !tombstone) return FieldError{std::string(f.name), "required field is missing"};
      continue;
    }
    if (auto err = detail::check_field(f, *v, std::string(f.name))) return err;
  }
  return std::nullopt;
}

}  // namespace carewatch::sdk::schema
