#include "inbox/inbox.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <spdlog/logger.h>
#include <spdlog/sinks/null_sink.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <set>
#include <stdexcept>
#include <system_error>

namespace carewatch::inbox {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view kSuffix = ".ndjson";
constexpr std::string_view kErrorsSuffix = ".errors";
// The shortest wait before a file whose import failed in the store is tried again.
constexpr std::chrono::seconds kStoreRetry{5};

InboxOptions prepared(InboxOptions options) {
  options.import.metrics_source = "inbox";
  return options;
}

std::string errno_text(int err) {
  return std::error_code(err, std::generic_category()).message();
}

// 0 when something is at `path` (a symlink is not followed), otherwise lstat's errno: ENOENT means the
// name is free. Any other errno (EACCES, ENOTDIR, ENAMETOOLONG) says nothing about the name being taken,
// so callers must not treat it as "taken": trying the next suffix would then loop forever.
int lstat_error(const fs::path& path) {
  struct stat st {};
  return ::lstat(path.c_str(), &st) == 0 ? 0 : errno;
}

// Renames without ever replacing an existing file: a file already in done/ or rejected/ must not be lost.
// Returns 0 or an errno; EEXIST when `to` is taken.
int rename_no_replace(const fs::path& from, const fs::path& to) {
  if (::renameat2(AT_FDCWD, from.c_str(), AT_FDCWD, to.c_str(), RENAME_NOREPLACE) == 0) return 0;
  if (errno != EINVAL && errno != ENOSYS) return errno;
  // A file system without RENAME_NOREPLACE: check first. Only another process racing for the same new
  // name could slip in between, and nothing else writes into done/ or rejected/.
  const int err = lstat_error(to);
  if (err == 0) return EEXIST;
  if (err != ENOENT) return err;
  return ::rename(from.c_str(), to.c_str()) == 0 ? 0 : errno;
}

std::int64_t nanoseconds(const struct timespec& t) {
  return static_cast<std::int64_t>(t.tv_sec) * 1'000'000'000 + t.tv_nsec;
}

}  // namespace

bool Inbox::is_candidate(std::string_view name) {
  return name.size() > kSuffix.size() && name.ends_with(kSuffix) && !name.starts_with('.');
}

Inbox::Inbox(store::Database& db, InboxOptions options, std::shared_ptr<spdlog::logger> log)
    : db_(db),
      options_(prepared(std::move(options))),
      log_(log ? std::move(log)
               : std::make_shared<spdlog::logger>("inbox", std::make_shared<spdlog::sinks::null_sink_mt>())),
      importer_(db_, options_.import) {
  std::error_code ec;
  if (!fs::is_directory(options_.directory, ec))
    throw std::runtime_error("inbox directory " + options_.directory.string() + " does not exist");
  for (const char* sub : {"done", "rejected"}) {
    fs::create_directory(options_.directory / sub, ec);
    if (ec || !fs::is_directory(options_.directory / sub))
      throw std::runtime_error("cannot create " + (options_.directory / sub).string() + ": " +
                               (ec ? ec.message() : std::string("not a directory")));
  }
}

Inbox::~Inbox() = default;

std::vector<Processed> Inbox::scan(Clock::time_point now) {
  std::vector<Processed> out;
  std::set<std::string> present;
  std::error_code ec;
  fs::directory_iterator it(options_.directory, ec);
  if (ec) {
    log_->error("inbox: cannot list {}: {}", options_.directory.string(), ec.message());
    return out;
  }
  for (; it != fs::directory_iterator(); it.increment(ec)) {
    if (ec) break;
    const std::string name = it->path().filename().string();
    if (!is_candidate(name)) continue;
    struct stat st {};
    // lstat: a symlink is not followed, so the inbox never reads files outside its directory.
    if (::lstat(it->path().c_str(), &st) != 0 || !S_ISREG(st.st_mode)) continue;
    present.insert(name);
    const Stamp stamp{static_cast<std::int64_t>(st.st_size), nanoseconds(st.st_mtim), nanoseconds(st.st_ctim),
                      static_cast<std::uint64_t>(st.st_ino)};
    auto [entry, fresh] = watched_.try_emplace(name);
    Watched& w = entry->second;
    if (fresh || w.stamp != stamp) {
      w = Watched{stamp, now, false, std::nullopt, std::nullopt};
      if (options_.settle.count() > 0) continue;
    }
    if (w.failed || now - w.since < options_.settle || (w.retry_at && now < *w.retry_at)) continue;
    if (w.unmoved) {
      // Already logged when the first move failed; retried quietly at each scan.
      if (move(*w.unmoved, /*quiet=*/true)) {
        out.push_back(std::move(*w.unmoved));
        watched_.erase(entry);
      }
      continue;
    }
    if (auto processed = process(name, w, now)) {
      out.push_back(std::move(*processed));
      watched_.erase(entry);
    }
  }
  if (ec) log_->error("inbox: listing {} stopped early: {}", options_.directory.string(), ec.message());
  // Forget files that went away (moved by someone else, or by us above).
  std::erase_if(watched_, [&](const auto& item) { return !present.count(item.first); });
  return out;
}

std::optional<Clock::time_point> Inbox::next_settle() const {
  std::optional<Clock::time_point> next;
  for (const auto& [name, w] : watched_) {
    if (w.failed || w.unmoved) continue;
    const Clock::time_point at =
        std::max(w.since + options_.settle, w.retry_at.value_or(Clock::time_point{}));
    if (!next || at < *next) next = at;
  }
  return next;
}

std::optional<Processed> Inbox::process(const std::string& name, Watched& watched, Clock::time_point now) {
  const fs::path path = options_.directory / name;
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    const int err = errno;
    log_->error("inbox: cannot read {}: {}; left in place", path.string(), errno_text(err));
    watched.failed = true;
    return std::nullopt;
  }
  Processed processed;
  processed.name = name;
  try {
    processed.report = importer_.import_stream(in, path.string());
  } catch (const std::ios_base::failure& e) {
    // Batches committed before the failure stay; importing the file again later is harmless.
    log_->error("inbox: reading {} failed: {}; left in place", path.string(), e.what());
    watched.failed = true;
    return std::nullopt;
  } catch (const std::exception& e) {
    // Not at once: a full disk fails immediately, and the loop must not spin on it.
    watched.retry_at = now + std::max<Clock::duration>(options_.settle, kStoreRetry);
    log_->error("inbox: importing {} failed, will retry: {}", path.string(), e.what());
    return std::nullopt;
  }
  in.close();
  // A writer that went on writing while the file was read (no rename, and a pause longer than the settle
  // time before it) would have its later lines moved away unread. Such a file waits to settle again and
  // is imported again then (its lines already stored are unchanged).
  struct stat st {};
  if (::lstat(path.c_str(), &st) != 0) return std::nullopt;  // gone: nothing left to move
  const Stamp after{static_cast<std::int64_t>(st.st_size), nanoseconds(st.st_mtim), nanoseconds(st.st_ctim),
                    static_cast<std::uint64_t>(st.st_ino)};
  if (after != watched.stamp) {
    log_->warn("inbox: {} changed while it was imported; importing it again once it has settled", name);
    watched = Watched{after, now, false, std::nullopt, std::nullopt};
    return std::nullopt;
  }
  const ingest::ImportReport& r = processed.report;
  processed.disposition = r.rejected > 0 ? Disposition::rejected : Disposition::done;
  log_->info("inbox: {} imported: lines={} inserted={} unchanged={} rejected={}", name, r.lines, r.inserted,
             r.unchanged, r.rejected);
  if (!move(processed, /*quiet=*/false)) {
    // Imported but not moved: only the move is retried, so the file is not imported again and again.
    watched.unmoved = std::move(processed);
    return std::nullopt;
  }
  return processed;
}

bool Inbox::move(Processed& processed, bool quiet) {
  const bool rejected = processed.disposition == Disposition::rejected;
  const fs::path from = options_.directory / processed.name;
  const fs::path dir = options_.directory / (rejected ? "rejected" : "done");
  const std::string stem = processed.name.substr(0, processed.name.size() - kSuffix.size());
  const auto cannot_move = [&](int err) {
    if (!quiet)
      log_->error("inbox: cannot move {} to {}: {}; imported, left in place", from.string(), dir.string(),
                  errno_text(err));
    return false;
  };
  for (int n = 0;; ++n) {
    const std::string candidate =
        n == 0 ? processed.name : stem + "." + std::to_string(n) + std::string(kSuffix);
    const fs::path to = dir / candidate;
    if (rejected) {
      // In rejected/, the report's name must be free too. A name too long to take the suffix cannot clash
      // with a report; the file still moves, and writing its report fails (logged) below.
      const int report = lstat_error(fs::path(to) += kErrorsSuffix);
      if (report == 0) continue;
      if (report != ENOENT && report != ENAMETOOLONG) return cannot_move(report);
    }
    const int err = rename_no_replace(from, to);
    if (err == EEXIST) continue;
    if (err != 0) return cannot_move(err);
    processed.moved_to = to;
    break;
  }
  log_->info("inbox: {} moved to {}", processed.name, processed.moved_to.string());
  if (!rejected) return true;

  const fs::path report = fs::path(processed.moved_to) += kErrorsSuffix;
  // "x": never replace a file someone put there after the check above.
  std::FILE* f = std::fopen(report.c_str(), "wx");
  if (!f) {
    log_->error("inbox: cannot write {}: {}", report.string(), errno_text(errno));
    return true;  // the file itself is safely in rejected/, and its rejections are in the quarantine
  }
  bool ok = true;
  for (const ingest::Rejection& rej : processed.report.rejections) {
    const std::string line =
        processed.name + ":" + std::to_string(rej.line) + ": " + rej.field + ": " + rej.reason + "\n";
    ok = ok && std::fwrite(line.data(), 1, line.size(), f) == line.size();
  }
  ok = (std::fclose(f) == 0) && ok;
  if (!ok) log_->error("inbox: writing {} failed", report.string());
  return true;
}

}  // namespace carewatch::inbox
