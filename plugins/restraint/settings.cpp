#include "settings.hpp"

#include <algorithm>
#include <array>
#include <span>

#include <carewatch/sdk/schema.hpp>

namespace carewatch::plugins::restraint {

namespace {

// The measure types the record format knows (RECORDS.md `measure.type`).
std::span<const std::string_view> measure_types() {
  const sdk::schema::Kind* kind = sdk::schema::find_kind("measure");
  const sdk::schema::Field* type = kind ? sdk::schema::find_field(*kind, "type") : nullptr;
  return type ? type->values : std::span<const std::string_view>{};
}

std::vector<std::string> read_measure_list(const sdk::Parameters& params) {
  const std::string key(Settings::kProhibitedMeasures);
  const auto it = params.values().find(Settings::kProhibitedMeasures);
  if (it == params.values().end()) return Settings::default_prohibited_measures();
  const sdk::Value& v = it->second;
  if (!v.is_array()) throw sdk::ParameterError(key, "expected a list of measure types");
  if (v.as_array().empty())
    throw sdk::ParameterError(key, "must not be empty (disable the rule CHR-19-PROHIBITED instead)");
  const auto known = measure_types();
  std::vector<std::string> out;
  for (std::size_t i = 0; i < v.as_array().size(); ++i) {
    const sdk::Value& e = v.as_array()[i];
    const std::string where = "element " + std::to_string(i + 1);
    if (!e.is_string()) throw sdk::ParameterError(key, where + ": expected a string");
    if (std::find(known.begin(), known.end(), e.as_string()) == known.end()) {
      std::string list;
      for (const auto k : known) {
        if (!list.empty()) list += ", ";
        list += k;
      }
      throw sdk::ParameterError(key, where + ": not a measure type; expected one of " + list);
    }
    if (std::find(out.begin(), out.end(), e.as_string()) == out.end()) out.push_back(e.as_string());
  }
  return out;
}

}  // namespace

Settings::Settings() : prohibited_measures_(default_prohibited_measures()) {}

std::vector<std::string> Settings::default_prohibited_measures() {
  // reparation is allowed (a reasonable sum by way of reparation is not a fine), as are
  // loss_of_privilege and other.
  return {"fine",
          "restricted_contact",
          "withheld_food",
          "withheld_medication",
          "sleep_deprivation",
          "distinctive_clothing",
          "corporal",
          "intimate_search",
          "withheld_aids",
          "group_punishment",
          "imposed_by_child"};
}

Settings Settings::from(const sdk::Parameters& params) {
  static constexpr std::array kKnown = {kRecordWithinHours, kReviewWithinHours, kChildSpokenWithinDays,
                                        kProhibitedMeasures};
  for (const auto& [key, value] : params.values()) {
    if (std::find(kKnown.begin(), kKnown.end(), key) == kKnown.end())
      throw sdk::ParameterError(key,
                                "unknown parameter; expected one of record_within_hours, "
                                "review_within_hours, child_spoken_within_days, prohibited_measures");
  }
  Settings s;
  s.record_within_ =
      std::chrono::hours{params.get_int(kRecordWithinHours, kDefaultRecordHours, 1, kMaxRecordHours)};
  s.review_within_ =
      std::chrono::hours{params.get_int(kReviewWithinHours, kDefaultReviewHours, 1, kMaxReviewHours)};
  s.child_spoken_within_days_ =
      static_cast<int>(params.get_int(kChildSpokenWithinDays, kDefaultChildDays, 1, kMaxChildDays));
  s.prohibited_measures_ = read_measure_list(params);
  return s;
}

bool Settings::is_prohibited(std::string_view measure_type) const noexcept {
  return std::find(prohibited_measures_.begin(), prohibited_measures_.end(), measure_type) !=
         prohibited_measures_.end();
}

}  // namespace carewatch::plugins::restraint
