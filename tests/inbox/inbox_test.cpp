// The inbox directory over a real directory and a real SQLite file, driven scan by scan with a test
// clock, so that settling is exercised without sleeping.

#include "inbox/inbox.hpp"

#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <spdlog/logger.h>
#include <spdlog/sinks/ostream_sink.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sqlite3.h>

#include "store/database.hpp"
#include "store/record_store.hpp"
#include "support/temp_dir.hpp"

namespace carewatch::inbox {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;
using ::testing::HasSubstr;

constexpr auto kSettle = 1000ms;

std::string incident(std::string_view id, std::string_view child = "C1") {
  return R"({"kind":"incident","id":")" + std::string(id) + R"(","home":"H1","child":")" +
         std::string(child) +
         R"(","recorded_at":"2025-02-01T11:00:00Z","revision":1,"occurred_at":"2025-02-01T10:00:00Z",)"
         R"("categories":["injury"]})";
}

std::string read_file(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

void write_file(const fs::path& file, std::string_view content) {
  std::ofstream out(file, std::ios::binary);
  out << content;
}

class InboxTest : public ::testing::Test {
 protected:
  InboxTest()
      : inbox_dir_(dir_.path() / "inbox"), db_((fs::create_directory(inbox_dir_), dir_.path() / "s.db")) {
    log_ = std::make_shared<spdlog::logger>("inbox-test",
                                            std::make_shared<spdlog::sinks::ostream_sink_mt>(log_text_));
    records_ = std::make_unique<store::RecordStore>(db_);
  }

  std::unique_ptr<Inbox> make(std::chrono::milliseconds settle = kSettle) {
    InboxOptions options;
    options.directory = inbox_dir_;
    options.settle = settle;
    return std::make_unique<Inbox>(db_, options, log_);
  }

  test_support::TempDir dir_{"inbox"};
  fs::path inbox_dir_;
  store::Database db_;
  std::unique_ptr<store::RecordStore> records_;
  std::ostringstream log_text_;
  std::shared_ptr<spdlog::logger> log_;
  const Clock::time_point t0_ = Clock::now();
};

// A valid file is imported once settled, then moved to done/; its records are in the store.
TEST_F(InboxTest, ValidFileGoesToDone) {
  auto inbox = make();
  EXPECT_TRUE(fs::is_directory(inbox_dir_ / "done"));
  EXPECT_TRUE(fs::is_directory(inbox_dir_ / "rejected"));
  write_file(inbox_dir_ / "batch.ndjson", incident("I-1") + "\n" + incident("I-2", "C2") + "\n");

  EXPECT_TRUE(inbox->scan(t0_).empty());  // first seen: not yet settled
  ASSERT_TRUE(inbox->next_settle());
  EXPECT_EQ(*inbox->next_settle(), t0_ + kSettle);
  EXPECT_TRUE(inbox->scan(t0_ + kSettle - 1ms).empty());
  const auto processed = inbox->scan(t0_ + kSettle);
  ASSERT_EQ(processed.size(), 1u);
  EXPECT_EQ(processed[0].disposition, Disposition::done);
  EXPECT_EQ(processed[0].report.inserted, 2);
  EXPECT_EQ(processed[0].moved_to, inbox_dir_ / "done" / "batch.ndjson");
  EXPECT_FALSE(fs::exists(inbox_dir_ / "batch.ndjson"));
  EXPECT_TRUE(fs::exists(inbox_dir_ / "done" / "batch.ndjson"));
  EXPECT_EQ(records_->count_revisions(), 2);
  EXPECT_FALSE(inbox->next_settle());
}

// A file with bad lines keeps its good lines imported, quarantines the bad ones and goes to rejected/
// with a report naming each bad line and field.
TEST_F(InboxTest, FileWithBadLinesGoesToRejectedWithReport) {
  auto inbox = make(0ms);
  const std::string bad_json = R"({"kind":"incident","id":"I-2",)";
  const std::string bad_kind =
      R"({"kind":"widget","id":"W-1","home":"H1","recorded_at":"2025-02-01T11:00:00Z"})";
  write_file(inbox_dir_ / "mixed.ndjson",
             incident("I-1") + "\n" + bad_json + "\n\n" + bad_kind + "\n" + incident("I-3") + "\n");
  const auto processed = inbox->scan(t0_);
  ASSERT_EQ(processed.size(), 1u);
  const auto& report = processed[0].report;
  EXPECT_EQ(processed[0].disposition, Disposition::rejected);
  EXPECT_EQ(report.inserted, 2);
  EXPECT_EQ(report.rejected, 2);
  EXPECT_EQ(records_->count_revisions(), 2);
  EXPECT_EQ(records_->count_quarantined(), 2);
  EXPECT_TRUE(fs::exists(inbox_dir_ / "rejected" / "mixed.ndjson"));
  EXPECT_FALSE(fs::exists(inbox_dir_ / "mixed.ndjson"));
  ASSERT_EQ(report.rejections.size(), 2u);
  EXPECT_EQ(report.rejections[0].field, "line");
  EXPECT_EQ(report.rejections[1].field, "kind");
  EXPECT_EQ(read_file(inbox_dir_ / "rejected" / "mixed.ndjson.errors"),
            "mixed.ndjson:2: line: " + report.rejections[0].reason + "\n" +
                "mixed.ndjson:4: kind: " + report.rejections[1].reason + "\n");
}

// A file still being written (open, appended in pieces) is not read while it keeps changing; it is
// imported whole once it has been still for the settle time.
TEST_F(InboxTest, FileBeingWrittenWaitsUntilSettled) {
  auto inbox = make();
  const std::string line = incident("I-1");
  std::ofstream writer(inbox_dir_ / "slow.ndjson", std::ios::binary);
  writer << line.substr(0, 20) << std::flush;  // half a line
  EXPECT_TRUE(inbox->scan(t0_).empty());
  writer << line.substr(20) << "\n" << std::flush;
  EXPECT_TRUE(inbox->scan(t0_ + kSettle).empty());  // changed since last seen: waits again
  writer << incident("I-2") << "\n" << std::flush;
  EXPECT_TRUE(inbox->scan(t0_ + 2 * kSettle).empty());
  EXPECT_EQ(records_->count_revisions(), 0);
  EXPECT_EQ(records_->count_quarantined(), 0);  // the half line was never read
  writer.close();
  EXPECT_TRUE(inbox->scan(t0_ + 2 * kSettle + 10ms).empty());  // unchanged, but not yet for kSettle
  const auto processed = inbox->scan(t0_ + 3 * kSettle);
  ASSERT_EQ(processed.size(), 1u);
  EXPECT_EQ(processed[0].disposition, Disposition::done);
  EXPECT_EQ(records_->count_revisions(), 2);
}

// Dot names and non-.ndjson names (the writer's temporary names) are never read; the file is picked up
// once renamed to its final name.
TEST_F(InboxTest, TemporaryNamesWaitForRename) {
  auto inbox = make(0ms);
  write_file(inbox_dir_ / ".hidden.ndjson", incident("I-1") + "\n");
  write_file(inbox_dir_ / "batch.ndjson.part", incident("I-2") + "\n");
  write_file(inbox_dir_ / "notes.txt", "not records\n");
  EXPECT_TRUE(inbox->scan(t0_).empty());
  EXPECT_TRUE(inbox->scan(t0_ + 1h).empty());
  EXPECT_EQ(records_->count_revisions(), 0);
  fs::rename(inbox_dir_ / "batch.ndjson.part", inbox_dir_ / "batch.ndjson");
  const auto processed = inbox->scan(t0_ + 2h);
  ASSERT_EQ(processed.size(), 1u);
  EXPECT_EQ(processed[0].name, "batch.ndjson");
  EXPECT_EQ(records_->count_revisions(), 1);
  EXPECT_TRUE(fs::exists(inbox_dir_ / ".hidden.ndjson"));
  EXPECT_TRUE(fs::exists(inbox_dir_ / "notes.txt"));
}

// A name already taken in done/ or rejected/ (a file or a stale report) gets a numeric suffix; nothing
// already there is overwritten.
TEST_F(InboxTest, NameCollisionsGetSuffixes) {
  auto inbox = make(0ms);
  write_file(inbox_dir_ / "done" / "a.ndjson", "earlier\n");
  write_file(inbox_dir_ / "done" / "a.1.ndjson", "earlier too\n");
  write_file(inbox_dir_ / "a.ndjson", incident("I-1") + "\n");
  auto processed = inbox->scan(t0_);
  ASSERT_EQ(processed.size(), 1u);
  EXPECT_EQ(processed[0].moved_to, inbox_dir_ / "done" / "a.2.ndjson");
  EXPECT_EQ(read_file(inbox_dir_ / "done" / "a.ndjson"), "earlier\n");
  EXPECT_EQ(read_file(inbox_dir_ / "done" / "a.1.ndjson"), "earlier too\n");
  EXPECT_EQ(read_file(inbox_dir_ / "done" / "a.2.ndjson"), incident("I-1") + "\n");

  // The same name again, now with a bad line; rejected/ holds a report whose file was taken away.
  write_file(inbox_dir_ / "rejected" / "a.ndjson.errors", "old report\n");
  write_file(inbox_dir_ / "a.ndjson", "{\n");
  processed = inbox->scan(t0_ + 1s);
  ASSERT_EQ(processed.size(), 1u);
  EXPECT_EQ(processed[0].moved_to, inbox_dir_ / "rejected" / "a.1.ndjson");
  EXPECT_EQ(read_file(inbox_dir_ / "rejected" / "a.ndjson.errors"), "old report\n");
  EXPECT_THAT(read_file(inbox_dir_ / "rejected" / "a.1.ndjson.errors"), HasSubstr("a.ndjson:1: line: "));
}

// A file re-dropped with the same content imports as unchanged and still goes to done/.
TEST_F(InboxTest, ReimportedFileIsUnchanged) {
  auto inbox = make(0ms);
  write_file(inbox_dir_ / "x.ndjson", incident("I-1") + "\n");
  ASSERT_EQ(inbox->scan(t0_).size(), 1u);
  write_file(inbox_dir_ / "x.ndjson", incident("I-1") + "\n");
  const auto processed = inbox->scan(t0_ + 1s);
  ASSERT_EQ(processed.size(), 1u);
  EXPECT_EQ(processed[0].report.unchanged, 1);
  EXPECT_EQ(processed[0].moved_to, inbox_dir_ / "done" / "x.1.ndjson");
  EXPECT_EQ(records_->count_revisions(), 1);
}

// A directory, a symlink or a FIFO with an .ndjson name is not a file to import and is left alone.
TEST_F(InboxTest, OnlyRegularFilesAreRead) {
  auto inbox = make(0ms);
  write_file(dir_.path() / "outside.ndjson", incident("I-1") + "\n");
  fs::create_symlink(dir_.path() / "outside.ndjson", inbox_dir_ / "link.ndjson");
  fs::create_directory(inbox_dir_ / "dir.ndjson");
  ASSERT_EQ(::mkfifo((inbox_dir_ / "pipe.ndjson").c_str(), 0600), 0);
  EXPECT_TRUE(inbox->scan(t0_).empty());
  EXPECT_EQ(records_->count_revisions(), 0);
  EXPECT_TRUE(fs::is_symlink(inbox_dir_ / "link.ndjson"));
}

// A file that cannot be read stays where it is, is logged once however often it is scanned, and is
// imported once it becomes readable. Reading permissions do not bind root, so the check runs in a child
// process as an unprivileged user when the tests run as root.
TEST_F(InboxTest, UnreadableFileStaysAndIsLoggedOnce) {
  // Its own connection: a SQLite connection must not be used on both sides of a fork.
  auto body = [&]() -> int {
    store::Database db(dir_.path() / "unreadable.db");
    store::RecordStore records(db);
    InboxOptions options;
    options.directory = inbox_dir_;
    options.settle = 0ms;
    auto inbox = std::make_unique<Inbox>(db, options, log_);
    write_file(inbox_dir_ / "locked.ndjson", incident("I-1") + "\n");
    ::chmod((inbox_dir_ / "locked.ndjson").c_str(), 0);
    for (int i = 0; i < 3; ++i)
      if (!inbox->scan(t0_ + std::chrono::seconds(i)).empty()) return 10;
    if (!fs::exists(inbox_dir_ / "locked.ndjson")) return 11;
    log_->flush();
    const std::string text = log_text_.str();
    const auto first = text.find("cannot read");
    if (first == std::string::npos) return 12;
    if (text.find("cannot read", first + 1) != std::string::npos) return 13;  // logged more than once
    ::chmod((inbox_dir_ / "locked.ndjson").c_str(), 0600);  // changes ctime: looked at afresh
    if (inbox->scan(t0_ + 10s).size() != 1) return 14;
    return records.count_revisions() == 1 ? 0 : 15;
  };
  if (::geteuid() != 0) {
    EXPECT_EQ(body(), 0);
    return;
  }
  // The child needs the directory and database writable as the unprivileged user.
  for (const auto& entry : fs::recursive_directory_iterator(dir_.path()))
    ::chown(entry.path().c_str(), 65534, 65534);
  ::chown(dir_.path().c_str(), 65534, 65534);
  const pid_t pid = ::fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    if (::setgid(65534) != 0 || ::setuid(65534) != 0) ::_exit(20);
    ::_exit(body());
  }
  int status = 0;
  ASSERT_EQ(::waitpid(pid, &status, 0), pid);
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 0) << "1x: scan outcome, 12/13: log lines, 14/15: after chmod, 20: setuid";
}

// A store failure leaves the file in place and retries it after a pause, not at every scan; once the
// store works again the file is imported.
TEST_F(InboxTest, StoreFailureRetriesAfterPause) {
  auto inbox = make(0ms);
  db_.exec(
      "CREATE TEMP TRIGGER fail_insert BEFORE INSERT ON main.records BEGIN SELECT RAISE(ABORT, 'disk full'); "
      "END");
  write_file(inbox_dir_ / "later.ndjson", incident("I-1") + "\n");
  EXPECT_TRUE(inbox->scan(t0_).empty());
  EXPECT_TRUE(fs::exists(inbox_dir_ / "later.ndjson"));
  ASSERT_TRUE(inbox->next_settle());
  EXPECT_GT(*inbox->next_settle(), t0_ + 1s);
  EXPECT_TRUE(inbox->scan(t0_ + 1s).empty());
  log_->flush();
  const std::string text = log_text_.str();
  const auto first = text.find("will retry");
  ASSERT_NE(first, std::string::npos) << text;
  EXPECT_EQ(text.find("will retry", first + 1), std::string::npos) << "tried again before the pause";
  db_.exec("DROP TRIGGER fail_insert");
  const auto processed = inbox->scan(*inbox->next_settle());
  ASSERT_EQ(processed.size(), 1u);
  EXPECT_EQ(records_->count_revisions(), 1);
}

// A file imported but not movable (rejected/ replaced by a plain file) stays in place, the scan returns
// (it does not try suffixes forever), the failure is logged once however often it is retried, and once
// rejected/ is back only the move happens: the file is not imported again.
TEST_F(InboxTest, UnmovableFileIsLoggedOnceAndMovedLater) {
  auto inbox = make(0ms);
  fs::remove(inbox_dir_ / "rejected");
  write_file(inbox_dir_ / "rejected", "not a directory\n");
  write_file(inbox_dir_ / "stuck.ndjson", incident("I-1") + "\n{\n");
  for (int i = 0; i < 3; ++i) EXPECT_TRUE(inbox->scan(t0_ + std::chrono::seconds(i)).empty());
  EXPECT_TRUE(fs::exists(inbox_dir_ / "stuck.ndjson"));
  EXPECT_EQ(records_->count_revisions(), 1);
  log_->flush();
  std::string text = log_text_.str();
  const auto first = text.find("cannot move");
  ASSERT_NE(first, std::string::npos) << text;
  EXPECT_EQ(text.find("cannot move", first + 1), std::string::npos) << text;

  fs::remove(inbox_dir_ / "rejected");
  fs::create_directory(inbox_dir_ / "rejected");
  const auto processed = inbox->scan(t0_ + 10s);
  ASSERT_EQ(processed.size(), 1u);
  EXPECT_EQ(processed[0].moved_to, inbox_dir_ / "rejected" / "stuck.ndjson");
  EXPECT_TRUE(fs::exists(inbox_dir_ / "rejected" / "stuck.ndjson.errors"));
  log_->flush();
  text = log_text_.str();
  const auto imported = text.find("stuck.ndjson imported:");
  ASSERT_NE(imported, std::string::npos) << text;
  EXPECT_EQ(text.find("stuck.ndjson imported:", imported + 1), std::string::npos) << "imported twice:\n" << text;
  EXPECT_EQ(records_->count_quarantined(), 1);
}

// A name that fits but leaves no room for the ".errors" report still goes to rejected/ (without a
// report; the rejections are in the quarantine) instead of hanging the scan.
TEST_F(InboxTest, LongRejectedNameIsMovedWithoutReport) {
  auto inbox = make(0ms);
  const std::string name = std::string(245, 'n') + ".ndjson";  // 252 bytes; with ".errors", 259 > NAME_MAX
  write_file(inbox_dir_ / name, "{\n");
  const auto processed = inbox->scan(t0_);
  ASSERT_EQ(processed.size(), 1u);
  EXPECT_EQ(processed[0].moved_to, inbox_dir_ / "rejected" / name);
  EXPECT_FALSE(fs::exists(inbox_dir_ / name));
  EXPECT_EQ(records_->count_quarantined(), 1);
  log_->flush();
  EXPECT_THAT(log_text_.str(), HasSubstr("cannot write"));
}

// A writer that appends while the file is being imported (here: from a trigger on the inbox's own insert)
// does not lose its new line: the file is not moved while its content differs from what was read, and
// is imported whole once it has settled again.
TEST_F(InboxTest, FileChangedDuringImportIsNotMovedUnread) {
  struct Append {
    fs::path file;
    std::string line;
    int remaining = 1;
  } append{inbox_dir_ / "growing.ndjson", incident("I-2") + "\n"};
  const auto append_once = [](sqlite3_context* context, int, sqlite3_value**) {
    auto* a = static_cast<Append*>(sqlite3_user_data(context));
    if (a->remaining-- > 0) {
      std::ofstream out(a->file, std::ios::binary | std::ios::app);
      out << a->line;
    }
    sqlite3_result_null(context);
  };
  ASSERT_EQ(sqlite3_create_function(db_.handle(), "append_once", 0, SQLITE_UTF8, &append, append_once, nullptr,
                                    nullptr),
            SQLITE_OK);
  db_.exec("CREATE TEMP TRIGGER grow AFTER INSERT ON main.records BEGIN SELECT append_once(); END");

  auto inbox = make();
  write_file(append.file, incident("I-1") + "\n");
  EXPECT_TRUE(inbox->scan(t0_).empty());
  EXPECT_TRUE(inbox->scan(t0_ + kSettle).empty());  // imported I-1; meanwhile I-2 was appended
  EXPECT_EQ(append.remaining, 0);
  EXPECT_TRUE(fs::exists(append.file));
  EXPECT_EQ(records_->count_revisions(), 1);
  ASSERT_TRUE(inbox->next_settle());
  EXPECT_EQ(*inbox->next_settle(), t0_ + 2 * kSettle);

  const auto processed = inbox->scan(t0_ + 2 * kSettle);
  ASSERT_EQ(processed.size(), 1u);
  EXPECT_EQ(processed[0].report.inserted, 1);
  EXPECT_EQ(processed[0].report.unchanged, 1);
  EXPECT_EQ(read_file(inbox_dir_ / "done" / "growing.ndjson"), incident("I-1") + "\n" + incident("I-2") + "\n");
  EXPECT_EQ(records_->count_revisions(), 2);
}

// The directory must exist; the inbox says which one is missing.
TEST_F(InboxTest, MissingDirectoryIsAnError) {
  InboxOptions options;
  options.directory = dir_.path() / "nowhere";
  try {
    Inbox inbox(db_, options, log_);
    FAIL() << "expected an error";
  } catch (const std::runtime_error& e) {
    EXPECT_THAT(e.what(), HasSubstr("nowhere"));
  }
}

// Only *.ndjson names not starting with a dot are candidates.
TEST(InboxNameTest, CandidatesAreNdjsonWithoutLeadingDot) {
  EXPECT_TRUE(Inbox::is_candidate("a.ndjson"));
  EXPECT_FALSE(Inbox::is_candidate(".ndjson"));
  EXPECT_FALSE(Inbox::is_candidate(".a.ndjson"));
  EXPECT_FALSE(Inbox::is_candidate("a.ndjson.part"));
  EXPECT_FALSE(Inbox::is_candidate("a.json"));
  EXPECT_FALSE(Inbox::is_candidate("a.ndjson.errors"));
}

}  // namespace
}  // namespace carewatch::inbox
