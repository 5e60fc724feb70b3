#include <carewatch/sdk/testing/harness.hpp>

#include <gtest/gtest.h>

#include <unistd.h>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>

namespace carewatch::sdk::testing {
namespace {

// A daily log must be signed within one working day of the event: a small but complete checker
// that uses the timeline, the calendar and a parameter the way real ones do.
class UnsignedLogs final : public Checker {
 public:
  std::string name() const override { return "unsigned_logs"; }
  std::vector<RuleInfo> rules() const override {
    RuleInfo r;
    r.id = "T-SIGN-1WD";
    r.title = "Daily log signed within one working day";
    r.clause = "test clause";
    r.severity = Severity::medium;
    r.roles = {"registered_manager"};
    return {r};
  }
  Scope scope() const override { return Scope::child; }
  std::vector<std::string> kinds() const override { return {"daily_log"}; }
  void configure(const Parameters& p) override {
    days_ = static_cast<int>(p.get_int("working_days", 1, 1, 5));
  }
  void check(const Timeline& t, const Context& ctx, Sink& sink) const override {
    for (const Record* log : t.of_kind("daily_log")) {
      if (log->has("signed_at")) continue;
      const TimePoint due = ctx.calendar().add_working_days(log->when(), days_);
      if (due > ctx.as_of()) {
        sink.look_again_at(due);
        continue;
      }
      Finding f;
      f.rule = "T-SIGN-1WD";
      f.home = t.subject().home;
      f.child = t.subject().id;
      f.evidence = {log->id()};
      f.due_at = due;
      f.summary = "A daily log was not signed within the allowed working days.";
      sink.emit(std::move(f));
    }
  }

 private:
  int days_ = 1;
};

// Emits a finding for a rule it never declared, which the harness (like the host) refuses.
class Undeclared final : public Checker {
 public:
  std::string name() const override { return "undeclared"; }
  std::vector<RuleInfo> rules() const override { return {}; }
  Scope scope() const override { return Scope::home; }
  std::vector<std::string> kinds() const override { return {}; }
  void check(const Timeline&, const Context&, Sink& sink) const override {
    Finding f;
    f.rule = "NOT-DECLARED";
    sink.emit(std::move(f));
  }
};

const char* kFixture = R"(
{"kind":"home","id":"H1","recorded_at":"2025-01-01T00:00:00Z","host_authority":"LA1"}
{"kind":"child","id":"C1","home":"H1","recorded_at":"2025-01-01T00:00:00Z","date_of_birth":"2012-01-01","placing_authority":"LA1","admitted_at":"2025-01-01T00:00:00Z","communication":"verbal"}
{"kind":"child","id":"C2","home":"H1","recorded_at":"2025-01-01T00:00:00Z","date_of_birth":"2013-01-01","placing_authority":"LA1","admitted_at":"2025-01-01T00:00:00Z","communication":"verbal"}
{"kind":"daily_log","id":"D1","home":"H1","recorded_at":"2025-03-03T10:00:00Z","child":"C1","occurred_at":"2025-03-03T09:00:00Z","author":"S1","text":"x"}
{"kind":"daily_log","id":"D1","home":"H1","recorded_at":"2025-03-06T10:00:00Z","revision":2,"child":"C1","occurred_at":"2025-03-03T09:00:00Z","author":"S1","text":"x","signed_at":"2025-03-06T10:00:00Z"}
{"kind":"daily_log","id":"D2","home":"H1","recorded_at":"2025-03-07T10:00:00Z","child":"C2","occurred_at":"2025-03-03T09:00:00Z","author":"S1","text":"x"}
)";

// Parse errors name the source and the line (blank lines count), then the field and the reason.
TEST(HarnessTest, ParseErrorsNameSourceAndLine) {
  try {
    (void)parse_records(
        "\n{\"kind\":\"authority\",\"id\":\"LA1\",\"recorded_at\":\"2025-01-01T00:00:00Z\"}\r\n"
        "{\"kind\":\"authority\",\"id\":\"LA2\",\"recorded_at\":\"yesterday\"}\n",
        "fixtures/x.ndjson");
    FAIL() << "no error";
  } catch (const std::runtime_error& e) {
    EXPECT_EQ(std::string(e.what()).rfind("fixtures/x.ndjson:3: recorded_at: ", 0), 0u) << e.what();
  }
  try {
    Harness h(std::make_unique<Undeclared>());
    h.add("{not json");
    FAIL() << "no error";
  } catch (const std::runtime_error& e) {
    EXPECT_EQ(std::string(e.what()).rfind("fixture:1: line: invalid JSON", 0), 0u) << e.what();
  }
}

// A fixture file's errors name the file's path.
TEST(HarnessTest, FileErrorsNameThePath) {
  const auto dir =
      std::filesystem::temp_directory_path() / ("carewatch-harness-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const auto path = dir / "bad.ndjson";
  std::ofstream(path) << R"({"kind":"authority","id":"LA1","recorded_at":"2025-01-01T00:00:00Z"})"
                      << "\n"
                      << R"({"kind":"home","id":"H1","recorded_at":"2025-01-01T00:00:00Z"})"
                      << "\n";
  Harness h(std::make_unique<UnsignedLogs>());
  try {
    h.add_file(path);
    ADD_FAILURE() << "no error";
  } catch (const std::runtime_error& e) {
    EXPECT_EQ(std::string(e.what()), path.string() + ":2: host_authority: required field is missing");
  }
  EXPECT_THROW(h.add_file(dir / "absent.ndjson"), std::runtime_error);
  std::filesystem::remove_all(dir);
}

// run() audits as of the given time: a later signature and a late record are invisible before they
// were recorded, and deadlines still ahead become "look again" times.
TEST(HarnessTest, RunAppliesAsOf) {
  Harness h(std::make_unique<UnsignedLogs>());
  h.add(kFixture);
  // Monday 09:00 + 1 working day = Tuesday 09:00 (GMT).
  auto before_due = h.run("2025-03-04T08:59:59Z");
  EXPECT_TRUE(before_due.findings.empty());
  EXPECT_EQ(before_due.next_look, at("2025-03-04T09:00:00Z"));

  auto overdue = h.run("2025-03-05T00:00:00Z");
  ASSERT_EQ(overdue.rules(), std::vector<std::string>{"T-SIGN-1WD"});
  EXPECT_EQ(overdue.findings[0].child, "C1");
  EXPECT_EQ(overdue.findings[0].due_at, at("2025-03-04T09:00:00Z"));
  EXPECT_FALSE(overdue.next_look);

  // Revision 2 signs D1; D2 (about C2) was only written on 7 March.
  auto signed_later = h.run("2025-03-06T12:00:00Z");
  EXPECT_TRUE(signed_later.findings.empty());
  auto late_record = h.run("2025-03-07T10:00:00Z");
  ASSERT_EQ(late_record.findings.size(), 1u);
  EXPECT_EQ(late_record.findings[0].child, "C2");
  EXPECT_EQ(late_record.findings[0].evidence, std::vector<std::string>{"D2"});
}

// Findings come back completed from the rule metadata, exactly as the host completes them.
TEST(HarnessTest, RunCompletesFindings) {
  Harness h(std::make_unique<UnsignedLogs>());
  h.add(kFixture);
  const auto result = h.run("2025-03-05T00:00:00Z");
  ASSERT_EQ(result.of_rule("T-SIGN-1WD").size(), 1u);
  const Finding& f = *result.of_rule("T-SIGN-1WD")[0];
  EXPECT_EQ(f.severity, Severity::medium);
  EXPECT_EQ(f.regulation, "test clause");
  EXPECT_EQ(f.escalate_to, std::vector<std::string>{"registered_manager"});
  EXPECT_EQ(f.fingerprint, fingerprint("T-SIGN-1WD", "H1", "C1", "", "D1"));
  EXPECT_TRUE(result.of_rule("OTHER").empty());
}

// Parameters reach configure(); a bad one fails when the harness is built, as it would at load.
TEST(HarnessTest, PassesParametersToConfigure) {
  Parameters three;
  three.set("working_days", 3);
  Harness h(std::make_unique<UnsignedLogs>(), three);
  h.add(kFixture);
  EXPECT_TRUE(h.run("2025-03-05T00:00:00Z").findings.empty());
  EXPECT_EQ(h.run("2025-03-05T00:00:00Z").next_look, at("2025-03-06T09:00:00Z"));
  Parameters bad;
  bad.set("working_days", "two");
  EXPECT_THROW(Harness(std::make_unique<UnsignedLogs>(), bad), ParameterError);
}

// A calendar given to the harness is the one checkers see; a temporary calendar stays valid.
TEST(HarnessTest, UsesTheGivenCalendar) {
  const Date tuesday{std::chrono::year{2025}, std::chrono::March, std::chrono::day{4}};
  Harness h(std::make_unique<UnsignedLogs>(), {}, Calendar({tuesday}, 2025, 2025));
  h.add(kFixture);
  // With Tuesday a holiday the log made on Monday is due on Wednesday.
  EXPECT_TRUE(h.run("2025-03-05T00:00:00Z").findings.empty());
  EXPECT_EQ(h.run("2025-03-05T00:00:00Z").next_look, at("2025-03-05T09:00:00Z"));
}

// The default calendar is the shipped England and Wales data.
TEST(HarnessTest, DefaultCalendarIsTheShippedData) {
  const Calendar& cal = default_calendar();
  EXPECT_EQ(cal.first_year(), 2015);
  EXPECT_EQ(cal.last_year(), 2030);
  EXPECT_TRUE(
      cal.is_bank_holiday(Date{std::chrono::year{2025}, std::chrono::December, std::chrono::day{25}}));
}

// A finding for a rule the checker did not declare is a programming error and is refused.
TEST(HarnessTest, RefusesUndeclaredRules) {
  Harness h(std::make_unique<Undeclared>());
  h.add(R"({"kind":"home","id":"H1","recorded_at":"2025-01-01T00:00:00Z","host_authority":"LA1"})");
  EXPECT_THROW((void)h.run("2025-03-05T00:00:00Z"), std::logic_error);
}

// clear() forgets the records; at() rejects text that is not a timestamp.
TEST(HarnessTest, ClearAndAt) {
  Harness h(std::make_unique<UnsignedLogs>());
  h.add(kFixture);
  h.clear();
  EXPECT_TRUE(h.run("2025-03-05T00:00:00Z").findings.empty());
  EXPECT_THROW((void)at("2025-03-05"), std::invalid_argument);
}

}  // namespace
}  // namespace carewatch::sdk::testing
