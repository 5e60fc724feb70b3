#include "service/store_metrics.hpp"

#include <memory>
#include <mutex>
#include <string>

#include "metrics/registry.hpp"
#include "outbox/outbox_store.hpp"
#include "store/database.hpp"

namespace carewatch::service {
namespace {

constexpr std::string_view kFindingsOpen = "carewatch_findings_open";
constexpr std::string_view kFindingsOpenHelp =
    "Findings with a live escalation (open, acknowledged or silenced), by rule and severity.";
constexpr std::string_view kEscalations = "carewatch_escalations";
constexpr std::string_view kEscalationsHelp = "Escalations in the store, by state.";
constexpr std::string_view kOutboxMessages = "carewatch_outbox_messages";
constexpr std::string_view kOutboxMessagesHelp = "Outbox messages in the store, by delivery state.";
constexpr std::string_view kOutboxFailures = "carewatch_outbox_delivery_failures";
constexpr std::string_view kOutboxFailuresHelp =
    "Failed delivery attempts recorded in the outbox event log (including those that made a message dead), "
    "by channel.";

// The collector's own connection. render() runs one collector at a time, so the mutex is only a guard
// against a future change there, never contended.
struct StoreReader {
  std::filesystem::path path;
  std::mutex mutex;
  std::unique_ptr<store::Database> db;

  void collect(metrics::Registry& reg) {
    std::lock_guard lock(mutex);
    if (!db) db = std::make_unique<store::Database>(path, store::OpenMode::read_only);
    // One read transaction, so the four families describe the same moment.
    db->exec("BEGIN");
    try {
      read(reg);
      db->exec("COMMIT");
    } catch (...) {
      db->exec("ROLLBACK");
      // A broken connection is opened afresh at the next render.
      db.reset();
      throw;
    }
  }

  void read(metrics::Registry& reg) {
    reg.zero_gauges(kFindingsOpen);
    store::Statement open(*db,
                          "SELECT rule, severity, count(*) FROM escalations WHERE state <> 'resolved' "
                          "GROUP BY rule, severity");
    while (open.step())
      reg.gauge(kFindingsOpen, kFindingsOpenHelp,
                {{"rule", open.column_text(0)}, {"severity", open.column_text(1)}})
          .set(static_cast<double>(open.column_int(2)));

    for (const char* state : {"open", "acknowledged", "silenced", "resolved"})
      reg.gauge(kEscalations, kEscalationsHelp, {{"state", state}}).set(0);
    store::Statement states(*db, "SELECT state, count(*) FROM escalations GROUP BY state");
    while (states.step())
      reg.gauge(kEscalations, kEscalationsHelp, {{"state", states.column_text(0)}})
          .set(static_cast<double>(states.column_int(1)));

    outbox::OutboxStore outbox(*db);
    for (const auto& [state, count] : outbox.depth())
      reg.gauge(kOutboxMessages, kOutboxMessagesHelp, {{"state", std::string(outbox::to_string(state))}})
          .set(static_cast<double>(count));

    for (const char* channel : {"email", "webhook", "log"})
      reg.gauge(kOutboxFailures, kOutboxFailuresHelp, {{"channel", channel}}).set(0);
    store::Statement failures(
        *db,
        "SELECT o.channel, count(*) FROM outbox_events e JOIN outbox o ON o.id = e.outbox_id "
        "WHERE e.type IN ('failed', 'dead') GROUP BY o.channel");
    while (failures.step())
      reg.gauge(kOutboxFailures, kOutboxFailuresHelp, {{"channel", failures.column_text(0)}})
          .set(static_cast<double>(failures.column_int(1)));
  }
};

}  // namespace

void register_store_metrics(const std::filesystem::path& database) {
  auto reader = std::make_shared<StoreReader>();
  reader->path = database;
  metrics::registry().add_collector(std::string(kStoreCollector),
                                    [reader](metrics::Registry& reg) { reader->collect(reg); });
}

}  // namespace carewatch::service
