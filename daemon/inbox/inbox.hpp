#pragma once
// Inbox: imports NDJSON files dropped into a directory (DESIGN.md "inbox dir"), with the same Importer,
// validation and quarantine as `carewatch import`, then moves each file out of the way:
//
//   <directory>/batch.ndjson  ──import──►  <directory>/done/batch.ndjson           every line accepted
//                                     └─►  <directory>/rejected/batch.ndjson       some lines rejected
//                                          <directory>/rejected/batch.ndjson.errors  FILE:LINE: field: reason
//
// What is picked up: regular files (not symlinks) named `*.ndjson` and not starting with a dot. A file is
// imported only once its size, modification time and change time have stayed the same across scans for
// the settle time, so a file still being written is not read; writers should still write under a dot
// name or a non-.ndjson name (`.batch.ndjson`, `batch.ndjson.part`) and rename when complete. A file
// that changes while it is being imported is not moved; it is imported again once it has settled.
// A file with some bad lines keeps its good lines imported; the bad ones are quarantined.
// Names already taken in done/ or rejected/ get a numeric suffix (batch.1.ndjson); nothing is
// overwritten. A file that cannot be read stays where it is and is logged once (again only if it
// changes, e.g. its permissions are fixed).
//
// This class only scans when asked (tests drive it with their own clock); InboxWatcher runs it on the
// service's event loop. Thread-safety: none; one Inbox per connection.

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ingest/importer.hpp"
#include "store/database.hpp"

namespace spdlog {
class logger;
}

namespace carewatch::inbox {

using Clock = std::chrono::steady_clock;

struct InboxOptions {
  std::filesystem::path directory;
  // How long a file's size and times must stay unchanged before it is read.
  std::chrono::milliseconds settle{2000};
  // Passed to the Importer; metrics_source is set to "inbox".
  ingest::ImportOptions import;
};

enum class Disposition { done, rejected };

// One file the inbox imported and moved.
struct Processed {
  std::string name;  // the file's name as dropped
  Disposition disposition = Disposition::done;
  std::filesystem::path moved_to;  // where it is now
  ingest::ImportReport report;
};

class Inbox {
 public:
  // Creates done/ and rejected/ under the directory if needed. Throws std::runtime_error naming the
  // directory when it does not exist or the subdirectories cannot be made. `db` must outlive the Inbox;
  // `log` may be null.
  Inbox(store::Database& db, InboxOptions options, std::shared_ptr<spdlog::logger> log = nullptr);
  ~Inbox();
  Inbox(const Inbox&) = delete;
  Inbox& operator=(const Inbox&) = delete;

  // Looks at the directory as of `now`: notes new and changed files, and imports and moves those that
  // have settled. Never throws for a file's problems (they are logged); a store failure leaves the file
  // to be tried again at the next scan.
  std::vector<Processed> scan(Clock::time_point now);

  // When the earliest file seen but not yet settled will have settled; nullopt when none is waiting.
  std::optional<Clock::time_point> next_settle() const;

  // Whether a directory entry's name is one the inbox picks up: `*.ndjson`, not starting with a dot.
  static bool is_candidate(std::string_view name);

  const std::filesystem::path& directory() const noexcept { return options_.directory; }

 private:
  struct Stamp {
    std::int64_t size = 0;
    std::int64_t mtime_ns = 0;
    std::int64_t ctime_ns = 0;
    std::uint64_t inode = 0;
    friend bool operator==(const Stamp&, const Stamp&) = default;
  };
  struct Watched {
    Stamp stamp;
    Clock::time_point since;                    // when `stamp` was first seen
    bool failed = false;                        // could not be read at this stamp (logged once)
    std::optional<Clock::time_point> retry_at;  // after a store failure: not before then
    std::optional<Processed> unmoved;           // imported, but moving it failed: only the move is retried
  };

  std::optional<Processed> process(const std::string& name, Watched& watched, Clock::time_point now);
  // Moves to done/ or rejected/ (and writes the report); false when the file could not be moved, which
  // is logged unless `quiet` (a retry of a failure already logged).
  bool move(Processed& processed, bool quiet);

  store::Database& db_;
  InboxOptions options_;
  std::shared_ptr<spdlog::logger> log_;
  ingest::Importer importer_;
  std::map<std::string, Watched> watched_;
};

}  // namespace carewatch::inbox
