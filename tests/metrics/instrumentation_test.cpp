// The components' metrics, read back from the process-wide registry after real work: an import into a
// real SQLite file and engine passes over it. Each test reads differences, since the registry is shared
// by every test of this executable.

#include <gtest/gtest.h>

#include <memory>
#include <stdexcept>
#include <string>

#include "engine/engine.hpp"
#include "engine/static_checker_source.hpp"
#include "ingest/importer.hpp"
#include "metrics/registry.hpp"
#include "promtool.hpp"
#include "store/database.hpp"
#include "temp_database.hpp"

namespace carewatch {
namespace {

const sdk::TimePoint kNow = sdk::from_unix(1748736000);  // 2025-06-01T00:00:00Z

std::string incident(std::string_view id, std::string_view child = "C1") {
  return R"({"kind":"incident","id":")" + std::string(id) + R"(","home":"H1","child":")" +
         std::string(child) +
         R"(","recorded_at":"2025-02-01T11:00:00Z","revision":1,"occurred_at":"2025-02-01T10:00:00Z","categories":["injury"]})";
}

double ingested(const std::string& source) {
  return metrics::registry()
      .counter("carewatch_records_ingested_total",
               "Record lines accepted by ingest (new or unchanged revisions).", {{"source", source}})
      .value();
}

double rejected(const std::string& source) {
  return metrics::registry()
      .counter("carewatch_records_rejected_total", "Record lines rejected and quarantined.",
               {{"source", source}})
      .value();
}

// Reports every incident; throws instead while `*broken` is set.
class IncidentChecker final : public sdk::Checker {
 public:
  explicit IncidentChecker(std::shared_ptr<bool> broken) : broken_(std::move(broken)) {}
  std::string name() const override { return "incidents"; }
  std::vector<sdk::RuleInfo> rules() const override {
    return {{"T-INC", "Incident", "Test clause", sdk::Severity::low, {"registered_manager"}, false}};
  }
  sdk::Scope scope() const override { return sdk::Scope::child; }
  std::vector<std::string> kinds() const override { return {"incident"}; }
  void check(const sdk::Timeline& timeline, const sdk::Context&, sdk::Sink& sink) const override {
    if (*broken_) throw std::runtime_error("broken");
    for (const sdk::Record* r : timeline.of_kind("incident")) {
      sdk::Finding f;
      f.rule = "T-INC";
      f.home = timeline.subject().home;
      f.child = timeline.subject().id;
      f.evidence = {r->id()};
      f.summary = "An incident.";
      sink.emit(std::move(f));
    }
  }

 private:
  std::shared_ptr<bool> broken_;
};

// Accepted and rejected lines are counted under the importer's source kind, and nowhere else.
TEST(InstrumentationTest, ImporterCountsAcceptedAndRejectedBySource) {
  carewatch::testing::TempDir dir;
  store::Database db(dir / "m.db");
  const double file_before = ingested("file");
  const double inbox_before = ingested("inbox");
  const double inbox_rejected_before = rejected("inbox");
  ingest::ImportOptions options;
  options.metrics_source = "inbox";
  options.batch_lines = 2;  // counted per committed batch: several batches must add up
  ingest::Importer importer(db, options);
  const auto report = importer.import_buffer(
      incident("I-1") + "\n" + incident("I-2") + "\n{\"kind\":\n" + incident("I-3") + "\n", "x");
  ASSERT_EQ(report.accepted(), 3);
  EXPECT_EQ(ingested("inbox") - inbox_before, 3);
  EXPECT_EQ(rejected("inbox") - inbox_rejected_before, 1);
  EXPECT_EQ(ingested("file"), file_before);
}

// Each daemon-mode pass counts once under its trigger with its duration; each check is timed per
// checker; a failed check counts against its plugin.
TEST(InstrumentationTest, EngineCountsPassesChecksAndFailures) {
  carewatch::testing::TempDir dir;
  store::Database db(dir / "m.db");
  ingest::Importer importer(db);
  importer.import_buffer(incident("I-1", "C1") + "\n" + incident("I-2", "C2") + "\n", "x");

  auto broken = std::make_shared<bool>(false);
  auto source = std::make_unique<engine::StaticCheckerSource>();
  source->add("metrics_test", std::make_unique<IncidentChecker>(broken));
  engine::Engine engine(db, sdk::Calendar{}, std::move(source));

  auto& reg = metrics::registry();
  auto audits = [&](const char* trigger) {
    return reg
        .counter("carewatch_audits_total", "Evaluation passes completed, by what started them.",
                 {{"trigger", trigger}})
        .value();
  };
  auto durations = [&](const char* trigger) {
    return reg
        .histogram("carewatch_audit_duration_seconds", "Time an evaluation pass took, by what started it.",
                   {{"trigger", trigger}})
        .count();
  };
  auto& checks =
      reg.histogram("carewatch_check_duration_seconds", "Time one checker took to check one subject.",
                    {{"plugin", "metrics_test"}, {"checker", "incidents"}});
  auto& failures =
      reg.counter("carewatch_plugin_failures_total", "Failed checks, each of which disabled its plugin.",
                  {{"plugin", "metrics_test"}});
  const double sweeps = audits("sweep"), dues = audits("due"), changes = audits("change");
  const auto sweep_durations = durations("sweep");
  const auto checks_before = checks.count();

  engine.full_sweep(kNow);
  EXPECT_EQ(audits("sweep") - sweeps, 1);
  EXPECT_EQ(durations("sweep") - sweep_durations, 1u);
  EXPECT_EQ(checks.count() - checks_before, 2u);  // two children, one checker

  engine.evaluate_due(kNow);
  engine.evaluate_changes(kNow);
  EXPECT_EQ(audits("due") - dues, 1);
  EXPECT_EQ(audits("change") - changes, 1);

  *broken = true;
  const double failures_before = failures.value();
  engine.full_sweep(kNow);
  EXPECT_EQ(failures.value() - failures_before, 1);  // the plugin is disabled after its first failure
  EXPECT_EQ(audits("sweep") - sweeps, 2);
}

// The process registry, holding what ingest and the engine really record, passes promtool's checks.
TEST(InstrumentationTest, RealMetricsPassPromtool) {
  carewatch::testing::TempDir dir;
  store::Database db(dir / "m.db");
  ingest::Importer importer(db);
  importer.import_buffer(incident("I-1") + "\n{\n", "x");
  auto source = std::make_unique<engine::StaticCheckerSource>();
  source->add("metrics_test", std::make_unique<IncidentChecker>(std::make_shared<bool>(false)));
  engine::Engine engine(db, sdk::Calendar{}, std::move(source));
  engine.full_sweep(kNow);
  const std::string text = metrics::registry().render();
  EXPECT_NE(
      text.find("carewatch_check_duration_seconds_bucket{plugin=\"metrics_test\",checker=\"incidents\","),
      std::string::npos);
  EXPECT_TRUE(carewatch::testing::promtool_accepts(text));
}

}  // namespace
}  // namespace carewatch
