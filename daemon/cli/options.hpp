#pragma once
// The configuration a subcommand runs with: --config if given (else the built-in defaults), with
// --db overriding the database path.

#include "cli/cli.hpp"
#include "config/config.hpp"

namespace carewatch::cli {

config::Config effective_config(const GlobalOptions& global);

}  // namespace carewatch::cli
