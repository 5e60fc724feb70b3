#include "generator/options.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include <carewatch/sdk/calendar.hpp>

namespace carewatch::generator {

namespace {

constexpr int kMaxDays = 3660;
constexpr int kMaxHomes = 200;
constexpr int kMaxChildren = 20;
constexpr int kMaxStaff = 99;  // staff ids carry two digits

void check_range(const char* option, long long value, long long lo, long long hi) {
  if (value < lo || value > hi)
    throw std::invalid_argument(std::string(option) + ": must be between " + std::to_string(lo) + " and " +
                                std::to_string(hi));
}

}  // namespace

sdk::Date Options::end_date() const {
  return sdk::Date{std::chrono::sys_days{start} + std::chrono::days{days - 1}};
}

sdk::TimePoint Options::onboarded_at() const {
  const sdk::Date first{start.year(), start.month(), std::chrono::day{1}};
  return sdk::Calendar::start_of_day(sdk::Calendar::add_months(first, -1));
}

std::vector<std::string_view> known_families() {
  return {"serious_events", "restraint", "missing", "complaints", "medication", "independent_monitoring",
          "care_planning", "case_records", "workforce"};
}

int minimum_staff(int children_per_home) {
  // Registered manager + responsible individual + a day and a night team + two so the rota rotates.
  const int day_team = 2 + children_per_home / 3;
  const int night_team = 1 + children_per_home / 4;
  return 2 + day_team + night_team + 2;
}

void validate(const Options& options) {
  if (!options.start.ok()) throw std::invalid_argument("--start: not a calendar date");
  const int year = static_cast<int>(options.start.year());
  check_range("--start (year)", year, 2000, 2099);
  check_range("--days", options.days, 1, kMaxDays);
  check_range("--homes", options.homes, 1, kMaxHomes);
  check_range("--children", options.children_per_home, 1, kMaxChildren);
  check_range("--staff", options.staff_per_home, minimum_staff(options.children_per_home), kMaxStaff);
  if (!std::isfinite(options.breach_rate) || options.breach_rate < 0.0 || options.breach_rate > 1.0)
    throw std::invalid_argument("--breach-rate: must be between 0 and 1");
  const auto known = known_families();
  for (const auto& f : options.families) {
    if (std::find(known.begin(), known.end(), f) != known.end()) continue;
    std::string names;
    for (const auto k : known) names += (names.empty() ? "" : ", ") + std::string(k);
    throw std::invalid_argument("--families: unknown family '" + f + "' (known: " + names + ", or all)");
  }
}

std::vector<std::string> parse_families(std::string_view list) {
  std::vector<std::string> out;
  while (true) {
    const std::size_t comma = list.find(',');
    std::string_view name = list.substr(0, comma);
    while (!name.empty() && name.front() == ' ') name.remove_prefix(1);
    while (!name.empty() && name.back() == ' ') name.remove_suffix(1);
    if (name.empty()) throw std::invalid_argument("--families: empty family name");
    if (name == "all") {
      for (const auto k : known_families())
        if (std::find(out.begin(), out.end(), k) == out.end()) out.emplace_back(k);
    } else if (std::find(out.begin(), out.end(), name) == out.end()) {
      out.emplace_back(name);
    }
    if (comma == std::string_view::npos) break;
    list.remove_prefix(comma + 1);
  }
  Options probe;
  probe.families = out;
  validate(probe);
  return out;
}

}  // namespace carewatch::generator
