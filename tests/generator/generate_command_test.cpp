// `carewatch generate` run as a process: its files, its summary and its errors, and the demo pipeline
// generate -> import -> audit with the plugins of every planted family loaded by the daemon's own loader.
#include <gtest/gtest.h>

#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <carewatch/sdk/json.hpp>

#include "generated_data.hpp"

namespace carewatch::generator {
namespace {

namespace fs = std::filesystem;

struct Output {
  int exit_code = -1;
  std::string out;
  std::string err;
};

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> v;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);)
    if (!line.empty()) v.push_back(line);
  return v;
}

std::string read(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

class GenerateCommandTest : public ::testing::Test {
 protected:
  GenerateCommandTest() {
    std::random_device rd;
    dir_ = fs::temp_directory_path() / ("cw-generate-" + std::to_string(rd()));
    fs::create_directories(dir_);
  }
  ~GenerateCommandTest() override {
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }

  // Runs `carewatch ARGS` (arguments are test-controlled, with no shell metacharacters).
  Output carewatch(const std::string& args) const {
    const fs::path err = dir_ / "stderr.txt";
    const std::string cmd = std::string(CAREWATCH_BINARY) + " " + args + " 2>" + err.string();
    Output run;
    FILE* pipe = popen(cmd.c_str(), "r");
    if (!pipe) return run;
    std::array<char, 4096> buf{};
    std::size_t n = 0;
    while ((n = fread(buf.data(), 1, buf.size(), pipe)) > 0) run.out.append(buf.data(), n);
    const int status = pclose(pipe);
    run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    run.err = read(err);
    return run;
  }

  fs::path path(const std::string& name) const { return dir_ / name; }

  fs::path dir_;
};

// The command writes the records and the manifest to the files named, byte-identical to the library's
// output for the same options, and prints a one-line summary with the counts to stderr.
TEST_F(GenerateCommandTest, WritesRecordsManifestAndSummary) {
  const Output run =
      carewatch("generate --seed 9 --days 20 --homes 2 --breach-rate 1 --output " +
                path("records.ndjson").string() + " --manifest " + path("manifest.jsonl").string());
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_TRUE(run.out.empty());
  Options o = testing::small_options(9, 20, 2);
  o.breach_rate = 1.0;
  const auto expected = testing::generate(o);
  EXPECT_EQ(read(path("records.ndjson")), expected.text());
  EXPECT_EQ(read(path("manifest.jsonl")), expected.manifest);
  EXPECT_EQ(lines_of(run.err).size(), 1u) << run.err;
  EXPECT_NE(run.err.find("generated " + std::to_string(expected.lines.size()) + " records, " +
                         std::to_string(expected.breaches.size()) + " planted breaches"),
            std::string::npos)
      << run.err;
}

// With no --output the records go to standard output, and the defaults are the documented demo.
TEST_F(GenerateCommandTest, DefaultsWriteTheDemoToStandardOutput) {
  const Output run = carewatch("generate");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(run.out, testing::generate(Options{}).text());
  EXPECT_NE(run.err.find("3 homes, 90 days from 2025-01-06, seed 1"), std::string::npos) << run.err;
}

// A bad option value is a usage error (exit 2) whose message names the option; nothing is written.
TEST_F(GenerateCommandTest, BadOptionsAreUsageErrorsNamingTheOption) {
  const std::vector<std::pair<std::string, std::string>> cases{{"--days 0", "--days"},
                                                               {"--start 2025-02-30", "--start"},
                                                               {"--breach-rate 2", "--breach-rate"},
                                                               {"--families bogus", "bogus"},
                                                               {"--children 6 --staff 5", "--staff"}};
  for (const auto& [args, named] : cases) {
    const Output run = carewatch("generate " + args + " --output " + path("x.ndjson").string());
    EXPECT_EQ(run.exit_code, 2) << args;
    EXPECT_NE(run.err.find(named), std::string::npos) << args << ": " << run.err;
    EXPECT_FALSE(fs::exists(path("x.ndjson"))) << args;
  }
  const Output unwritable = carewatch("generate --days 1 --output " + path("no/such/dir/x.ndjson").string());
  EXPECT_EQ(unwritable.exit_code, 2);
  EXPECT_NE(unwritable.err.find("cannot write"), std::string::npos) << unwritable.err;
}

// The demo pipeline: generated records with breaches of every family planted so far import cleanly,
// and `carewatch audit` with their plugins (loaded from the build tree's plugin directory) reports
// exactly the planted breaches: each breach raises its own rule and no rule of any family fires
// elsewhere.
TEST_F(GenerateCommandTest, ImportAndAuditReportExactlyTheManifest) {
  const std::string db = " --db " + path("carewatch.db").string();
  ASSERT_EQ(carewatch("generate --seed 4 --days 120 --homes 2 --breach-rate 0.7 --families all --output " +
                      path("records.ndjson").string() + " --manifest " + path("manifest.jsonl").string())
                .exit_code,
            0);
  const Output import = carewatch("import" + db + " " + path("records.ndjson").string());
  ASSERT_EQ(import.exit_code, 0) << import.out << import.err;

  std::string rules;
  for (const char* r :
       {"CHR-40-DEATH", "CHR-40-CSE", "CHR-40-ALLEGATION", "CHR-40-CP-ENQUIRY", "CHR-40-POLICE",
        "CHR-40-DECISION", "CHR-40-SERIOUS", "CHR-34-REFERRAL", "WT-LADO-1WD",
        // restraint
        "CHR-35-RECORD-24H", "CHR-35-RECORD-CONTENT", "CHR-35-USER-48H", "CHR-35-CHILD-5D", "CHR-35-EHCP",
        "CHR-20-PURPOSE", "CHR-19-PROHIBITED",
        // missing
        "MISS-RHI-72H", "MISS-REPORT",
        // complaints
        "CHR-39-RECORD", "CHR-39-INDEPENDENCE", "CHR-39-REPRISAL",
        // medication
        "MED-OMITTED", "MED-RECORD",
        // independent_monitoring
        "CHR-44-VISIT", "CHR-44-PRIVATE", "CHR-44-DISPATCH", "CHR-44-RECOMMENDATION", "CHR-45-REVIEW-6M",
        "CHR-45-REPORT-28D", "CHR-45-CONSULTATION",
        // care_planning
        "CPPCR-28-FIRST-VISIT", "CPPCR-28-VISIT", "CPPCR-29-SEEN-ALONE", "CHILD-VISIT-REQUEST",
        "CPPCR-33-REVIEW", "CHR-7-VOICE", "CHR-7-ADVOCACY",
        // case_records
        "CHR-36-SIGNED", "CHR-36-PROFILE",
        // workforce
        "CHR-32-PRESTART", "CHR-32-L3", "CHR-33-SUPERVISION", "CHR-33-APPRAISAL", "CHR-33-RESTRAINT-TRAINING",
        "CHR-48-ABSENCE"})
    rules += std::string(" --rule ") + r;
  // Eight days after the last day (2025-05-05): every deadline of the period has passed.
  const Output audit = carewatch("audit" + db + " --as-of 2025-05-13T00:00:00Z --format json" + rules);
  ASSERT_EQ(audit.exit_code, 0) << audit.err;

  auto field = [](const sdk::Value& v, const char* name) {
    const sdk::Value* f = v.find(name);
    return f && f->is_string() ? f->as_string() : std::string();
  };
  std::set<std::string> found, planted;
  for (const auto& line : lines_of(audit.out)) {
    auto parsed = sdk::parse_json(line);
    ASSERT_TRUE(std::holds_alternative<sdk::Value>(parsed)) << line;
    const auto& v = std::get<sdk::Value>(parsed);
    const std::string trigger = v.find("evidence")->as_array().at(0).as_string();
    found.insert(field(v, "rule") + " " + trigger.substr(0, trigger.find('#')) + " " + field(v, "home"));
  }
  for (const auto& line : lines_of(read(path("manifest.jsonl")))) {
    const auto v = std::get<sdk::Value>(sdk::parse_json(line));
    planted.insert(field(v, "rule") + " " + field(v, "evidence") + " " + field(v, "home"));
  }
  std::set<std::string> families;
  for (const auto& line : lines_of(read(path("manifest.jsonl"))))
    families.insert(field(std::get<sdk::Value>(sdk::parse_json(line)), "family"));
  EXPECT_EQ(families, (std::set<std::string>{"serious_events", "restraint", "missing", "complaints", "medication",
                                             "independent_monitoring", "care_planning", "case_records",
                                             "workforce"}));
  EXPECT_FALSE(planted.empty());
  EXPECT_EQ(found, planted);
}

}  // namespace
}  // namespace carewatch::generator
