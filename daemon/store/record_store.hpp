#pragma once
// RecordStore: the append-only record revisions, their subject index and the quarantine.

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <carewatch/sdk/record.hpp>
#include <carewatch/sdk/timeline.hpp>

#include "store/database.hpp"

namespace carewatch::store {

enum class PutOutcome {
  inserted,   // a new revision
  duplicate,  // the same (kind, id, revision) with the same content: nothing to do
  conflict,   // the same (kind, id, revision) with different content: rejected
};

struct QuarantineEntry {
  std::string source;  // file name, "http" or the inbox file
  std::int64_t line = 0;
  std::string field;
  std::string reason;
  std::string raw;     // the line verbatim
  sdk::TimePoint received_at{};
};

// A stored revision and where it came from.
struct StoredRecord {
  std::int64_t seq = 0;
  sdk::Record record;
};

class RecordStore {
 public:
  explicit RecordStore(Database& db);

  // Inside a caller's Transaction. `canonical` is record.body().to_json().
  PutOutcome put(const sdk::Record& record, std::string_view source, sdk::TimePoint imported_at);
  void quarantine(const QuarantineEntry& entry);

  // The highest seq committed so far (0 for an empty store).
  std::int64_t last_seq();
  // Revisions committed after `seq`, oldest first, at most `limit`: the engine's change feed.
  std::vector<StoredRecord> since(std::int64_t seq, std::size_t limit = 10000);

  // The current records (RECORDS.md as-of semantics) of one subject as of T, restricted to `kinds`,
  // plus the scope's reference records (sdk::reference_kinds); tombstoned records are withdrawn.
  // A child or staff subject's timeline also carries its home's record.
  sdk::Timeline load_timeline(const sdk::Subject& subject, sdk::TimePoint as_of,
                              std::span<const std::string> kinds);
  // Every subject of a scope that has at least one revision recorded at or before T.
  std::vector<sdk::Subject> subjects(sdk::Scope scope, sdk::TimePoint as_of);

  std::int64_t count_revisions();
  std::int64_t count_quarantined();
  std::vector<QuarantineEntry> quarantined(std::size_t limit = 100);

 private:
  Database& db_;
};

}  // namespace carewatch::store
