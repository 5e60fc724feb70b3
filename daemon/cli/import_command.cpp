// `carewatch import [--db PATH] FILE...`: imports NDJSON care records. Each rejected line goes to
// standard error as `FILE:LINE: field: reason`; a summary per file and in total goes to standard output.
// Exit 0 when every line was accepted, 1 when some were rejected, 2 on a usage or I/O error.

#include <CLI/CLI.hpp>

#include <cerrno>
#include <cstring>
#include <exception>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "cli/commands.hpp"
#include "cli/options.hpp"
#include "ingest/importer.hpp"
#include "store/database.hpp"

namespace carewatch::cli {
namespace {

constexpr std::string_view kStdinName = "<stdin>";

struct Totals {
  std::int64_t files = 0;
  std::int64_t lines = 0;
  std::int64_t inserted = 0;
  std::int64_t unchanged = 0;
  std::int64_t rejected = 0;
};

void print_summary(std::ostream& out, std::string_view name, std::int64_t lines, std::int64_t inserted,
                   std::int64_t unchanged, std::int64_t rejected) {
  out << name << ": " << lines << (lines == 1 ? " line, " : " lines, ") << inserted + unchanged << " accepted ("
      << inserted << " new, " << unchanged << " unchanged), " << rejected << " rejected\n";
}

int run_import(const GlobalOptions& global, const std::vector<std::string>& files) {
  std::unique_ptr<store::Database> db;
  try {
    db = std::make_unique<store::Database>(effective_config(global).store.database);
  } catch (const std::exception& e) {
    std::cerr << "carewatch import: " << e.what() << "\n";
    return kExitUsage;
  }
  ingest::Importer importer(*db);
  Totals totals;
  bool io_error = false;
  for (const std::string& file : files) {
    const bool is_stdin = file == "-";
    const std::string name = is_stdin ? std::string(kStdinName) : file;
    try {
      ingest::ImportReport report;
      if (is_stdin) {
        report = importer.import_stream(std::cin, name);
      } else {
        std::error_code ec;
        if (std::filesystem::is_directory(file, ec)) {
          std::cerr << "carewatch import: cannot read " << file << ": is a directory\n";
          io_error = true;
          continue;
        }
        std::ifstream in(file, std::ios::binary);
        if (!in) {
          std::cerr << "carewatch import: cannot open " << file << ": " << std::strerror(errno) << "\n";
          io_error = true;
          continue;
        }
        report = importer.import_stream(in, name);
      }
      for (const ingest::Rejection& r : report.rejections)
        std::cerr << name << ":" << r.line << ": " << r.field << ": " << r.reason << "\n";
      print_summary(std::cout, name, report.lines, report.inserted, report.unchanged, report.rejected);
      ++totals.files;
      totals.lines += report.lines;
      totals.inserted += report.inserted;
      totals.unchanged += report.unchanged;
      totals.rejected += report.rejected;
    } catch (const std::ios_base::failure&) {
      // Batches committed before the failure stay: re-importing the file later is harmless.
      std::cerr << "carewatch import: error reading " << name << "\n";
      io_error = true;
    } catch (const store::DatabaseError& e) {
      std::cerr << "carewatch import: " << e.what() << "\n";
      return kExitUsage;
    }
  }
  print_summary(std::cout, "total", totals.lines, totals.inserted, totals.unchanged, totals.rejected);
  if (io_error) return kExitUsage;
  return totals.rejected > 0 ? kExitRejected : kExitOk;
}

}  // namespace

void add_import_command(CLI::App& app, GlobalOptions& global, int& exit_code) {
  CLI::App* cmd = app.add_subcommand("import", "Import NDJSON care records (RECORDS.md) into the store");
  // Owned by the callback, which CLI11 keeps for as long as the app.
  auto files = std::make_shared<std::vector<std::string>>();
  cmd->add_option("--db", global.database, "SQLite database (overrides the configuration)");
  cmd->add_option("files", *files, "NDJSON files to import ('-' for standard input)")->required();
  // Lets `carewatch import --config FILE ...` reach the global --config.
  cmd->fallthrough();
  cmd->callback([&global, &exit_code, files] { exit_code = run_import(global, *files); });
}

}  // namespace carewatch::cli
