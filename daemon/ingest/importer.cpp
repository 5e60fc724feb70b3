#include "ingest/importer.hpp"

#include <algorithm>
#include <cctype>
#include <chrono>
#include <optional>
#include <variant>

#include <carewatch/sdk/json.hpp>

#include "ingest/line_reader.hpp"
#include "metrics/registry.hpp"

namespace carewatch::ingest {
namespace {

constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";

bool is_blank(std::string_view text) noexcept { return text.find_first_not_of(" \t") == std::string_view::npos; }

// An id goes into a message printed on a terminal and kept in the quarantine; an id that is not a
// plain token (control characters, spaces, non-ASCII) is described rather than echoed.
std::string describe_record(const sdk::Record& record) {
  const std::string& id = record.id();
  const bool plain = std::all_of(id.begin(), id.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || std::string_view("-_.:/+@#").find(c) != std::string_view::npos;
  });
  return plain ? record.kind() + "/" + id : "this " + record.kind();
}

sdk::TimePoint system_now() {
  return std::chrono::time_point_cast<sdk::Seconds>(std::chrono::system_clock::now());
}

}  // namespace

Importer::Importer(store::Database& db, ImportOptions options)
    : db_(db), store_(db), options_(std::move(options)) {
  options_.batch_lines = std::max<std::size_t>(options_.batch_lines, 1);
  // Keep at least enough of an over-long line to show that it was over the limit.
  options_.max_quarantined_line_bytes =
      std::max(options_.max_quarantined_line_bytes, sdk::schema::kMaxLineBytes + 1);
  if (!options_.clock) options_.clock = system_now;
  if (options_.page_cache_kib > 0)
    db_.exec("PRAGMA cache_size = -" + std::to_string(options_.page_cache_kib));
}

ImportReport Importer::import_stream(std::istream& in, std::string_view source) {
  LineReader reader(in, options_.max_quarantined_line_bytes);
  return run(reader, source);
}

ImportReport Importer::import_buffer(std::string_view ndjson, std::string_view source) {
  LineReader reader(ndjson, options_.max_quarantined_line_bytes);
  return run(reader, source);
}

ImportReport Importer::run(LineReader& reader, std::string_view source) {
  ImportReport report;
  report.source = source;
  const metrics::Labels labels{{"source", options_.metrics_source}};
  metrics::Counter& ingested =
      metrics::registry().counter("carewatch_records_ingested_total",
                                  "Record lines accepted by ingest (new or unchanged revisions).", labels);
  metrics::Counter& rejected = metrics::registry().counter("carewatch_records_rejected_total",
                                                           "Record lines rejected and quarantined.", labels);
  InputLine line;
  // A batch's valid records go to the store together (RecordStore::put_batch); each keeps its line
  // number and a copy of its text in case the store finds it conflicts with a stored revision.
  std::vector<sdk::Record> records;
  std::vector<std::int64_t> record_lines;
  std::vector<std::size_t> record_text_ends;
  std::string record_texts;
  bool more = true;
  while (more) {
    // Begun on the first non-blank line of a batch, so that blank input takes no write lock.
    std::optional<store::Transaction> tx;
    sdk::TimePoint now{};
    std::size_t in_batch = 0;
    const std::size_t first_rejection = report.rejections.size();
    const std::int64_t accepted_before = report.accepted();
    const std::int64_t rejected_before = report.rejected;
    records.clear();
    record_lines.clear();
    record_text_ends.clear();
    record_texts.clear();
    while (in_batch < options_.batch_lines) {
      if (!reader.next(line)) {
        more = false;
        break;
      }
      const std::string_view raw = line.text;
      std::string_view content = raw;
      if (line.number == 1 && content.starts_with(kUtf8Bom)) content.remove_prefix(kUtf8Bom.size());
      if (!line.truncated() && is_blank(content)) continue;
      if (!tx) {
        tx.emplace(db_);
        now = options_.clock();
      }
      ++in_batch;
      ++report.lines;

      auto reject = [&](std::string field, std::string reason) {
        store_.quarantine(source, line.number, field, reason, raw, now);
        ++report.rejected;
        report.rejections.push_back({line.number, std::move(field), std::move(reason)});
      };

      if (line.length > sdk::schema::kMaxLineBytes) {
        // Checked here rather than left to parse_record_line so that the line is never parsed.
        std::string reason = "longer than 1 MiB (" + std::to_string(line.length) + " bytes)";
        if (line.truncated())
          reason += "; the quarantine keeps its first " + std::to_string(raw.size()) + " bytes";
        reject("line", std::move(reason));
        continue;
      }
      auto parsed = sdk::parse_record_line(content);
      if (auto* err = std::get_if<sdk::schema::FieldError>(&parsed)) {
        reject(std::move(err->field), std::move(err->reason));
        continue;
      }
      records.push_back(std::get<sdk::Record>(std::move(parsed)));
      record_lines.push_back(line.number);
      record_texts.append(raw);
      record_text_ends.push_back(record_texts.size());
    }
    if (!tx) continue;

    const std::vector<store::PutOutcome> outcomes = store_.put_batch(records, source, now);
    for (std::size_t i = 0; i < outcomes.size(); ++i) {
      switch (outcomes[i]) {
        case store::PutOutcome::inserted: ++report.inserted; break;
        case store::PutOutcome::duplicate: ++report.unchanged; break;
        case store::PutOutcome::conflict: {
          const sdk::Record& record = records[i];
          const std::size_t begin = i == 0 ? 0 : record_text_ends[i - 1];
          std::string reason = "revision " + std::to_string(record.revision()) + " of " + describe_record(record) +
                               " already stored with different content; send a higher revision";
          store_.quarantine(source, record_lines[i], "revision", reason,
                            std::string_view(record_texts).substr(begin, record_text_ends[i] - begin), now);
          ++report.rejected;
          report.rejections.push_back({record_lines[i], "revision", std::move(reason)});
          break;
        }
      }
    }
    // Conflicts are known only once the batch is stored; keep the report in line order.
    std::stable_sort(report.rejections.begin() + static_cast<std::ptrdiff_t>(first_rejection),
                     report.rejections.end(),
                     [](const Rejection& a, const Rejection& b) { return a.line < b.line; });
    tx->commit();
    // Counted per committed batch, so that a batch rolled back by a failure is not counted.
    ingested.inc(static_cast<double>(report.accepted() - accepted_before));
    rejected.inc(static_cast<double>(report.rejected - rejected_before));
  }
  return report;
}

}  // namespace carewatch::ingest
