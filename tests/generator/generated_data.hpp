#pragma once
// Test helper: runs the generator in memory and parses what it wrote.

#include <map>
#include <string>
#include <vector>

#include <carewatch/sdk/json.hpp>

#include "generator/generator.hpp"

namespace carewatch::generator::testing {

struct GeneratedData {
  std::vector<std::string> lines;
  std::vector<PlantedBreach> breaches;
  std::string manifest;  // the manifest lines, joined

  // Every line parsed and validated; throws naming the line if one fails.
  std::vector<sdk::Record> records() const;
  std::string text() const;
};

GeneratedData generate(const Options& options);

// Small options that still produce every kind of event in a few seconds.
Options small_options(std::uint64_t seed, int days = 60, int homes = 2);

}  // namespace carewatch::generator::testing
