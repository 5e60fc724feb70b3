#pragma once
// Generator: synthetic care records for demos, tests and benchmarks, from one set of Options.
//
//     carewatch::generator::Generator g(options);           // throws std::invalid_argument on bad options
//     auto summary = g.run(std::cout, &manifest_stream);    // NDJSON records, then the manifest
//
// The output is NDJSON in recorded_at order; every line validates against the schema (RECORDS.md v1).
// The same Options give byte-identical output on every platform. Records are streamed day by day, so
// memory stays bounded by a few days of follow-ups however long the period. The manifest lists every
// planted breach (see PlantedBreach); with breach_rate 0 it is empty and the data raises no finding
// of the planted families.

#include <cstddef>
#include <functional>
#include <iosfwd>
#include <string_view>

#include "generator/options.hpp"
#include "generator/planted_breach.hpp"

namespace carewatch::generator {

struct Summary {
  std::size_t records = 0;   // lines written (record revisions)
  std::size_t breaches = 0;  // manifest lines
};

class Generator {
 public:
  explicit Generator(Options options);

  const Options& options() const noexcept { return options_; }

  // `on_record` receives each line without its newline, in order; `on_breach` each planted breach,
  // ordered by trigger time, after the last record.
  Summary run(const std::function<void(std::string_view)>& on_record,
              const std::function<void(const PlantedBreach&)>& on_breach) const;
  // Writes records (one per line) to `records` and, if given, manifest lines to `manifest`.
  Summary run(std::ostream& records, std::ostream* manifest) const;

 private:
  Options options_;
};

}  // namespace carewatch::generator
