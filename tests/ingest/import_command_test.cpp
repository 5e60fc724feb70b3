// Runs the built `carewatch import` as a process, as an operator or a script would, and checks its
// output format and exit codes (DESIGN.md "Interfaces users rely on").

#include <gtest/gtest.h>

#include <sys/wait.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

#include "store/database.hpp"
#include "store/record_store.hpp"
#include "temp_database.hpp"

namespace carewatch {
namespace {

struct ProcessResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

std::string slurp(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

class ImportCommandTest : public ::testing::Test {
 protected:
  // Paths come from mkdtemp and the test itself, so they need no shell quoting.
  ProcessResult carewatch(const std::string& args, const std::string& stdin_file = "/dev/null") {
    const auto out = dir_ / "stdout";
    const auto err = dir_ / "stderr";
    const std::string command = std::string(CAREWATCH_BINARY) + " " + args + " <" + stdin_file + " >" +
                                out.string() + " 2>" + err.string();
    const int status = std::system(command.c_str());
    ProcessResult run;
    run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    run.out = slurp(out);
    run.err = slurp(err);
    return run;
  }

  std::string write(const std::string& name, const std::string& content) {
    const auto path = dir_ / name;
    std::ofstream(path, std::ios::binary) << content;
    return path.string();
  }

  std::string db() const { return (dir_ / "cli.db").string(); }

  carewatch::testing::TempDir dir_;
};

std::string incident(const std::string& id) {
  return R"({"kind":"incident","id":")" + id +
         R"(","home":"H1","child":"C1","recorded_at":"2025-02-01T11:00:00Z","occurred_at":"2025-02-01T10:00:00Z","categories":["injury"]})"
         "\n";
}

// A clean file imports with exit 0, a summary on stdout and nothing on stderr; re-importing it
// reports every line unchanged.
TEST_F(ImportCommandTest, CleanFileExitsZeroWithSummary) {
  const std::string file = write("good.ndjson", incident("I-1") + incident("I-2") + "\n");
  const ProcessResult first = carewatch("import --db " + db() + " " + file);
  EXPECT_EQ(first.exit_code, 0) << first.err;
  EXPECT_EQ(first.out, file + ": 2 lines, 2 accepted (2 new, 0 unchanged), 0 rejected\n"
                              "total: 2 lines, 2 accepted (2 new, 0 unchanged), 0 rejected\n");
  EXPECT_EQ(first.err, "");

  const ProcessResult second = carewatch("--db " + db() + " import " + file);  // global --db before the command
  EXPECT_EQ(second.exit_code, 0) << second.err;
  EXPECT_EQ(second.out, file + ": 2 lines, 2 accepted (0 new, 2 unchanged), 0 rejected\n"
                               "total: 2 lines, 2 accepted (0 new, 2 unchanged), 0 rejected\n");
}

// Rejected lines are printed as FILE:LINE: field: reason and make the exit code 1; the rest is stored.
TEST_F(ImportCommandTest, RejectedLinesPrintedAndExitOne) {
  const std::string bad = write("bad.ndjson", incident("I-1") + "{oops\n" +
                                                  R"({"kind":"widget","id":"W","home":"H1","recorded_at":"2025-02-01T11:00:00Z"})"
                                                  "\n");
  const std::string good = write("good.ndjson", incident("I-2"));
  const ProcessResult run = carewatch("import --db " + db() + " " + bad + " " + good);
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_EQ(run.out, bad + ": 3 lines, 1 accepted (1 new, 0 unchanged), 2 rejected\n" + good +
                         ": 1 line, 1 accepted (1 new, 0 unchanged), 0 rejected\n"
                         "total: 4 lines, 2 accepted (2 new, 0 unchanged), 2 rejected\n");
  std::istringstream err(run.err);
  std::string line1, line2, extra;
  std::getline(err, line1);
  std::getline(err, line2);
  EXPECT_EQ(line1.rfind(bad + ":2: line: invalid JSON", 0), 0u) << line1;
  EXPECT_EQ(line2, bad + ":3: kind: unknown kind 'widget'");
  EXPECT_FALSE(std::getline(err, extra)) << extra;

  store::Database database(db());
  store::RecordStore store(database);
  EXPECT_EQ(store.count_revisions(), 2);
  EXPECT_EQ(store.count_quarantined(), 2);
}

// '-' reads standard input, named <stdin> in the output.
TEST_F(ImportCommandTest, DashReadsStandardInput) {
  const std::string file = write("in.ndjson", incident("I-9") + "nope\n");
  const ProcessResult run = carewatch("import --db " + db() + " -", file);
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_EQ(run.out.substr(0, run.out.find('\n')), "<stdin>: 2 lines, 1 accepted (1 new, 0 unchanged), 1 rejected");
  EXPECT_EQ(run.err.rfind("<stdin>:2: line: invalid JSON", 0), 0u) << run.err;
}

// A missing file, an unopenable database and a missing argument are usage or I/O errors: exit 2.
TEST_F(ImportCommandTest, UsageAndIoErrorsExitTwo) {
  const std::string good = write("good.ndjson", incident("I-1"));
  const std::string missing = (dir_ / "missing.ndjson").string();
  const ProcessResult no_file = carewatch("import --db " + db() + " " + missing + " " + good);
  EXPECT_EQ(no_file.exit_code, 2);
  EXPECT_NE(no_file.err.find("cannot open " + missing), std::string::npos) << no_file.err;
  // The readable file is still imported.
  EXPECT_NE(no_file.out.find(good + ": 1 line, 1 accepted"), std::string::npos) << no_file.out;

  const ProcessResult no_db = carewatch("import --db " + (dir_ / "no-such-dir" / "x.db").string() + " " + good);
  EXPECT_EQ(no_db.exit_code, 2);
  EXPECT_NE(no_db.err.find("cannot open database"), std::string::npos) << no_db.err;

  EXPECT_EQ(carewatch("import --db " + db()).exit_code, 2);
  EXPECT_EQ(carewatch("import --db " + db() + " " + dir_.path().string()).exit_code, 2);
}

}  // namespace
}  // namespace carewatch
