// The store collector the service registers: gauges read from a real SQLite file at render time.

#include "service/store_metrics.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include <carewatch/sdk/finding.hpp>

#include "escalation/escalation_store.hpp"
#include "metrics/registry.hpp"
#include "outbox/outbox_store.hpp"
#include "promtool.hpp"
#include "store/database.hpp"
#include "temp_database.hpp"

namespace carewatch::service {
namespace {

const sdk::TimePoint kNow = sdk::from_unix(1748736000);  // 2025-06-01T00:00:00Z

sdk::Finding finding(const std::string& rule, sdk::Severity severity, const std::string& evidence) {
  sdk::Finding f;
  f.rule = rule;
  f.home = "H1";
  f.child = "C1";
  f.evidence = {evidence};
  f.summary = "A finding.";
  sdk::complete(f, sdk::RuleInfo{rule, "Title", "Clause", severity, {"registered_manager"}, false});
  return f;
}

bool has_line(const std::string& text, const std::string& line) {
  return text.find(line + "\n") != std::string::npos;
}

// Findings open by rule and severity, escalations by state, and the outbox's depth and failed attempts
// all come from the store at render time and follow it when it changes.
TEST(StoreMetricsTest, GaugesFollowTheStore) {
  carewatch::testing::TempDir dir;
  const auto path = dir / "store.db";
  store::Database db(path);
  escalation::EscalationStore escalations(db);
  escalations.sync("child:H1/C1", "p/c",
                   {finding("R-A", sdk::Severity::high, "I-1"), finding("R-A", sdk::Severity::high, "I-2"),
                    finding("R-B", sdk::Severity::low, "I-3")},
                   kNow);
  const auto live = escalations.list();
  ASSERT_EQ(live.size(), 3u);
  escalations.acknowledge(live[0].id, "manager", "seen", kNow);

  outbox::OutboxStore outbox(db, outbox::RetryPolicy{2, std::chrono::seconds(1), std::chrono::seconds(1)});
  auto message = [](const std::string& key, outbox::Channel channel) {
    outbox::Message m;
    m.idempotency_key = key;
    m.channel = channel;
    m.recipient = "r";
    m.role = "registered_manager";
    m.kind = "opened";
    m.subject = "s";
    m.created_at = kNow;
    return m;
  };
  std::int64_t webhook = 0;
  {
    store::Transaction tx(db);
    outbox.enqueue(message("k1", outbox::Channel::email));
    webhook = outbox.enqueue(message("k2", outbox::Channel::webhook));
    tx.commit();
  }
  outbox.record_failure(webhook, kNow, "HTTP 500", false);
  outbox.record_failure(webhook, kNow + std::chrono::seconds(5), "HTTP 500", false);  // the second: dead

  register_store_metrics(path);
  std::string text = metrics::registry().render();
  EXPECT_TRUE(has_line(text, R"(carewatch_findings_open{rule="R-A",severity="high"} 2)")) << text;
  EXPECT_TRUE(has_line(text, R"(carewatch_findings_open{rule="R-B",severity="low"} 1)"));
  EXPECT_TRUE(has_line(text, R"(carewatch_escalations{state="open"} 2)"));
  EXPECT_TRUE(has_line(text, R"(carewatch_escalations{state="acknowledged"} 1)"));
  EXPECT_TRUE(has_line(text, R"(carewatch_escalations{state="resolved"} 0)"));
  EXPECT_TRUE(has_line(text, R"(carewatch_outbox_messages{state="pending"} 1)"));
  EXPECT_TRUE(has_line(text, R"(carewatch_outbox_messages{state="dead"} 1)"));
  EXPECT_TRUE(has_line(text, R"(carewatch_outbox_delivery_failures{channel="webhook"} 2)"));
  EXPECT_TRUE(has_line(text, R"(carewatch_outbox_delivery_failures{channel="email"} 0)"));

  // R-B's finding goes away: its series reads 0 rather than keeping its last value.
  escalations.sync("child:H1/C1", "p/c",
                   {finding("R-A", sdk::Severity::high, "I-1"), finding("R-A", sdk::Severity::high, "I-2")},
                   kNow);
  text = metrics::registry().render();
  EXPECT_TRUE(has_line(text, R"(carewatch_findings_open{rule="R-B",severity="low"} 0)")) << text;
  EXPECT_TRUE(has_line(text, R"(carewatch_escalations{state="resolved"} 1)"));
  EXPECT_TRUE(carewatch::testing::promtool_accepts(text));
}

// A store that cannot be read makes the collector fail that render, counted, without failing the render.
TEST(StoreMetricsTest, UnreadableStoreIsCountedNotFatal) {
  carewatch::testing::TempDir dir;
  register_store_metrics(dir / "missing" / "store.db");
  auto& errors = metrics::registry().counter(
      "carewatch_metrics_collector_errors_total",
      "Collector runs that threw; that collector's gauges were left as they were.",
      {{"collector", std::string(kStoreCollector)}});
  const double before = errors.value();
  EXPECT_NO_THROW(metrics::registry().render());
  EXPECT_EQ(errors.value() - before, 1);
}

}  // namespace
}  // namespace carewatch::service
