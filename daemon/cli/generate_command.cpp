// Placeholder until the generate subcommand lands.
#include <CLI/CLI.hpp>

#include "cli/commands.hpp"

namespace carewatch::cli {

void add_generate_command(CLI::App& app, GlobalOptions&, int&) {
  app.add_subcommand("generate", "(not built yet)");
}

}  // namespace carewatch::cli
