#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <sys/wait.h>

namespace {

std::string read_file(const char* path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

struct Outcome {
  int exit_code = -1;
  std::string out;
};

Outcome run(const std::string& command) {
  Outcome r;
  FILE* pipe = popen(command.c_str(), "r");
  if (!pipe) return r;
  std::array<char, 4096> buf{};
  std::size_t n = 0;
  while ((n = fread(buf.data(), 1, buf.size(), pipe)) > 0) r.out.append(buf.data(), n);
  const int status = pclose(pipe);
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

}  // namespace

// The committed rules reference is exactly what the shipped plugins declare today.
TEST(RulesReferenceTest, CommittedReferenceMatchesLoadedRules) {
  const Outcome r = run(std::string("'") + CAREWATCH_BINARY + "' --db /nonexistent/unused.db rules --format markdown");
  ASSERT_EQ(r.exit_code, 0);
  ASSERT_NE(r.out.find("## serious_events"), std::string::npos) << r.out;
  EXPECT_EQ(r.out, read_file(CAREWATCH_RULES_REFERENCE))
      << "plugins/README.md is out of date; regenerate it with\n  " << CAREWATCH_BINARY
      << " rules --format markdown > plugins/README.md";
}

// Every rule row cites a clause and names who is told.
TEST(RulesReferenceTest, EveryRuleCitesAClauseAndRoles) {
  const std::string reference = read_file(CAREWATCH_RULES_REFERENCE);
  std::istringstream lines(reference);
  std::string line;
  int rules = 0;
  while (std::getline(lines, line)) {
    if (line.rfind("| `", 0) != 0) continue;
    ++rules;
    // | id | severity | clause | roles | checker | title |
    std::vector<std::string> cells;
    std::size_t start = 1;
    for (std::size_t i = 1; i < line.size(); ++i)
      if (line[i] == '|' && line[i - 1] != '\\') {
        cells.push_back(line.substr(start, i - start));
        start = i + 1;
      }
    ASSERT_EQ(cells.size(), 6u) << line;
    EXPECT_GT(cells[2].size(), 10u) << line;
    EXPECT_GT(cells[3].size(), 2u) << line;
  }
  EXPECT_GT(rules, 40);
}
