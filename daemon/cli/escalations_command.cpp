// Placeholder until the escalations subcommand lands.
#include <CLI/CLI.hpp>

#include "cli/commands.hpp"

namespace carewatch::cli {

void add_escalations_command(CLI::App& app, GlobalOptions&, int&) {
  app.add_subcommand("escalations", "(not built yet)");
}

}  // namespace carewatch::cli
