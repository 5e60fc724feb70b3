// `carewatch generate`: synthetic care records (NDJSON) and the manifest of planted breaches.
#include <CLI/CLI.hpp>

#include <cstdint>
#include <fstream>
#include <iostream>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>

#include <carewatch/sdk/time.hpp>

#include "cli/commands.hpp"
#include "generator/generator.hpp"

namespace carewatch::cli {

namespace {

struct GenerateArgs {
  std::uint64_t seed = 1;
  std::string start;
  std::optional<int> days;
  std::optional<int> homes;
  std::optional<int> children;
  std::optional<int> staff;
  double breach_rate = 0.0;
  std::string families;
  std::string output = "-";
  std::optional<std::string> manifest;
};

int run_generate(const GenerateArgs& args) {
  generator::Options options;
  options.seed = args.seed;
  if (!args.start.empty()) {
    const auto start = sdk::parse_date(args.start);
    if (!start) {
      std::cerr << "carewatch generate: --start: '" << args.start << "' is not a YYYY-MM-DD date\n";
      return kExitUsage;
    }
    options.start = *start;
  }
  options.days = args.days.value_or(options.days);
  options.homes = args.homes.value_or(options.homes);
  options.children_per_home = args.children.value_or(options.children_per_home);
  options.staff_per_home = args.staff.value_or(options.staff_per_home);
  options.breach_rate = args.breach_rate;
  std::optional<generator::Generator> gen;
  try {
    if (!args.families.empty()) options.families = generator::parse_families(args.families);
    gen.emplace(options);
  } catch (const std::invalid_argument& e) {
    std::cerr << "carewatch generate: " << e.what() << "\n";
    return kExitUsage;
  }

  std::ofstream output_file;
  std::ostream* records = &std::cout;
  if (args.output != "-") {
    output_file.open(args.output, std::ios::binary | std::ios::trunc);
    if (!output_file) {
      std::cerr << "carewatch generate: cannot write " << args.output << "\n";
      return kExitUsage;
    }
    records = &output_file;
  }
  std::ofstream manifest_file;
  if (args.manifest) {
    manifest_file.open(*args.manifest, std::ios::binary | std::ios::trunc);
    if (!manifest_file) {
      std::cerr << "carewatch generate: cannot write " << *args.manifest << "\n";
      return kExitUsage;
    }
  }
  const generator::Summary summary = gen->run(*records, args.manifest ? &manifest_file : nullptr);
  if (!*records || (args.manifest && !manifest_file)) {
    std::cerr << "carewatch generate: write failed\n";
    return kExitUsage;
  }
  std::cerr << "generated " << summary.records << " records, " << summary.breaches << " planted breaches ("
            << options.homes << " homes, " << options.days << " days from " << sdk::format_date(options.start)
            << ", seed " << options.seed << ")\n";
  return kExitOk;
}

}  // namespace

void add_generate_command(CLI::App& app, GlobalOptions&, int& exit_code) {
  auto args = std::make_shared<GenerateArgs>();
  const generator::Options defaults;
  auto* cmd = app.add_subcommand("generate",
                                 "Write synthetic care records (NDJSON) for demos, tests and benchmarks, "
                                 "optionally with planted breaches");
  cmd->add_option("--seed", args->seed, "Random seed; the same options give identical output")
      ->capture_default_str();
  cmd->add_option("--start", args->start,
                  "First day of the period, YYYY-MM-DD (default " + sdk::format_date(defaults.start) + ")");
  cmd->add_option("--days", args->days,
                  "Length of the period in days (default " + std::to_string(defaults.days) + ")");
  cmd->add_option("--homes", args->homes, "Number of homes (default " + std::to_string(defaults.homes) + ")");
  cmd->add_option("--children", args->children,
                  "Children placed per home (default " + std::to_string(defaults.children_per_home) + ")");
  cmd->add_option("--staff", args->staff,
                  "Staff per home, including manager and responsible individual (default " +
                      std::to_string(defaults.staff_per_home) + ")");
  cmd->add_option("--breach-rate", args->breach_rate,
                  "Probability, per eligible event, of planting one breach (0..1)")
      ->capture_default_str();
  cmd->add_option("--families", args->families,
                  "Comma-separated rule families to plant, or all (default serious_events)");
  cmd->add_option("--output", args->output, "Records file, or - for standard output")->capture_default_str();
  cmd->add_option("--manifest", args->manifest, "Write the planted breaches (JSON lines) to this file");
  cmd->callback([args, &exit_code] { exit_code = run_generate(*args); });
}

}  // namespace carewatch::cli
