#pragma once
// An independent reading of the serious_events rules (RULES.md), written for the generator's tests:
// given current records as of T, which rules are breached and by which triggering record. It knows
// nothing of how the generator plants breaches, so agreeing with the manifest is evidence that each
// planted breach trips exactly the one rule it claims.

#include <string>
#include <tuple>
#include <vector>

#include <carewatch/sdk/record.hpp>

namespace carewatch::generator::testing {

struct Violation {
  std::string rule;
  std::string evidence;
  std::string home;
  std::string child;
  friend auto operator<=>(const Violation&, const Violation&) = default;
};

// `current` holds the records as of `as_of` (one revision per id); only deadlines before `as_of` count.
// The "without delay" practice target is 24 hours; the LADO deadline one working day (weekends only).
std::vector<Violation> serious_events_violations(const std::vector<sdk::Record>& current,
                                                 sdk::TimePoint as_of);

}  // namespace carewatch::generator::testing
