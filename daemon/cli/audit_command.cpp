// Placeholder until the audit subcommand lands.
#include <CLI/CLI.hpp>

#include "cli/commands.hpp"

namespace carewatch::cli {

void add_audit_command(CLI::App& app, GlobalOptions&, int&) {
  app.add_subcommand("audit", "(not built yet)");
}

}  // namespace carewatch::cli
