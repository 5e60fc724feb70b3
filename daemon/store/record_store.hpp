#pragma once
// RecordStore: the append-only record revisions, their subject index and the quarantine.
// See daemon/store/README.md for the tables and the as-of semantics.

#include <cstdint>
#include <memory>
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

// Not thread-safe: one RecordStore per Database connection, used by one thread at a time. It keeps
// prepared statements on `db`, so it must not outlive it.
class RecordStore {
 public:
  explicit RecordStore(Database& db);
  ~RecordStore();
  RecordStore(const RecordStore&) = delete;
  RecordStore& operator=(const RecordStore&) = delete;

  // Inside a caller's Transaction. The stored body is record.body().to_json() (canonical, sorted
  // keys); `duplicate` and `conflict` compare that canonical form, so key order and whitespace in the
  // input never make a conflict. An older revision arriving after a newer one is inserted too.
  PutOutcome put(const sdk::Record& record, std::string_view source, sdk::TimePoint imported_at);
  // put() for a batch, inside the caller's Transaction: the outcomes, in order, are those of calling
  // put() on each record in turn (a record may duplicate or conflict with an earlier one in the same
  // batch). Faster for bulk import: the subject-index rows are written together, in key order.
  std::vector<PutOutcome> put_batch(std::span<const sdk::Record> records, std::string_view source,
                                    sdk::TimePoint imported_at);
  // Inside a caller's Transaction.
  void quarantine(const QuarantineEntry& entry);
  // The same without first copying a possibly large raw line into a QuarantineEntry.
  void quarantine(std::string_view source, std::int64_t line, std::string_view field, std::string_view reason,
                  std::string_view raw, sdk::TimePoint received_at);

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

  // Every stored revision of one record (tombstones included), lowest revision first; empty when the
  // record is unknown. The engine uses it to find the subjects a record has moved out of.
  std::vector<sdk::Record> revisions(std::string_view kind, std::string_view id);

  std::int64_t count_revisions();
  std::int64_t count_quarantined();
  // The oldest `limit` quarantined lines, in the order they were rejected.
  std::vector<QuarantineEntry> quarantined(std::size_t limit = 100);

 private:
  struct Statements;
  struct SubjectRow;
  PutOutcome insert_revision(const sdk::Record& record, std::string_view source, sdk::TimePoint imported_at,
                             std::int64_t& seq);
  static void collect_subject_rows(const sdk::Record& record, std::int64_t seq, std::vector<SubjectRow>& rows);
  void insert_subject_rows(std::span<const SubjectRow> rows);

  Database& db_;
  std::unique_ptr<Statements> st_;
};

}  // namespace carewatch::store
