#pragma once
// Test helper for the per-family ground-truth tests: runs a plugin's real checkers through the SDK's
// checker harness over generated data, as of eight days after the period (every deadline of an event
// inside the period that a planter uses has passed), and compares the findings with the manifest.

#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <carewatch/sdk/checker.hpp>
#include <carewatch/sdk/time.hpp>

#include "generated_data.hpp"

namespace carewatch::generator::testing {

// What a finding and a manifest line must agree on. `stage` is the part of the finding's trigger after
// '#' (MED-OMITTED's "pattern"), or the manifest's stage.
struct TruthKey {
  std::string rule, record, stage, home, child;
  friend auto operator<=>(const TruthKey&, const TruthKey&) = default;
};

std::string describe(const TruthKey& k);

// Start of the eighth day after the period's last day.
sdk::TimePoint audit_time(const Options& o);

// Every finding of `checkers` over `data` as of audit_time(o). Each harness gets the lines of the kinds
// its checker reads plus its scope's reference kinds, which is what the engine would load for it.
std::set<TruthKey> findings(const GeneratedData& data, const Options& o,
                            std::vector<std::unique_ptr<sdk::Checker>> checkers);

// The manifest's breaches of `family`.
std::set<TruthKey> manifest(const GeneratedData& data, std::string_view family);

// Reports the two sets' differences one per line, so a disagreement names each record.
void expect_same(const std::set<TruthKey>& found, const std::set<TruthKey>& planted);

// Ids of the records whose lines differ between two data sets of the same options but for the breach
// rate or families (a record present in one only counts too).
std::set<std::string> changed_records(const GeneratedData& a, const GeneratedData& b);

// Expects that planting `family` at `rate` changes only the manifest's evidence records (plus, for each
// breach whose stage is in `extra_record_stages`, at most one more record: the pattern's other event),
// and that the breaches planted at a lower rate are a subset of those at `rate`.
void expect_planting_is_local(const Options& shape, std::string_view family, double rate,
                              const std::set<std::string>& extra_record_stages = {});

// The shapes every family's ground truth is checked over: several seeds, sizes, starts (a month end, a
// clock change, Christmas) and lengths.
std::vector<Options> ground_truth_shapes();

}  // namespace carewatch::generator::testing
