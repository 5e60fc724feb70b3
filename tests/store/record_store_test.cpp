#include "store/record_store.hpp"

#include <gtest/gtest.h>

#include <sqlite3.h>

#include <memory>
#include <string>
#include <variant>
#include <vector>

#include <carewatch/sdk/json.hpp>

#include "store/database.hpp"
#include "temp_database.hpp"

namespace carewatch::store {
namespace {

using sdk::Record;
using sdk::Scope;
using sdk::Subject;

sdk::TimePoint at(std::string_view ts) {
  auto t = sdk::parse_timestamp(ts);
  if (!t) throw std::invalid_argument(std::string(ts));
  return *t;
}

Record rec(std::string_view json) {
  auto parsed = sdk::parse_record_line(json);
  if (auto* err = std::get_if<sdk::schema::FieldError>(&parsed))
    throw std::invalid_argument("bad test record: " + err->field + ": " + err->reason);
  return std::get<Record>(std::move(parsed));
}

std::string home(std::string_view id, std::string_view recorded_at = "2025-01-01T00:00:00Z") {
  return R"({"kind":"home","id":")" + std::string(id) + R"(","recorded_at":")" + std::string(recorded_at) +
         R"(","host_authority":"LA1"})";
}

std::string child(std::string_view id, std::string_view home_id = "H1") {
  return R"({"kind":"child","id":")" + std::string(id) + R"(","home":")" + std::string(home_id) +
         R"(","recorded_at":"2025-01-01T00:00:00Z","date_of_birth":"2010-05-01","placing_authority":"LA2",)"
         R"("admitted_at":"2025-01-01T00:00:00Z","communication":"verbal"})";
}

std::string incident(std::string_view id, std::string_view child_id, std::string_view recorded_at,
                     int revision = 1, std::string_view home_id = "H1") {
  return R"({"kind":"incident","id":")" + std::string(id) + R"(","home":")" + std::string(home_id) +
         R"(","child":")" + std::string(child_id) + R"(","recorded_at":")" + std::string(recorded_at) +
         R"(","revision":)" + std::to_string(revision) +
         R"(,"occurred_at":"2025-02-01T10:00:00Z","categories":["injury"]})";
}

// (kind/id@revision) of a timeline's records, in timeline order.
std::vector<std::string> ids(const sdk::Timeline& timeline) {
  std::vector<std::string> out;
  for (const Record& r : timeline.records())
    out.push_back(r.kind() + "/" + r.id() + "@" + std::to_string(r.revision()));
  return out;
}

class RecordStoreTest : public ::testing::Test {
 protected:
  RecordStoreTest() : db_(std::make_unique<Database>(dir_ / "store.db")), store_(std::make_unique<RecordStore>(*db_)) {}

  PutOutcome put(const std::string& json, std::string_view source = "test.ndjson") {
    Transaction tx(*db_);
    const PutOutcome outcome = store_->put(rec(json), source, at("2025-06-01T00:00:00Z"));
    tx.commit();
    return outcome;
  }

  sdk::Timeline child_timeline(std::string_view child_id, std::string_view as_of,
                               std::vector<std::string> kinds = {"incident"}) {
    return store_->load_timeline({Scope::child, "H1", std::string(child_id)}, at(as_of), kinds);
  }

  void reopen() {
    store_.reset();
    db_ = std::make_unique<Database>(dir_ / "store.db");
    store_ = std::make_unique<RecordStore>(*db_);
  }

  carewatch::testing::TempDir dir_;
  std::unique_ptr<Database> db_;
  std::unique_ptr<RecordStore> store_;
};

// Re-sending the same revision is a no-op, so imports are idempotent.
TEST_F(RecordStoreTest, SameRevisionWithSameContentIsDuplicate) {
  EXPECT_EQ(put(incident("I-7", "C1", "2025-02-01T11:00:00Z")), PutOutcome::inserted);
  EXPECT_EQ(put(incident("I-7", "C1", "2025-02-01T11:00:00Z")), PutOutcome::duplicate);
  EXPECT_EQ(store_->count_revisions(), 1);
}

// Key order and whitespace do not change a record's content, so they must not make a conflict.
TEST_F(RecordStoreTest, KeyOrderAndWhitespaceDoNotMakeConflict) {
  put(incident("I-7", "C1", "2025-02-01T11:00:00Z"));
  const std::string reordered =
      R"({ "categories": ["injury"], "occurred_at": "2025-02-01T10:00:00Z", "revision": 1,)"
      R"( "recorded_at": "2025-02-01T11:00:00Z", "child": "C1", "home": "H1", "id": "I-7", "kind": "incident" })";
  EXPECT_EQ(put(reordered), PutOutcome::duplicate);
}

// The same revision with different content is refused and leaves the stored one untouched.
TEST_F(RecordStoreTest, SameRevisionWithDifferentContentIsConflict) {
  put(incident("I-7", "C1", "2025-02-01T11:00:00Z"));
  EXPECT_EQ(put(incident("I-7", "C2", "2025-02-01T11:00:00Z")), PutOutcome::conflict);
  EXPECT_EQ(store_->count_revisions(), 1);
  const auto revs = store_->revisions("incident", "I-7");
  ASSERT_EQ(revs.size(), 1u);
  EXPECT_EQ(revs[0].child(), "C1");
}

// Revisions may arrive out of order; the store keeps both and as-of picks the highest revision.
TEST_F(RecordStoreTest, OlderRevisionAfterNewerIsInsertedAndHighestWins) {
  EXPECT_EQ(put(incident("I-7", "C2", "2025-02-02T09:00:00Z", 2)), PutOutcome::inserted);
  EXPECT_EQ(put(incident("I-7", "C1", "2025-02-01T11:00:00Z", 1)), PutOutcome::inserted);
  EXPECT_EQ(store_->count_revisions(), 2);

  const auto revs = store_->revisions("incident", "I-7");
  ASSERT_EQ(revs.size(), 2u);
  EXPECT_EQ(revs[0].revision(), 1);
  EXPECT_EQ(revs[1].revision(), 2);

  EXPECT_EQ(ids(child_timeline("C1", "2025-02-01T12:00:00Z")), std::vector<std::string>{"incident/I-7@1"});
  EXPECT_TRUE(child_timeline("C1", "2025-02-03T00:00:00Z").empty());
  EXPECT_EQ(ids(child_timeline("C2", "2025-02-03T00:00:00Z")), std::vector<std::string>{"incident/I-7@2"});
}

// A timeline's record carries when its first visible revision was written, whatever revision is
// current, so an amendment never makes a late record look timely nor a timely one late.
TEST_F(RecordStoreTest, TimelineRecordsCarryTheirFirstRecordedAt) {
  put(incident("I-7", "C1", "2025-02-01T11:00:00Z", 1));
  put(incident("I-7", "C1", "2025-02-05T09:00:00Z", 2));
  auto timeline = child_timeline("C1", "2025-02-01T12:00:00Z");
  ASSERT_EQ(timeline.records().size(), 1u);
  EXPECT_EQ(timeline.records()[0].first_recorded_at(), at("2025-02-01T11:00:00Z"));
  timeline = child_timeline("C1", "2025-02-06T00:00:00Z");
  ASSERT_EQ(timeline.records().size(), 1u);
  EXPECT_EQ(timeline.records()[0].revision(), 2);
  EXPECT_EQ(timeline.records()[0].first_recorded_at(), at("2025-02-01T11:00:00Z"));
}

// A batch gives the same outcomes as putting its records one by one, including a duplicate and a
// conflict with records earlier in the same batch, and indexes what it inserted.
TEST_F(RecordStoreTest, PutBatchMatchesSequentialPuts) {
  put(incident("I-1", "C1", "2025-02-01T11:00:00Z"));
  const std::vector<Record> batch{
      rec(incident("I-1", "C1", "2025-02-01T11:00:00Z")),     // duplicate of a stored revision
      rec(incident("I-2", "C2", "2025-02-01T11:00:00Z")),     // new
      rec(incident("I-2", "C2", "2025-02-01T11:00:00Z")),     // duplicate within the batch
      rec(incident("I-2", "C3", "2025-02-01T11:00:00Z")),     // conflict within the batch
      rec(incident("I-1", "C1", "2025-02-02T11:00:00Z", 2)),  // a higher revision
  };
  std::vector<PutOutcome> outcomes;
  {
    Transaction tx(*db_);
    outcomes = store_->put_batch(batch, "batch", at("2025-06-01T00:00:00Z"));
    tx.commit();
  }
  EXPECT_EQ(outcomes, (std::vector<PutOutcome>{PutOutcome::duplicate, PutOutcome::inserted, PutOutcome::duplicate,
                                               PutOutcome::conflict, PutOutcome::inserted}));
  EXPECT_EQ(store_->count_revisions(), 3);
  EXPECT_EQ(ids(child_timeline("C2", "2025-03-01T00:00:00Z")), std::vector<std::string>{"incident/I-2@1"});
  EXPECT_EQ(ids(child_timeline("C1", "2025-03-01T00:00:00Z")), std::vector<std::string>{"incident/I-1@2"});
  EXPECT_TRUE(child_timeline("C3", "2025-03-01T00:00:00Z").empty());
}

// The schema's triggers make the revision table append-only even for raw SQL.
TEST_F(RecordStoreTest, AppendOnlyTriggersRejectUpdateAndDelete) {
  put(incident("I-7", "C1", "2025-02-01T11:00:00Z"));
  EXPECT_THROW(db_->exec("UPDATE records SET body = '{}'"), DatabaseError);
  EXPECT_THROW(db_->exec("DELETE FROM records"), DatabaseError);
  EXPECT_EQ(store_->count_revisions(), 1);
  EXPECT_EQ(store_->revisions("incident", "I-7").at(0).child(), "C1");
}

// A record written late is invisible to audits before it was written and visible from then on.
TEST_F(RecordStoreTest, LateRecordIsInvisibleBeforeItsRecordedAt) {
  put(incident("I-7", "C1", "2025-02-10T08:00:00Z"));  // occurred 2025-02-01, written 9 days later
  EXPECT_TRUE(child_timeline("C1", "2025-02-05T00:00:00Z").empty());
  EXPECT_TRUE(child_timeline("C1", "2025-02-10T07:59:59Z").empty());
  EXPECT_EQ(ids(child_timeline("C1", "2025-02-10T08:00:00Z")), std::vector<std::string>{"incident/I-7@1"});
}

// A tombstone withdraws the record from audits from its recorded_at on, but the revisions remain.
TEST_F(RecordStoreTest, TombstoneWithdrawsRecord) {
  put(incident("I-7", "C1", "2025-02-01T11:00:00Z"));
  // A tombstone carries only the envelope: no child field links it to the subject.
  put(R"({"kind":"incident","id":"I-7","home":"H1","recorded_at":"2025-02-05T00:00:00Z","revision":2,"deleted":true})");
  EXPECT_EQ(ids(child_timeline("C1", "2025-02-04T00:00:00Z")), std::vector<std::string>{"incident/I-7@1"});
  EXPECT_TRUE(child_timeline("C1", "2025-02-05T00:00:00Z").empty());
  const auto home_tl = store_->load_timeline({Scope::home, "H1", {}}, at("2025-02-06T00:00:00Z"),
                                             std::vector<std::string>{"incident"});
  EXPECT_TRUE(home_tl.empty());
  const auto revs = store_->revisions("incident", "I-7");
  ASSERT_EQ(revs.size(), 2u);
  EXPECT_TRUE(revs[1].deleted());
}

// A revision that moves a record to another child takes it out of the first child's timeline.
TEST_F(RecordStoreTest, RevisionMovesRecordToAnotherChild) {
  put(incident("I-7", "C1", "2025-02-01T11:00:00Z", 1));
  put(incident("I-7", "C2", "2025-02-03T11:00:00Z", 2));
  EXPECT_EQ(ids(child_timeline("C1", "2025-02-02T00:00:00Z")), std::vector<std::string>{"incident/I-7@1"});
  EXPECT_TRUE(child_timeline("C2", "2025-02-02T00:00:00Z").empty());
  EXPECT_TRUE(child_timeline("C1", "2025-02-04T00:00:00Z").empty());
  EXPECT_EQ(ids(child_timeline("C2", "2025-02-04T00:00:00Z")), std::vector<std::string>{"incident/I-7@2"});
}

// A revision that moves a record to another home takes it out of the first home's timeline.
TEST_F(RecordStoreTest, RevisionMovesRecordToAnotherHome) {
  put(incident("I-7", "C1", "2025-02-01T11:00:00Z", 1, "H1"));
  put(incident("I-7", "C1", "2025-02-03T11:00:00Z", 2, "H2"));
  const std::vector<std::string> kinds{"incident"};
  EXPECT_EQ(ids(store_->load_timeline({Scope::home, "H1", {}}, at("2025-02-02T00:00:00Z"), kinds)),
            std::vector<std::string>{"incident/I-7@1"});
  EXPECT_TRUE(store_->load_timeline({Scope::home, "H1", {}}, at("2025-02-04T00:00:00Z"), kinds).empty());
  EXPECT_EQ(ids(store_->load_timeline({Scope::home, "H2", {}}, at("2025-02-04T00:00:00Z"), kinds)),
            std::vector<std::string>{"incident/I-7@2"});
}

// A child's timeline carries the child's placement and the home record besides the asked-for kinds,
// and nothing of kinds it did not ask for.
TEST_F(RecordStoreTest, ChildTimelineCarriesReferencesAndOnlyRequestedKinds) {
  put(home("H1"));
  put(home("H2"));
  put(child("C1"));
  put(child("C2"));
  put(incident("I-7", "C1", "2025-02-01T11:00:00Z"));
  put(R"({"kind":"daily_log","id":"D-1","home":"H1","child":"C1","recorded_at":"2025-02-01T20:00:00Z",)"
      R"("occurred_at":"2025-02-01T19:00:00Z","author":"S1","text":"free text"})");
  const auto tl = child_timeline("C1", "2025-03-01T00:00:00Z");
  EXPECT_EQ(ids(tl), (std::vector<std::string>{"child/C1@1", "home/H1@1", "incident/I-7@1"}));
  ASSERT_NE(tl.reference(), nullptr);
  EXPECT_EQ(tl.reference()->id(), "C1");
  ASSERT_NE(tl.home_record(), nullptr);
}

// A staff member's timeline is found through list fields such as staff_involved.
TEST_F(RecordStoreTest, StaffTimelineFollowsListLinks) {
  put(home("H1"));
  put(R"({"kind":"incident","id":"I-9","home":"H1","child":"C1","recorded_at":"2025-02-01T11:00:00Z",)"
      R"("occurred_at":"2025-02-01T10:00:00Z","categories":["assault"],"staff_involved":["S1","S2"]})");
  const std::vector<std::string> kinds{"incident"};
  for (const char* staff : {"S1", "S2"}) {
    const auto tl = store_->load_timeline({Scope::staff, "H1", staff}, at("2025-03-01T00:00:00Z"), kinds);
    EXPECT_EQ(ids(tl), (std::vector<std::string>{"home/H1@1", "incident/I-9@1"})) << staff;
  }
  EXPECT_EQ(store_->subjects(Scope::staff, at("2025-03-01T00:00:00Z")),
            (std::vector<Subject>{{Scope::staff, "H1", "S1"}, {Scope::staff, "H1", "S2"}}));
}

// Counts SQLite virtual-machine steps on a connection while alive: a measure of work that, unlike
// time, does not depend on the machine or its load.
class VmStepCounter {
 public:
  explicit VmStepCounter(Database& db) : db_(db) {
    sqlite3_progress_handler(db_.handle(), 1, &VmStepCounter::tick, &steps_);
  }
  ~VmStepCounter() { sqlite3_progress_handler(db_.handle(), 0, nullptr, nullptr); }
  VmStepCounter(const VmStepCounter&) = delete;
  VmStepCounter& operator=(const VmStepCounter&) = delete;
  std::int64_t steps() const noexcept { return steps_; }

 private:
  static int tick(void* steps) {
    ++*static_cast<std::int64_t*>(steps);
    return 0;
  }
  Database& db_;
  std::int64_t steps_ = 0;
};

// Loading one subject's timeline costs work in proportion to that subject's records, not to the
// store: the as-of subqueries must seek (kind, id), never scan a kind (DESIGN.md "Fast").
TEST_F(RecordStoreTest, TimelineCostDoesNotGrowWithTheStore) {
  auto fill = [&](int from, int to) {
    Transaction tx(*db_);
    for (int i = from; i < to; ++i) {
      const std::string other = "C" + std::to_string(100 + i % 50);
      const std::string home_id = i % 2 ? "H1" : "H2";
      store_->put(rec(incident("X-" + std::to_string(i), other, "2025-02-01T11:00:00Z", 1, home_id)), "x",
                  at("2025-06-01T00:00:00Z"));
      store_->put(rec(incident("X-" + std::to_string(i), other, "2025-02-02T11:00:00Z", 2, home_id)), "x",
                  at("2025-06-01T00:00:00Z"));
    }
    tx.commit();
  };
  put(home("H1"));
  put(child("C1"));
  for (int i = 0; i < 3; ++i) put(incident("I-" + std::to_string(i), "C1", "2025-02-01T11:00:00Z"));

  auto cost = [&](const Subject& subject) {
    VmStepCounter counter(*db_);
    const auto timeline = store_->load_timeline(subject, at("2025-03-01T00:00:00Z"), std::vector<std::string>{"incident"});
    EXPECT_FALSE(timeline.empty());
    return counter.steps();
  };
  const Subject c1{Scope::child, "H1", "C1"};
  const Subject h3{Scope::home, "H3", {}};
  put(incident("I-H3", "C9", "2025-02-01T11:00:00Z", 1, "H3"));

  fill(0, 100);
  const std::int64_t child_small = cost(c1);
  const std::int64_t home_small = cost(h3);
  fill(100, 3000);
  const std::int64_t child_large = cost(c1);
  const std::int64_t home_large = cost(h3);
  // 30 times the records; an index scan per candidate would multiply the cost by about as much.
  EXPECT_LT(child_large, child_small * 2) << child_small << " -> " << child_large;
  EXPECT_LT(home_large, home_small * 2) << home_small << " -> " << home_large;
}

// subjects() lists each subject that had a revision recorded by T, and none recorded later.
TEST_F(RecordStoreTest, SubjectsAreListedAsOf) {
  put(home("H1"));
  put(incident("I-1", "C1", "2025-02-01T11:00:00Z"));
  put(incident("I-2", "C2", "2025-02-05T11:00:00Z", 1, "H2"));
  EXPECT_EQ(store_->subjects(Scope::child, at("2025-02-02T00:00:00Z")),
            (std::vector<Subject>{{Scope::child, "H1", "C1"}}));
  EXPECT_EQ(store_->subjects(Scope::child, at("2025-02-06T00:00:00Z")),
            (std::vector<Subject>{{Scope::child, "H1", "C1"}, {Scope::child, "H2", "C2"}}));
  EXPECT_EQ(store_->subjects(Scope::home, at("2025-02-06T00:00:00Z")),
            (std::vector<Subject>{{Scope::home, "H1", {}}, {Scope::home, "H2", {}}}));
  EXPECT_TRUE(store_->subjects(Scope::all_homes, at("2024-01-01T00:00:00Z")).empty());
  EXPECT_EQ(store_->subjects(Scope::all_homes, at("2025-02-06T00:00:00Z")).size(), 1u);
}

// The change feed returns revisions after a sequence number, in commit order, in pages.
TEST_F(RecordStoreTest, SinceIsAPagedChangeFeed) {
  EXPECT_EQ(store_->last_seq(), 0);
  put(incident("I-1", "C1", "2025-02-01T11:00:00Z"));
  put(incident("I-2", "C1", "2025-02-01T11:00:00Z"));
  put(incident("I-3", "C1", "2025-02-01T11:00:00Z"));
  const std::int64_t last = store_->last_seq();
  const auto first_page = store_->since(0, 2);
  ASSERT_EQ(first_page.size(), 2u);
  EXPECT_EQ(first_page[0].record.id(), "I-1");
  EXPECT_EQ(first_page[1].record.id(), "I-2");
  const auto rest = store_->since(first_page[1].seq);
  ASSERT_EQ(rest.size(), 1u);
  EXPECT_EQ(rest[0].record.id(), "I-3");
  EXPECT_EQ(rest[0].seq, last);
  EXPECT_TRUE(store_->since(last).empty());
}

// Quarantined lines keep their bytes exactly, including invalid UTF-8 and NUL bytes.
TEST_F(RecordStoreTest, QuarantineKeepsRawBytesVerbatim) {
  static constexpr char kBytes[] = "{\"kind\":\xff\xfe\0 broken";
  const std::string raw(kBytes, sizeof kBytes - 1);  // keeps the embedded NUL
  ASSERT_EQ(raw.size(), 18u);
  {
    Transaction tx(*db_);
    store_->quarantine({"in.ndjson", 7, "line", "invalid JSON", raw, at("2025-06-01T00:00:00Z")});
    tx.commit();
  }
  EXPECT_EQ(store_->count_quarantined(), 1);
  const auto q = store_->quarantined();
  ASSERT_EQ(q.size(), 1u);
  EXPECT_EQ(q[0].source, "in.ndjson");
  EXPECT_EQ(q[0].line, 7);
  EXPECT_EQ(q[0].field, "line");
  EXPECT_EQ(q[0].raw, raw);
  EXPECT_EQ(q[0].received_at, at("2025-06-01T00:00:00Z"));
}

// Records committed before closing are there after reopening the file.
TEST_F(RecordStoreTest, DataSurvivesReopening) {
  put(home("H1"));
  put(incident("I-7", "C1", "2025-02-01T11:00:00Z"));
  reopen();
  EXPECT_EQ(store_->count_revisions(), 2);
  EXPECT_EQ(ids(child_timeline("C1", "2025-03-01T00:00:00Z")),
            (std::vector<std::string>{"home/H1@1", "incident/I-7@1"}));
}

// A put whose transaction is rolled back leaves nothing behind, index rows included.
TEST_F(RecordStoreTest, RolledBackPutLeavesNothing) {
  {
    Transaction tx(*db_);
    EXPECT_EQ(store_->put(rec(incident("I-7", "C1", "2025-02-01T11:00:00Z")), "x", at("2025-06-01T00:00:00Z")),
              PutOutcome::inserted);
  }
  EXPECT_EQ(store_->count_revisions(), 0);
  EXPECT_TRUE(store_->subjects(Scope::child, at("2025-03-01T00:00:00Z")).empty());
  EXPECT_EQ(put(incident("I-7", "C1", "2025-02-01T11:00:00Z")), PutOutcome::inserted);
}

}  // namespace
}  // namespace carewatch::store
