// `carewatch token new|hash`: bearer tokens for the HTTP API. The configuration keeps only a token's
// SHA-256 ([[api.tokens]] sha256); the token itself is shown once, by `new`, and never stored.
#include <CLI/CLI.hpp>

#include <exception>
#include <iostream>
#include <iterator>
#include <string>

#include "api/tokens.hpp"
#include "cli/commands.hpp"

namespace carewatch::cli {
namespace {

int run_new() {
  try {
    const std::string token = api::new_token();
    const std::string hash = api::to_hex(api::sha256(token));
    std::cout << "token:  " << token << "\n"
              << "sha256: " << hash << "\n\n"
              << "Give the token to its holder; put only the hash in the configuration:\n\n"
              << "[[api.tokens]]\n"
              << "name = \"CHANGE-ME\"\n"
              << "roles = [\"read\"]\n"
              << "sha256 = \"" << hash << "\"\n";
    return kExitOk;
  } catch (const std::exception& e) {
    std::cerr << "carewatch token new: " << e.what() << "\n";
    return kExitUsage;
  }
}

// Reads the token from standard input so that it never appears in a process list or shell history.
int run_hash() {
  std::string text((std::istreambuf_iterator<char>(std::cin)), std::istreambuf_iterator<char>());
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) {
    std::cerr << "carewatch token hash: no token on standard input\n";
    return kExitUsage;
  }
  text = text.substr(first, text.find_last_not_of(" \t\r\n") - first + 1);
  if (text.find_first_of(" \t\r\n") != std::string::npos) {
    std::cerr << "carewatch token hash: expected one token on standard input, found several words\n";
    return kExitUsage;
  }
  std::cout << api::to_hex(api::sha256(text)) << "\n";
  return kExitOk;
}

}  // namespace

void add_token_command(CLI::App& app, GlobalOptions& /*global*/, int& exit_code) {
  CLI::App* cmd = app.add_subcommand("token", "Make HTTP API bearer tokens and their SHA-256 hashes");
  cmd->require_subcommand(1);
  CLI::App* make = cmd->add_subcommand("new", "Print a new random token and its hash");
  make->callback([&exit_code] { exit_code = run_new(); });
  CLI::App* hash = cmd->add_subcommand("hash", "Read a token on standard input and print its hash");
  hash->callback([&exit_code] { exit_code = run_hash(); });
}

}  // namespace carewatch::cli
