#include "cli/cli.hpp"

#include <CLI/CLI.hpp>

#include <exception>
#include <iostream>

#include "cli/commands.hpp"

namespace carewatch::cli {

int run(int argc, char** argv) {
  CLI::App app{"carewatch: audits children's-home care records against the regulations"};
  app.require_subcommand(1);
  GlobalOptions global;
  app.add_option("--config", global.config_file, "Configuration file (TOML)");
  app.add_option("--db", global.database, "SQLite database (overrides the configuration)");
  int exit_code = kExitOk;
  add_import_command(app, global, exit_code);
  add_audit_command(app, global, exit_code);
  add_escalations_command(app, global, exit_code);
  add_rules_command(app, global, exit_code);
  add_generate_command(app, global, exit_code);
  add_schema_command(app, global, exit_code);
  add_routes_command(app, global, exit_code);
  add_silences_command(app, global, exit_code);
  add_outbox_command(app, global, exit_code);
  add_token_command(app, global, exit_code);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int rc = app.exit(e);
    return rc == 0 ? kExitOk : kExitUsage;
  } catch (const std::exception& e) {
    std::cerr << "carewatch: " << e.what() << "\n";
    return kExitUsage;
  }
  return exit_code;
}

}  // namespace carewatch::cli
