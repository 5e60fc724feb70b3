#pragma once
// Test helper for the ground-truth tests of the periodic-duty families: runs a plugin's real checkers
// through the SDK's checker harness over generated data, as the engine would, and compares their
// findings with the manifest's breaches of that family.

#include <set>
#include <string>
#include <string_view>

#include <carewatch/sdk/plugin.hpp>

#include "generated_data.hpp"

namespace carewatch::generator::testing {

// What a finding and a manifest line must agree on. A finding's trigger (its first evidence id) is split
// at '#': the record id, then the stage (`H1#2025-03`, `R44-H1-00002#R1`), as the manifest writes them.
struct FindingKey {
  std::string rule, record, stage, home, child;
  friend auto operator<=>(const FindingKey&, const FindingKey&) = default;
};

std::string describe(const FindingKey& k);

// The audit a week after the period (local midnight starting the eighth day after its last day): every
// deadline a planted breach relies on has passed.
sdk::TimePoint audit_time(const Options& o);

// Every finding of every checker of `plugin` over `data` as of `as_of`. Each harness is given the lines
// of the kinds its checker reads plus its scope's reference kinds.
std::set<FindingKey> plugin_findings(const sdk::Plugin& plugin, const GeneratedData& data, sdk::TimePoint as_of);

// The manifest's breaches of `family`.
std::set<FindingKey> manifest_keys(const GeneratedData& data, std::string_view family);

// Reports the two sets' differences one per line, so a disagreement names each record.
void expect_same(const std::set<FindingKey>& found, const std::set<FindingKey>& planted);

// Options for one ground-truth run: `small_options` with the family, rate and shape given.
Options family_options(std::string_view family, std::uint64_t seed, int days, int homes, int children,
                       double rate);

}  // namespace carewatch::generator::testing
