// Placeholder until the schema subcommand lands.
#include <CLI/CLI.hpp>

#include "cli/commands.hpp"

namespace carewatch::cli {

void add_schema_command(CLI::App& app, GlobalOptions&, int&) {
  app.add_subcommand("schema", "(not built yet)");
}

}  // namespace carewatch::cli
