#pragma once
// Options: what to generate. The defaults make the demo data set (3 homes, 90 days from Monday
// 2025-01-06, 4 children and 12 staff per home, no planted breaches).

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <carewatch/sdk/time.hpp>

namespace carewatch::generator {

struct Options {
  std::uint64_t seed = 1;
  // The first day of the period (Europe/London). A fixed date, not "today", so that the default run is
  // reproducible.
  sdk::Date start{std::chrono::year{2025}, std::chrono::January, std::chrono::day{6}};
  int days = 90;
  int homes = 3;
  int children_per_home = 4;  // places occupied at any time (a leaver is replaced after a few days)
  int staff_per_home = 12;    // including the registered manager and the responsible individual
  // Probability, per event eligible for a planted breach, that one breach is planted on it.
  double breach_rate = 0.0;
  // The rule families to plant breaches of (see planters()); breach_rate applies to each.
  std::vector<std::string> families{"serious_events"};

  // The last day of the period.
  sdk::Date end_date() const;
  // When the homes' records were first written into the source system: local midnight on the first day
  // of the month before the start's month. Everything about earlier events (placements, staff, the
  // latest visits and reviews) is recorded then, as if migrated, so the record history starts with a
  // whole month and Carewatch knows nothing older it should have seen.
  sdk::TimePoint onboarded_at() const;
};

// Rule families a planter exists for.
std::vector<std::string_view> known_families();

// The smallest staff_per_home that can run the rota for `children_per_home` children.
int minimum_staff(int children_per_home);

// Throws std::invalid_argument naming the option (e.g. "--homes: must be between 1 and 200").
void validate(const Options& options);

// Parses "a,b,c" into family names ("all" stands for every known family, in known_families() order);
// throws std::invalid_argument for an unknown or empty name.
std::vector<std::string> parse_families(std::string_view list);

}  // namespace carewatch::generator
