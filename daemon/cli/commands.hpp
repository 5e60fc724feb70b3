#pragma once
// Each subcommand registers itself on the app; its callback stores the process exit code in `exit_code`.

#include "cli/cli.hpp"

namespace carewatch::cli {

void add_import_command(CLI::App& app, GlobalOptions& global, int& exit_code);
void add_audit_command(CLI::App& app, GlobalOptions& global, int& exit_code);
void add_escalations_command(CLI::App& app, GlobalOptions& global, int& exit_code);
void add_rules_command(CLI::App& app, GlobalOptions& global, int& exit_code);
void add_generate_command(CLI::App& app, GlobalOptions& global, int& exit_code);
void add_schema_command(CLI::App& app, GlobalOptions& global, int& exit_code);
void add_routes_command(CLI::App& app, GlobalOptions& global, int& exit_code);
void add_silences_command(CLI::App& app, GlobalOptions& global, int& exit_code);
void add_outbox_command(CLI::App& app, GlobalOptions& global, int& exit_code);
void add_token_command(CLI::App& app, GlobalOptions& global, int& exit_code);

}  // namespace carewatch::cli
