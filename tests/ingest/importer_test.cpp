#include "ingest/importer.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>
#include <memory>
#include <sstream>
#include <streambuf>
#include <string>
#include <vector>

#include "store/database.hpp"
#include "store/record_store.hpp"
#include "temp_database.hpp"

namespace carewatch::ingest {
namespace {

using ::testing::HasSubstr;

std::string incident(std::string_view id, int revision = 1, std::string_view child = "C1") {
  return R"({"kind":"incident","id":")" + std::string(id) + R"(","home":"H1","child":")" + std::string(child) +
         R"(","recorded_at":"2025-02-01T11:00:00Z","revision":)" + std::to_string(revision) +
         R"(,"occurred_at":"2025-02-01T10:00:00Z","categories":["injury"]})";
}

const sdk::TimePoint kNow = sdk::from_unix(1748736000);  // 2025-06-01T00:00:00Z

class ImporterTest : public ::testing::Test {
 protected:
  ImporterTest() { open(); }

  void open() {
    store_.reset();
    db_ = std::make_unique<store::Database>(dir_ / "ingest.db");
    store_ = std::make_unique<store::RecordStore>(*db_);
  }

  ImportReport import(std::string_view ndjson, ImportOptions options = {}) {
    if (!options.clock) options.clock = [] { return kNow; };
    Importer importer(*db_, std::move(options));
    return importer.import_buffer(ndjson, "test.ndjson");
  }

  carewatch::testing::TempDir dir_;
  std::unique_ptr<store::Database> db_;
  std::unique_ptr<store::RecordStore> store_;
};

// The malformed lines of one file, each with the field the importer must name.
struct BadLine {
  std::string text;
  std::string field;
  std::string reason_part;
};

std::vector<BadLine> bad_lines() {
  return {
      {R"({"kind":"incident","id":"I-X",)", "line", "invalid JSON"},
      {R"({"kind":"widget","id":"W-1","home":"H1","recorded_at":"2025-02-01T11:00:00Z"})", "kind",
       "unknown kind 'widget'"},
      {R"({"kind":"incident","id":"I-M","home":"H1","child":"C1","recorded_at":"2025-02-01T11:00:00Z","categories":["injury"]})",
       "occurred_at", "required field is missing"},
      {R"({"kind":"staff","id":"S-1","home":"H1","recorded_at":"2025-02-01T11:00:00Z","role":"senior",)"
       R"("employment":"bank","care_role":"yes","started_at":"2024-01-01"})",
       "care_role", "expected true or false"},
      {R"({"kind":"child","id":"C-9","home":"H1","recorded_at":"2025-02-01T11:00:00Z","date_of_birth":"2010-01-01",)"
       R"("placing_authority":"LA","admitted_at":"2025-01-01T00:00:00Z","communication":"semaphore"})",
       "communication", "unknown value 'semaphore'"},
      {R"({"kind":"incident","id":"I-T","home":"H1","child":"C1","recorded_at":"2025-02-30T11:00:00Z",)"
       R"("occurred_at":"2025-02-01T10:00:00Z","categories":["injury"]})",
       "recorded_at", "is not an RFC 3339 timestamp"},
      {R"({"kind":"incident","id":")" + std::string(129, 'x') +
           R"(","home":"H1","child":"C1","recorded_at":"2025-02-01T11:00:00Z","occurred_at":"2025-02-01T10:00:00Z","categories":["injury"]})",
       "id", "must be 1 to 128 characters"},
      {R"({"kind":"incident","id":"I-L","home":"H1","child":"C1","recorded_at":"2025-02-01T11:00:00Z",)"
       R"("occurred_at":"2025-02-01T10:00:00Z","categories":["injury"],"description":")" +
           std::string(1024 * 1024, 'a') + R"("})",
       "line", "longer than 1 MiB"},
      {"{\"kind\":\"incident\",\"id\":\"I-U\",\"home\":\"H1\",\"child\":\"C1\",\"description\":\"\xC3\x28\"}", "line",
       "invalid JSON"},
      {R"({"kind":"incident","id":"I-W","home":"H1","child":"C1","recorded_at":"2025-02-01T11:00:00Z",)"
       R"("occurred_at":"2025-02-01T10:00:00Z","categories":["injury"],"staff_involved":"S1"})",
       "staff_involved", "expected a list of strings"},
  };
}

// Every malformed line is rejected with its own line number, field and reason and quarantined
// verbatim; all the other lines are imported, and blank lines are not counted.
TEST_F(ImporterTest, MalformedLinesAreReportedPreciselyAndTheRestImported) {
  const auto bad = bad_lines();
  std::string file;
  std::vector<std::int64_t> bad_numbers;
  std::int64_t number = 0;
  int good = 0;
  for (std::size_t i = 0; i < bad.size(); ++i) {
    file += incident("I-" + std::to_string(i)) + "\r\n";  // CRLF tolerated
    ++number;
    ++good;
    file += "\n";  // a blank line still counts for line numbers
    ++number;
    file += bad[i].text + "\n";
    bad_numbers.push_back(++number);
  }
  file += "  \t\n" + incident("I-last");  // no final newline
  ++good;

  const ImportReport report = import(file);
  EXPECT_EQ(report.lines, good + static_cast<std::int64_t>(bad.size()));
  EXPECT_EQ(report.inserted, good);
  EXPECT_EQ(report.unchanged, 0);
  EXPECT_EQ(report.rejected, static_cast<std::int64_t>(bad.size()));
  EXPECT_EQ(report.accepted() + report.rejected, report.lines);
  ASSERT_EQ(report.rejections.size(), bad.size());
  for (std::size_t i = 0; i < bad.size(); ++i) {
    SCOPED_TRACE("bad line " + std::to_string(i));
    EXPECT_EQ(report.rejections[i].line, bad_numbers[i]);
    EXPECT_EQ(report.rejections[i].field, bad[i].field);
    EXPECT_THAT(report.rejections[i].reason, HasSubstr(bad[i].reason_part));
    EXPECT_LT(report.rejections[i].reason.size(), 300u);  // never echoes the line
  }

  EXPECT_EQ(store_->count_revisions(), good);
  const auto quarantined = store_->quarantined(1000);
  ASSERT_EQ(quarantined.size(), bad.size());
  for (std::size_t i = 0; i < bad.size(); ++i) {
    EXPECT_EQ(quarantined[i].raw, bad[i].text) << "line " << bad_numbers[i];
    EXPECT_EQ(quarantined[i].line, bad_numbers[i]);
    EXPECT_EQ(quarantined[i].source, "test.ndjson");
    EXPECT_EQ(quarantined[i].field, bad[i].field);
    EXPECT_EQ(quarantined[i].received_at, kNow);
  }
}

// Importing the same file twice stores nothing new the second time.
TEST_F(ImporterTest, SecondImportOfSameFileAddsNothing) {
  const std::string file = incident("I-1") + "\n" + incident("I-2") + "\nnot json\n";
  const ImportReport first = import(file);
  EXPECT_EQ(first.inserted, 2);
  const ImportReport second = import(file);
  EXPECT_EQ(second.lines, 3);
  EXPECT_EQ(second.inserted, 0);
  EXPECT_EQ(second.unchanged, 2);
  EXPECT_EQ(second.rejected, 1);
  EXPECT_EQ(store_->count_revisions(), 2);
}

// A higher revision is a new revision; the same revision with new content is a conflict, reported on
// the revision field with what to do about it.
TEST_F(ImporterTest, HigherRevisionIsAcceptedSameRevisionConflictIsRejected) {
  import(incident("I-7", 1, "C1"));
  const ImportReport report = import(incident("I-7", 2, "C2") + "\n" + incident("I-7", 1, "C3") + "\n");
  EXPECT_EQ(report.inserted, 1);
  ASSERT_EQ(report.rejections.size(), 1u);
  EXPECT_EQ(report.rejections[0],
            (Rejection{2, "revision",
                       "revision 1 of incident/I-7 already stored with different content; send a higher revision"}));
  EXPECT_EQ(store_->count_revisions(), 2);
  EXPECT_EQ(store_->quarantined().at(0).raw, incident("I-7", 1, "C3"));
}

// An id that is not a plain token is not echoed into the conflict message (it is printed on terminals).
TEST_F(ImporterTest, ConflictMessageDoesNotEchoOddIds) {
  const std::string first =
      R"({"kind":"incident","id":"I 7\u001b[2J","home":"H1","child":"C1","recorded_at":"2025-02-01T11:00:00Z",)"
      R"("occurred_at":"2025-02-01T10:00:00Z","categories":["injury"]})";
  std::string second = first;
  second.replace(second.find("C1"), 2, "C2");
  const ImportReport report = import(first + "\n" + second + "\n");
  ASSERT_EQ(report.rejections.size(), 1u);
  EXPECT_EQ(report.rejections[0].reason,
            "revision 1 of this incident already stored with different content; send a higher revision");
}

// Small batches give the same result as one batch, across boundaries that fall on rejected lines,
// duplicates and conflicts inside one batch.
TEST_F(ImporterTest, BatchesCommitAcrossBoundaries) {
  std::string file;
  for (int i = 0; i < 10; ++i) {
    file += incident("I-" + std::to_string(i)) + "\n";
    if (i % 3 == 2) file += "{broken\n";
  }
  file += incident("I-0") + "\n";             // duplicate of line 1
  file += incident("I-1", 1, "C9") + "\n";    // conflict with line 2
  ImportOptions options;
  options.batch_lines = 3;
  const ImportReport report = import(file, options);
  EXPECT_EQ(report.lines, 15);
  EXPECT_EQ(report.inserted, 10);
  EXPECT_EQ(report.unchanged, 1);
  EXPECT_EQ(report.rejected, 4);
  EXPECT_EQ(store_->count_revisions(), 10);
  EXPECT_EQ(store_->count_quarantined(), 4);
  EXPECT_EQ(report.rejections.back().field, "revision");
  EXPECT_EQ(report.rejections.back().line, 15);
}

// Imported records and quarantined lines are on disk: a new connection sees them.
TEST_F(ImporterTest, ImportedDataSurvivesReopening) {
  const std::string path = (dir_ / "in.ndjson").string();
  {
    std::ofstream out(path, std::ios::binary);
    out << incident("I-1") << "\n" << incident("I-2") << "\n[1]\n";
  }
  {
    std::ifstream in(path, std::ios::binary);
    Importer importer(*db_);
    const ImportReport report = importer.import_stream(in, path);
    EXPECT_EQ(report.inserted, 2);
    EXPECT_EQ(report.rejected, 1);
  }
  open();
  EXPECT_EQ(store_->count_revisions(), 2);
  ASSERT_EQ(store_->count_quarantined(), 1);
  EXPECT_EQ(store_->quarantined().at(0).raw, "[1]");
  EXPECT_EQ(store_->quarantined().at(0).source, path);
}

// A stream and a buffer with the same content give the same report, even where lines span the
// stream's read blocks.
TEST_F(ImporterTest, StreamAndBufferAgree) {
  std::string file;
  for (const auto& bad : bad_lines()) file += incident("I-" + std::to_string(file.size())) + "\r\n\n" + bad.text + "\n";
  const ImportReport from_buffer = import(file);
  carewatch::testing::TempDir other;
  store::Database db(other / "other.db");
  Importer importer(db);
  std::istringstream in(file);
  const ImportReport from_stream = importer.import_stream(in, "test.ndjson");
  EXPECT_EQ(from_stream.lines, from_buffer.lines);
  EXPECT_EQ(from_stream.inserted, from_buffer.inserted);
  EXPECT_EQ(from_stream.rejections, from_buffer.rejections);
  store::RecordStore other_store(db);
  const auto a = store_->quarantined(100);
  const auto b = other_store.quarantined(100);
  ASSERT_EQ(a.size(), b.size());
  for (std::size_t i = 0; i < a.size(); ++i) EXPECT_EQ(a[i].raw, b[i].raw);
}

// A line far beyond the limit is rejected without being held whole: the quarantine keeps a bounded
// prefix and the reason says so.
TEST_F(ImporterTest, HugeLineKeepsBoundedPrefix) {
  const std::size_t huge = 3 * 1024 * 1024;
  std::string file = incident("I-1") + "\n" + std::string(huge, 'z') + "\r\n" + incident("I-2") + "\n";
  ImportOptions options;
  options.max_quarantined_line_bytes = 2 * 1024 * 1024;
  carewatch::testing::TempDir other;
  store::Database db(other / "other.db");
  Importer importer(db, options);
  std::istringstream in(file);
  const ImportReport report = importer.import_stream(in, "huge.ndjson");
  EXPECT_EQ(report.inserted, 2);
  ASSERT_EQ(report.rejections.size(), 1u);
  EXPECT_EQ(report.rejections[0].line, 2);
  EXPECT_EQ(report.rejections[0].field, "line");
  EXPECT_THAT(report.rejections[0].reason, HasSubstr("(3145728 bytes)"));
  EXPECT_THAT(report.rejections[0].reason, HasSubstr("keeps its first 2097152 bytes"));
  store::RecordStore other_store(db);
  EXPECT_EQ(other_store.quarantined().at(0).raw, std::string(2 * 1024 * 1024, 'z'));
}

// A UTF-8 byte-order mark before the first record does not make it invalid.
TEST_F(ImporterTest, ByteOrderMarkOnFirstLineIsTolerated) {
  const ImportReport report = import("\xEF\xBB\xBF" + incident("I-1") + "\n");
  EXPECT_EQ(report.inserted, 1);
  EXPECT_EQ(report.rejected, 0);
}

// Empty and blank-only input imports nothing and counts no lines.
TEST_F(ImporterTest, BlankInputImportsNothing) {
  const ImportReport report = import("\n \n\t\r\n");
  EXPECT_EQ(report.lines, 0);
  EXPECT_EQ(report.rejected, 0);
  EXPECT_EQ(import("").lines, 0);
}

// A stream buffer that hands out one batch's worth of input and then fails, like a disk error.
class FailingBuf : public std::streambuf {
 public:
  explicit FailingBuf(std::string data) : data_(std::move(data)) {
    setg(data_.data(), data_.data(), data_.data() + data_.size());
  }

 protected:
  int_type underflow() override { throw std::runtime_error("disk on fire"); }

 private:
  std::string data_;
};

// A read error is an I/O failure: the importer throws rather than reporting a short file as complete.
TEST_F(ImporterTest, ReadErrorThrows) {
  FailingBuf buf(incident("I-1") + "\n");
  std::istream in(&buf);
  Importer importer(*db_);
  EXPECT_THROW(importer.import_stream(in, "failing"), std::ios_base::failure);
}

}  // namespace
}  // namespace carewatch::ingest
