// Import throughput: generates N valid synthetic records in memory, imports them into a fresh
// database in a temp dir and prints records per second. Not a test: speed depends on the machine.
//
//     carewatch_import_bench [RECORDS=500000] [BATCH_LINES=5000]
//
// BENCH_PRAGMA="PRAGMA ..." in the environment runs that statement on the connection first, to try
// SQLite settings.

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "ingest/importer.hpp"
#include "store/database.hpp"
#include "temp_database.hpp"

namespace {

std::string synthetic_ndjson(long count) {
  std::string out;
  out.reserve(static_cast<std::size_t>(count) * 260);
  char line[512];
  for (long i = 0; i < count; ++i) {
    const long home = i % 20;
    const long child = i % 400;
    const long staff = i % 150;
    const long minute = i % (60 * 24 * 28);
    const int day = static_cast<int>(minute / (60 * 24)) + 1;
    const int hour = static_cast<int>(minute / 60 % 24);
    const int min = static_cast<int>(minute % 60);
    int n = 0;
    switch (i % 3) {
      case 0:
        n = std::snprintf(line, sizeof line,
                          R"({"kind":"daily_log","id":"D-%ld","home":"H%ld","child":"C%ld",)"
                          R"("recorded_at":"2025-02-%02dT%02d:%02d:30Z","occurred_at":"2025-02-%02dT%02d:%02d:00Z",)"
                          R"("author":"S%ld","text":"An ordinary day with school and tea."})",
                          i, home, child, day, hour, min, day, hour, min, staff);
        break;
      case 1:
        n = std::snprintf(line, sizeof line,
                          R"({"kind":"incident","id":"I-%ld","home":"H%ld","child":"C%ld",)"
                          R"("recorded_at":"2025-02-%02dT%02d:%02d:30Z","occurred_at":"2025-02-%02dT%02d:%02d:00Z",)"
                          R"("categories":["distress","property_damage"],"staff_involved":["S%ld","S%ld"],)"
                          R"("police_involved":false})",
                          i, home, child, day, hour, min, day, hour, min, staff, (staff + 1) % 150);
        break;
      default:
        n = std::snprintf(line, sizeof line,
                          R"({"kind":"medication","id":"M-%ld","home":"H%ld","child":"C%ld",)"
                          R"("recorded_at":"2025-02-%02dT%02d:%02d:30Z","scheduled_at":"2025-02-%02dT%02d:%02d:00Z",)"
                          R"("medicine":"med-%ld","status":"given","administered_by":"S%ld"})",
                          i, home, child, day, hour, min, day, hour, min, i % 12, staff);
        break;
    }
    out.append(line, static_cast<std::size_t>(n));
    out.push_back('\n');
  }
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  const long count = argc > 1 ? std::atol(argv[1]) : 500000;
  const long batch = argc > 2 ? std::atol(argv[2]) : 5000;
  if (count <= 0 || batch <= 0) {
    std::fprintf(stderr, "usage: %s [RECORDS] [BATCH_LINES]\n", argv[0]);
    return 2;
  }
  const std::string ndjson = synthetic_ndjson(count);

  carewatch::testing::TempDir dir;
  carewatch::store::Database db(dir / "bench.db");
  if (const char* pragma = std::getenv("BENCH_PRAGMA")) db.exec(pragma);
  carewatch::ingest::ImportOptions options;
  options.batch_lines = static_cast<std::size_t>(batch);
  carewatch::ingest::Importer importer(db, options);

  const auto start = std::chrono::steady_clock::now();
  const auto report = importer.import_buffer(ndjson, "bench");
  const std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - start;

  if (report.inserted != count) {
    std::fprintf(stderr, "expected %ld inserted, got %lld (%lld rejected)\n", count,
                 static_cast<long long>(report.inserted), static_cast<long long>(report.rejected));
    return 1;
  }
  std::printf("imported %ld records (%.1f MB NDJSON, batches of %ld) in %.2f s: %.0f records/s\n", count,
              static_cast<double>(ndjson.size()) / 1e6, batch, elapsed.count(),
              static_cast<double>(count) / elapsed.count());
  return 0;
}
