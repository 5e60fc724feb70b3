#pragma once
// Importer: reads NDJSON care records (RECORDS.md), validates each line against the schema, stores
// accepted records and quarantines rejected lines verbatim. The command-line `import` and the HTTP
// ingest endpoint both use it; it knows nothing of either.
//
//     store::Database db(path);
//     ingest::Importer importer(db);
//     ingest::ImportReport report = importer.import_stream(file, "demo.ndjson");
//     // report.inserted + report.unchanged + report.rejected == report.lines

#include <cstddef>
#include <cstdint>
#include <functional>
#include <istream>
#include <string>
#include <string_view>
#include <vector>

#include <carewatch/sdk/time.hpp>

#include "store/database.hpp"
#include "store/record_store.hpp"

namespace carewatch::ingest {

class LineReader;

// Why one line was rejected. `reason` never quotes record free text.
struct Rejection {
  std::int64_t line = 0;  // 1-based physical line number in the source
  std::string field;      // dotted field path, "line" for the line as a whole
  std::string reason;
  friend bool operator==(const Rejection&, const Rejection&) = default;
};

struct ImportReport {
  std::string source;
  std::int64_t lines = 0;      // non-blank lines read
  std::int64_t inserted = 0;   // new revisions stored
  std::int64_t unchanged = 0;  // revisions already stored with the same content
  std::int64_t rejected = 0;   // lines quarantined
  std::vector<Rejection> rejections;  // one per rejected line, in line order

  std::int64_t accepted() const noexcept { return inserted + unchanged; }
};

struct ImportOptions {
  // Lines per transaction: larger batches import faster; a crash loses at most the batch in flight,
  // and re-importing is harmless (identical revisions are no-ops).
  std::size_t batch_lines = 5000;
  // How much of an over-long line (RECORDS.md: > 1 MiB is rejected) the quarantine keeps. Such a line
  // is never parsed; it is read through once, and beyond this many bytes it is not even held in memory.
  std::size_t max_quarantined_line_bytes = 16 * 1024 * 1024;
  // SQLite page cache for the connection, in KiB (applied when the importer is made, for the
  // connection's lifetime). A batch's index pages must stay in memory: with SQLite's default 2 MiB the
  // subject index spills and re-reads pages in the middle of every batch. 0 leaves the cache alone.
  std::size_t page_cache_kib = 64 * 1024;
  // The time stamped on stored revisions (imported_at) and quarantined lines; the system clock when
  // empty. Read once per batch.
  std::function<sdk::TimePoint()> clock;
  // The `source` label of carewatch_records_ingested_total / _rejected_total (metrics/README.md): the
  // kind of input, "file" (carewatch import), "api" (HTTP ingest) or "inbox" (the inbox directory).
  std::string metrics_source = "file";
};

class Importer {
 public:
  // `db` must outlive the importer. Not thread-safe: one importer per connection.
  explicit Importer(store::Database& db, ImportOptions options = {});

  // Imports every line of `in`; `source` names it in the quarantine and the report (a file name,
  // "http", ...). Bad input never throws: it is reported and quarantined. Throws only when reading
  // fails (std::ios_base::failure) or the database fails (store::DatabaseError); batches committed
  // before the failure stay committed.
  ImportReport import_stream(std::istream& in, std::string_view source);
  // The same for NDJSON already in memory.
  ImportReport import_buffer(std::string_view ndjson, std::string_view source);

 private:
  ImportReport run(LineReader& reader, std::string_view source);

  store::Database& db_;
  store::RecordStore store_;
  ImportOptions options_;
};

}  // namespace carewatch::ingest
