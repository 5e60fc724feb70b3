#pragma once
// The `carewatch` command-line tool: one subcommand per file in this folder.

#include <filesystem>
#include <optional>

namespace CLI {
class App;
}

namespace carewatch::cli {

// Options every subcommand shares.
struct GlobalOptions {
  std::optional<std::filesystem::path> config_file;  // --config
  std::optional<std::filesystem::path> database;     // --db (overrides the configuration)
};

// Exit codes (DESIGN.md): 0 success, 1 some input rejected / findings of interest, 2 usage or I/O error.
inline constexpr int kExitOk = 0;
inline constexpr int kExitRejected = 1;
inline constexpr int kExitUsage = 2;

int run(int argc, char** argv);

}  // namespace carewatch::cli
