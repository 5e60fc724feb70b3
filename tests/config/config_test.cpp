// load_config against real files in a temporary directory.
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "config/config.hpp"

namespace carewatch::config {
namespace {

using ::testing::HasSubstr;

class TempDir {
 public:
  TempDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "carewatch-config-XXXXXX").string();
    if (!::mkdtemp(pattern.data())) throw std::runtime_error("mkdtemp failed");
    path_ = pattern;
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }

  std::filesystem::path write(const std::string& name, const std::string& text) const {
    auto file = path_ / name;
    std::filesystem::create_directories(file.parent_path());
    std::ofstream(file, std::ios::binary) << text;
    return file;
  }

 private:
  std::filesystem::path path_;
};

// Loads `text` as carewatch.toml in a fresh directory and returns the error message ("" if none).
std::string error_of(const std::string& text) {
  TempDir dir;
  const auto file = dir.write("carewatch.toml", text);
  try {
    (void)load_config(file);
  } catch (const ConfigError& e) {
    return e.what();
  }
  return "";
}

// Every documented key is read into the Config with its value and type.
TEST(ConfigTest, ReadsEveryKey) {
  TempDir dir;
  const auto file = dir.write("carewatch.toml", R"(
[store]
database = "/var/lib/carewatch/carewatch.db"

[plugins]
directory = "/usr/lib/carewatch/plugins"
disabled = ["record_integrity", "closed_culture"]
allow_writable = true

[calendar]
bank_holidays = "/usr/share/carewatch/bank-holidays.txt"

[schedule]
poll_interval_ms = 250
full_sweep_interval_s = 600

[logging]
level = "debug"
file = "/var/log/carewatch/carewatchd.log"
)");
  const Config cfg = load_config(file);
  EXPECT_EQ(cfg.source, file);
  EXPECT_EQ(cfg.store.database, "/var/lib/carewatch/carewatch.db");
  EXPECT_EQ(cfg.plugins.directory, "/usr/lib/carewatch/plugins");
  EXPECT_EQ(cfg.plugins.disabled, (std::vector<std::string>{"record_integrity", "closed_culture"}));
  EXPECT_TRUE(cfg.plugins.allow_writable);
  EXPECT_EQ(cfg.calendar.bank_holidays, "/usr/share/carewatch/bank-holidays.txt");
  EXPECT_EQ(cfg.schedule.poll_interval, std::chrono::milliseconds(250));
  EXPECT_EQ(cfg.schedule.full_sweep_interval, std::chrono::seconds(600));
  EXPECT_EQ(cfg.logging.level, "debug");
  ASSERT_TRUE(cfg.logging.file.has_value());
  EXPECT_EQ(*cfg.logging.file, "/var/log/carewatch/carewatchd.log");
}

// An empty file keeps every built-in default.
TEST(ConfigTest, EmptyFileKeepsDefaults) {
  TempDir dir;
  const Config cfg = load_config(dir.write("carewatch.toml", "# nothing set\n"));
  const Config defaults = default_config();
  EXPECT_EQ(cfg.store.database, defaults.store.database);
  EXPECT_EQ(cfg.plugins.directory, defaults.plugins.directory);
  EXPECT_EQ(cfg.calendar.bank_holidays, defaults.calendar.bank_holidays);
  EXPECT_FALSE(cfg.plugins.allow_writable);
  EXPECT_TRUE(cfg.plugins.disabled.empty());
  EXPECT_EQ(cfg.schedule.poll_interval, std::chrono::milliseconds(1000));
  EXPECT_EQ(cfg.schedule.full_sweep_interval, std::chrono::seconds(3600));
  EXPECT_EQ(cfg.logging.level, "info");
  EXPECT_FALSE(cfg.logging.file.has_value());
}

// Relative paths resolve against the configuration file's directory, not the working directory.
TEST(ConfigTest, RelativePathsResolveAgainstTheFilesDirectory) {
  TempDir dir;
  const auto file = dir.write("etc/carewatch.toml", R"(
[store]
database = "../var/carewatch.db"
[plugins]
directory = "plugins"
[calendar]
bank_holidays = "./holidays.txt"
[logging]
file = "../log/carewatchd.log"
)");
  const Config cfg = load_config(file);
  const auto etc = std::filesystem::absolute(dir.path() / "etc");
  EXPECT_EQ(cfg.store.database, (etc / "../var/carewatch.db").lexically_normal());
  EXPECT_EQ(cfg.store.database, dir.path() / "var/carewatch.db");
  EXPECT_EQ(cfg.plugins.directory, etc / "plugins");
  EXPECT_EQ(cfg.calendar.bank_holidays, etc / "holidays.txt");
  EXPECT_EQ(*cfg.logging.file, dir.path() / "log/carewatchd.log");
}

// Text parsed from memory anchors relative paths at the file it is said to come from.
TEST(ConfigTest, ParseConfigAnchorsPathsAtTheNamedFile) {
  const Config cfg =
      parse_config("[store]\ndatabase = \"db/carewatch.db\"\n", "/etc/carewatch/carewatch.toml");
  EXPECT_EQ(cfg.store.database, "/etc/carewatch/db/carewatch.db");
  EXPECT_EQ(cfg.source, "/etc/carewatch/carewatch.toml");
}

// A [plugins.<name>] table reaches that plugin's sdk::Parameters with each TOML type mapped to a Value.
TEST(ConfigTest, PluginTablesBecomeParameters) {
  TempDir dir;
  const Config cfg = load_config(dir.write("carewatch.toml", R"(
[plugins.serious_events]
without_delay_hours = 24
ratio = 0.5
strict = true
label = "practice target"
recipients = ["ofsted", "placing_authority"]
mixed = [1, 2.5, "three", [4]]

[plugins.serious_events.nested]
limit = 3

[plugins.workforce]
supervision_weeks = 6
)"));
  ASSERT_EQ(cfg.plugins.parameters.size(), 2u);
  const sdk::Parameters& p = cfg.plugins.parameters.at("serious_events");
  EXPECT_EQ(p.get_int("without_delay_hours", 0), 24);
  EXPECT_DOUBLE_EQ(p.get_number("ratio", 0), 0.5);
  EXPECT_TRUE(p.get_bool("strict", false));
  EXPECT_EQ(p.get_string("label", ""), "practice target");
  const auto& values = p.values();
  EXPECT_EQ(values.at("recipients"), sdk::Value(sdk::Array{"ofsted", "placing_authority"}));
  EXPECT_EQ(values.at("mixed").to_json(), R"([1,2.5,"three",[4]])");
  EXPECT_EQ(values.at("nested").to_json(), R"({"limit":3})");
  EXPECT_EQ(cfg.plugins.parameters.at("workforce").get_int("supervision_weeks", 0), 6);
}

// An out-of-range value names the file, the line and the dotted key, in the documented form.
TEST(ConfigTest, OutOfRangeNamesFileLineAndKey) {
  const std::string message = error_of("[schedule]\n\npoll_interval_ms = 10\n");
  EXPECT_THAT(message,
              HasSubstr("carewatch.toml:3: schedule.poll_interval_ms: must be between 50 and 60000"));
  EXPECT_THAT(error_of("[schedule]\nfull_sweep_interval_s = 0\n"),
              HasSubstr("carewatch.toml:2: schedule.full_sweep_interval_s: must be between 10 and 604800"));
}

// A misspelt key is an error naming its line and suggesting the key that was probably meant.
TEST(ConfigTest, UnknownKeyNamesLineAndSuggests) {
  const std::string message = error_of("[schedule]\npoll_interval_ms = 100\npoll_intervall_ms = 100\n");
  EXPECT_THAT(
      message,
      HasSubstr(
          "carewatch.toml:3: schedule.poll_intervall_ms: unknown key (did you mean 'poll_interval_ms'?)"));
}

// An unknown section is an error naming its line.
TEST(ConfigTest, UnknownSectionNamesLine) {
  EXPECT_THAT(error_of("[store]\ndatabase = \"x.db\"\n\n[stroe]\ndatabase = \"y.db\"\n"),
              HasSubstr("carewatch.toml:4: stroe: unknown section (did you mean 'store'?)"));
}

// A plain value in [plugins] that is not a known key is an error that points at the table form.
TEST(ConfigTest, UnknownPluginsKeyIsAnError) {
  EXPECT_THAT(error_of("[plugins]\nlado_days = 1\n"),
              HasSubstr("carewatch.toml:2: plugins.lado_days: unknown key; a plugin's parameters go in a "
                        "[plugins.lado_days] table"));
}

// A value of the wrong type names the key and both types.
TEST(ConfigTest, WrongTypeNamesKeyAndTypes) {
  EXPECT_THAT(error_of("[store]\ndatabase = 5\n"),
              HasSubstr("carewatch.toml:2: store.database: expected a string, found an integer"));
  EXPECT_THAT(error_of("[plugins]\nallow_writable = \"yes\"\n"),
              HasSubstr("carewatch.toml:2: plugins.allow_writable: expected true or false, found a string"));
  EXPECT_THAT(error_of("[plugins]\ndisabled = [\"a\", 3]\n"),
              HasSubstr("carewatch.toml:2: plugins.disabled[1]: expected a string, found an integer"));
  EXPECT_THAT(error_of("[schedule]\npoll_interval_ms = 100.5\n"),
              HasSubstr("carewatch.toml:2: schedule.poll_interval_ms: expected an integer, found a float"));
  EXPECT_THAT(error_of("schedule = 5\n"),
              HasSubstr("carewatch.toml:1: schedule: expected a table, found an integer"));
}

// A logging level outside the documented set is rejected with the accepted set.
TEST(ConfigTest, BadLevelIsAnError) {
  EXPECT_THAT(
      error_of("[logging]\nlevel = \"verbose\"\n"),
      HasSubstr("carewatch.toml:2: logging.level: must be one of trace, debug, info, warn, error, off"));
}

// An empty path is rejected rather than silently meaning the configuration directory.
TEST(ConfigTest, EmptyPathIsAnError) {
  EXPECT_THAT(error_of("[store]\ndatabase = \"\"\n"),
              HasSubstr("carewatch.toml:2: store.database: must not be empty"));
}

// A TOML date is not a plugin parameter; the error names the parameter's full key.
TEST(ConfigTest, DateParameterIsAnError) {
  EXPECT_THAT(
      error_of("[plugins.care_planning]\n\nfrom = 2025-01-01\n"),
      HasSubstr("carewatch.toml:3: plugins.care_planning.from: dates and times are not plugin parameters"));
}

// Malformed TOML is reported with the line of the syntax error.
TEST(ConfigTest, SyntaxErrorNamesLine) {
  const std::string message = error_of("[store]\ndatabase = \"a.db\"\n\n[schedule\n");
  EXPECT_THAT(message, HasSubstr("carewatch.toml:4: "));
}

// Every problem in a file is reported at once, each with its own line, so typos are fixed in one go.
TEST(ConfigTest, ReportsEveryProblem) {
  TempDir dir;
  const auto file =
      dir.write("carewatch.toml", "[schedule]\npoll_interval_ms = 1\n[logging]\nlevel = \"loud\"\n");
  try {
    (void)load_config(file);
    FAIL() << "expected ConfigError";
  } catch (const ConfigError& e) {
    ASSERT_EQ(e.problems().size(), 2u);
    EXPECT_EQ(e.problems()[0].line, 2u);
    EXPECT_EQ(e.problems()[0].key, "schedule.poll_interval_ms");
    EXPECT_EQ(e.problems()[1].line, 4u);
    EXPECT_EQ(e.problems()[1].key, "logging.level");
    EXPECT_EQ(e.problems()[1].file, file);
  }
}

// A file that cannot be read is an error naming it.
TEST(ConfigTest, MissingFileNamesTheFile) {
  TempDir dir;
  const auto missing = dir.path() / "absent.toml";
  try {
    (void)load_config(missing);
    FAIL() << "expected ConfigError";
  } catch (const ConfigError& e) {
    EXPECT_THAT(e.what(), HasSubstr(missing.string() + ": cannot read"));
  }
}

// The shipped example file is valid and keeps its paths beside the source tree's config directory.
TEST(ConfigTest, ExampleFileLoads) {
  const std::filesystem::path example = CAREWATCH_EXAMPLE_CONFIG;
  const Config cfg = load_config(example);
  const auto dir = std::filesystem::absolute(example).parent_path();
  EXPECT_EQ(cfg.calendar.bank_holidays, dir / "bank-holidays-england-wales.txt");
  EXPECT_EQ(cfg.store.database.parent_path().filename(), "demo");
  EXPECT_FALSE(cfg.plugins.allow_writable);
}

}  // namespace
}  // namespace carewatch::config
