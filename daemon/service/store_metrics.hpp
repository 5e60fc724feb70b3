#pragma once
// Store-derived gauges for GET /metrics (metrics/README.md): findings open by rule and severity,
// escalations by state, outbox messages by state and failed delivery attempts by channel. They are
// read from the store when the metrics are rendered, by a collector registered in the process-wide
// metrics registry.

#include <filesystem>
#include <string_view>

namespace carewatch::service {

// The collector's name in metrics::registry().
inline constexpr std::string_view kStoreCollector = "store";

// Registers (or replaces) the store collector for `database`. The collector reads through its own
// read-only connection, opened at the first render (a later call, after a reload, replaces it), so it
// may run on whichever thread renders without touching the event loop's connection. A store that
// cannot be read makes the collector throw: that render skips it and counts the failure.
void register_store_metrics(const std::filesystem::path& database);

}  // namespace carewatch::service
