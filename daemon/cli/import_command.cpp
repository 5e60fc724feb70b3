// Placeholder until the import subcommand lands.
#include <CLI/CLI.hpp>

#include "cli/commands.hpp"

namespace carewatch::cli {

void add_import_command(CLI::App& app, GlobalOptions&, int&) {
  app.add_subcommand("import", "(not built yet)");
}

}  // namespace carewatch::cli
