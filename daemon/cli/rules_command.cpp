// Placeholder until the rules subcommand lands.
#include <CLI/CLI.hpp>

#include "cli/commands.hpp"

namespace carewatch::cli {

void add_rules_command(CLI::App& app, GlobalOptions&, int&) {
  app.add_subcommand("rules", "(not built yet)");
}

}  // namespace carewatch::cli
