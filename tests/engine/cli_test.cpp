// End to end: the built `carewatch` binary run as a process against a real database file and the
// real serious_events plugin from the build tree.
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

#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>

#include <carewatch/sdk/finding.hpp>
#include <carewatch/sdk/time.hpp>

#include "escalation/escalation_store.hpp"
#include "store/database.hpp"

namespace {

namespace fs = std::filesystem;

struct Output {
  int exit_code = -1;
  std::string out;
  std::string err;
  std::vector<std::string> lines() const {
    std::vector<std::string> v;
    std::istringstream in(out);
    for (std::string line; std::getline(in, line);)
      if (!line.empty()) v.push_back(line);
    return v;
  }
};

class CarewatchCliTest : public ::testing::Test {
 protected:
  CarewatchCliTest() {
    std::random_device rd;
    dir_ = fs::temp_directory_path() / ("cw-cli-" + std::to_string(rd()));
    fs::create_directories(dir_);
  }
  ~CarewatchCliTest() override {
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }

  // Runs `carewatch --db <db> ARGS` (arguments are test-controlled, with no shell metacharacters).
  Output carewatch(const std::string& args) {
    const fs::path err = dir_ / "stderr.txt";
    const std::string cmd =
        std::string(CAREWATCH_BINARY) + " --db " + db().string() + " " + args + " 2>" + err.string();
    Output run;
    FILE* pipe = popen(cmd.c_str(), "r");
    if (!pipe) return run;
    std::array<char, 4096> buf{};
    std::size_t n = 0;
    while ((n = fread(buf.data(), 1, buf.size(), pipe)) > 0) run.out.append(buf.data(), n);
    const int status = pclose(pipe);
    run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    std::ifstream in(err);
    run.err.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    return run;
  }

  fs::path write(const std::string& name, const std::string& text) {
    const fs::path p = dir_ / name;
    std::ofstream(p) << text;
    return p;
  }

  fs::path db() const { return dir_ / "carewatch.db"; }

  fs::path dir_;
};

// A home with one child and an allegation against a staff member that nobody referred or notified.
constexpr const char* kFixture =
    R"({"kind":"authority","id":"LA-HOST","recorded_at":"2025-01-01T09:00:00Z"}
{"kind":"authority","id":"LA-AWAY","recorded_at":"2025-01-01T09:00:00Z"}
{"kind":"home","id":"H1","recorded_at":"2025-01-01T09:00:00Z","host_authority":"LA-HOST","urn":"SC000001"}
{"kind":"child","id":"C1","home":"H1","recorded_at":"2025-01-02T09:00:00Z","date_of_birth":"2010-07-12","placing_authority":"LA-AWAY","admitted_at":"2025-01-02T09:00:00Z","communication":"verbal"}
{"kind":"allegation","id":"A1","home":"H1","received_at":"2025-03-03T10:00:00Z","recorded_at":"2025-03-03T10:30:00Z","child":"C1","against_staff":"S7","limbs":["harmed"]}
)";

// An imported allegation nobody acted on shows WT-LADO-1WD and CHR-40-ALLEGATION in `audit --format
// json`, one valid RECORDS.md finding object per line.
TEST_F(CarewatchCliTest, AuditJsonShowsAllegationFindings) {
  const Output import = carewatch("import " + write("records.ndjson", kFixture).string());
  ASSERT_EQ(import.exit_code, 0) << import.out << import.err;

  // Other families rightly find this thin fixture's placement incomplete; keep to the allegation rules.
  const std::string allegation_rules = " --rule WT-LADO-1WD --rule CHR-40-ALLEGATION --rule CHR-34-REFERRAL";
  const Output audit = carewatch("audit --as-of 2025-03-20T00:00:00Z --format json" + allegation_rules);
  ASSERT_EQ(audit.exit_code, 0) << audit.err;
  const std::set<std::string> fields{"rule",    "severity",    "regulation", "home",
                                     "child",   "staff",       "evidence",   "due_at",
                                     "summary", "escalate_to", "fingerprint"};
  std::set<std::string> rules;
  const auto lines = audit.lines();
  ASSERT_FALSE(lines.empty());
  for (const auto& line : lines) {
    boost::system::error_code ec;
    const boost::json::value v = boost::json::parse(line, ec);
    ASSERT_FALSE(ec) << "not JSON: " << line;
    ASSERT_TRUE(v.is_object()) << line;
    std::set<std::string> keys;
    for (const auto& kv : v.as_object()) keys.insert(std::string(kv.key()));
    EXPECT_EQ(keys, fields) << line;
    const auto& o = v.as_object();
    EXPECT_TRUE(o.at("rule").is_string());
    EXPECT_TRUE(carewatch::sdk::parse_severity(std::string(o.at("severity").as_string())).has_value())
        << line;
    EXPECT_FALSE(o.at("regulation").as_string().empty());
    EXPECT_EQ(o.at("home").as_string(), "H1");
    EXPECT_TRUE(o.at("evidence").is_array());
    EXPECT_EQ(o.at("evidence").as_array().at(0).as_string(), "A1");
    EXPECT_TRUE(o.at("due_at").is_null() ||
                carewatch::sdk::parse_timestamp(std::string(o.at("due_at").as_string())).has_value());
    EXPECT_TRUE(o.at("escalate_to").is_array());
    EXPECT_EQ(o.at("fingerprint").as_string().size(), 16u);
    rules.insert(std::string(o.at("rule").as_string()));
  }
  EXPECT_TRUE(rules.count("WT-LADO-1WD")) << audit.out;
  EXPECT_TRUE(rules.count("CHR-40-ALLEGATION")) << audit.out;

  // Before the allegation was recorded, the audit cannot know of it.
  const Output before = carewatch("audit --as-of 2025-03-03T10:29:59Z --format json" + allegation_rules);
  EXPECT_EQ(before.exit_code, 0);
  EXPECT_TRUE(before.lines().empty()) << before.out;

  // --rule keeps one rule; text output ends with a count.
  const Output one = carewatch("audit --as-of 2025-03-20T00:00:00Z --rule WT-LADO-1WD");
  EXPECT_EQ(one.exit_code, 0);
  ASSERT_EQ(one.lines().size(), 2u) << one.out;
  EXPECT_NE(one.lines()[0].find("WT-LADO-1WD"), std::string::npos);
  EXPECT_NE(one.lines()[0].find("due 2025-03-04T10:00:00Z"), std::string::npos);
  EXPECT_EQ(one.lines()[1], "1 finding as of 2025-03-20T00:00:00Z");
}

// Usage and I/O errors exit 2 with a message naming the problem, and an audit never creates a database.
TEST_F(CarewatchCliTest, AuditUsageErrorsExitTwo) {
  Output r = carewatch("audit");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("cannot open database"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(db()));

  ASSERT_EQ(carewatch("import " + write("records.ndjson", kFixture).string()).exit_code, 0);
  r = carewatch("audit --as-of 2025-13-01");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("--as-of"), std::string::npos) << r.err;
  r = carewatch("audit --rule NO-SUCH-RULE");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("NO-SUCH-RULE"), std::string::npos) << r.err;
  r = carewatch("audit --format xml");
  EXPECT_EQ(r.exit_code, 2);
}

// `rules` lists the loaded plugin's rules and the health rule, as text and as JSON.
TEST_F(CarewatchCliTest, RulesListsLoadedRules) {
  const Output text = carewatch("rules");
  ASSERT_EQ(text.exit_code, 0) << text.err;
  EXPECT_NE(text.out.find("WT-LADO-1WD"), std::string::npos);
  EXPECT_NE(text.out.find("CW-PLUGIN-DISABLED"), std::string::npos);
  const Output json = carewatch("rules --format json");
  ASSERT_EQ(json.exit_code, 0);
  bool found = false;
  for (const auto& line : json.lines()) {
    const auto v = boost::json::parse(line).as_object();
    for (const char* key : {"id", "plugin", "checker", "clause", "severity", "roles"})
      EXPECT_TRUE(v.contains(key)) << key << " missing in " << line;
    if (v.at("id").as_string() == "CHR-40-ALLEGATION") {
      found = true;
      EXPECT_EQ(v.at("plugin").as_string(), "serious_events");
    }
  }
  EXPECT_TRUE(found) << json.out;
}

// The escalation lifecycle from a shell: list, ack, silence, resolve and show, with refusals exiting 2.
TEST_F(CarewatchCliTest, EscalationsLifecycle) {
  using namespace carewatch;
  std::int64_t id = 0;
  {
    store::Database database(db());
    escalation::EscalationStore store(database);
    sdk::Finding f;
    f.rule = "WT-LADO-1WD";
    f.severity = sdk::Severity::critical;
    f.home = "H1";
    f.staff = "S7";
    f.evidence = {"A1"};
    f.summary = "Allegation A1 was not referred to the LADO.";
    f.regulation = "Working Together";
    f.escalate_to = {"lado"};
    f.fingerprint = sdk::fingerprint(f.rule, f.home, f.child, f.staff, "A1");
    store::Transaction tx(database);
    id =
        store
            .sync("home:H1", "serious_events/allegations", {f}, *sdk::parse_timestamp("2025-03-05T00:00:00Z"))
            .at(0)
            .escalation.id;
    tx.commit();
  }
  const std::string sid = std::to_string(id);

  Output r = carewatch("escalations list --state open --format json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  ASSERT_EQ(r.lines().size(), 1u);
  EXPECT_EQ(boost::json::parse(r.lines()[0]).as_object().at("id").as_int64(), id);

  EXPECT_EQ(carewatch("escalations ack " + sid + " --by S1 --reason seen").exit_code, 0);
  r = carewatch("escalations ack " + sid + " --by S1 --reason again");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("is acknowledged"), std::string::npos) << r.err;
  r = carewatch("escalations silence " + sid + " --by S1 --reason waiting --until not-a-time");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(carewatch("escalations silence " + sid + " --by S1 --reason waiting --until 2999-01-01T00:00:00Z")
                .exit_code,
            0);
  EXPECT_EQ(carewatch("escalations resolve " + sid + " --by S2 --reason referred").exit_code, 0);
  r = carewatch("escalations resolve " + sid + " --by S2 --reason twice");
  EXPECT_EQ(r.exit_code, 2);
  r = carewatch("escalations ack 999 --by S1 --reason x");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("does not exist"), std::string::npos) << r.err;
  EXPECT_EQ(carewatch("escalations ack " + sid + " --reason x").exit_code, 2);

  r = carewatch("escalations show " + sid + " --format json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto shown = boost::json::parse(r.out).as_object();
  EXPECT_EQ(shown.at("state").as_string(), "resolved");
  EXPECT_EQ(shown.at("resolved_by").as_string(), "S2");
  const auto& events = shown.at("events").as_array();
  ASSERT_EQ(events.size(), 4u);
  const std::vector<std::string> types{"opened", "acknowledged", "silenced", "resolved"};
  for (std::size_t i = 0; i < events.size(); ++i) {
    EXPECT_EQ(events[i].as_object().at("type").as_string(), types[i]);
    EXPECT_FALSE(events[i].as_object().at("actor").as_string().empty());
  }
  EXPECT_EQ(events[3].as_object().at("reason").as_string(), "referred");
  r = carewatch("escalations show " + sid);
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_NE(r.out.find("resolved  by S2  silenced -> resolved  reason: referred"), std::string::npos)
      << r.out;
}

}  // namespace
