#include "store/record_store.hpp"

#include <algorithm>
#include <set>
#include <tuple>
#include <variant>

#include <carewatch/sdk/json.hpp>

namespace carewatch::store {
namespace {

// Index names pinned with INDEXED BY. Without ANALYZE statistics SQLite's planner guesses that
// `kind = ?` narrows to a handful of rows, so it would answer the correlated subqueries below from
// (kind, recorded_at) and scan every record of the kind for every candidate: a timeline would cost
// time in proportion to the store, not the subject. Pinning makes a wrong plan impossible and a
// renamed index a loud prepare error. sqlite_autoindex_records_1 is SQLite's name for the
// UNIQUE (kind, id, revision) constraint of schema v1.
#define CAREWATCH_BY_RECORD_KEY " INDEXED BY sqlite_autoindex_records_1 "

// The newest revision of (kind, id) recorded at or before T is the row with no higher revision
// recorded at or before T (RECORDS.md "As-of semantics"): one short range of the unique index.
constexpr std::string_view kIsNewestAsOf =
    "NOT EXISTS (SELECT 1 FROM records n" CAREWATCH_BY_RECORD_KEY "WHERE n.kind = r.kind AND n.id = r.id"
    " AND n.revision > r.revision AND n.recorded_at <= :as_of)";

// The record's first_recorded_at as of T (sdk::Record::first_recorded_at): the earliest recorded_at of
// its revisions visible at T. That is the earliest of all its revisions, with no bound on T, because
// the earliest is never later than the current revision's own recorded_at, which is <= T.
constexpr std::string_view kFirstRecordedAt =
    "(SELECT MIN(f.recorded_at) FROM records f" CAREWATCH_BY_RECORD_KEY "WHERE f.kind = r.kind AND f.id = r.id)";

std::string fnv1a_hex(std::string_view bytes) {
  std::uint64_t h = 14695981039346656037ULL;
  for (const char c : bytes) {
    h ^= static_cast<unsigned char>(c);
    h *= 1099511628211ULL;
  }
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out(16, '0');
  for (int i = 15; i >= 0; --i, h >>= 4) out[static_cast<std::size_t>(i)] = kHex[h & 0xF];
  return out;
}

// Statements are cached, so each use must leave them reset (and their read cursor closed), also when
// a step throws.
class ResetOnExit {
 public:
  explicit ResetOnExit(Statement& st) : st_(st) {}
  ~ResetOnExit() { st_.reset(); }
  ResetOnExit(const ResetOnExit&) = delete;
  ResetOnExit& operator=(const ResetOnExit&) = delete;

 private:
  Statement& st_;
};

sdk::Record parse_body(Database& db, std::string_view body, std::int64_t seq) {
  auto parsed = sdk::parse_json(body);
  if (auto* err = std::get_if<sdk::schema::FieldError>(&parsed))
    throw DatabaseError(db.path().string() + ": stored record seq " + std::to_string(seq) +
                        " is not valid JSON: " + err->reason);
  return sdk::Record(std::move(std::get<sdk::Value>(parsed)));
}

}  // namespace

// Prepared on first use and kept: preparing costs more than running these statements.
struct RecordStore::Statements {
  std::optional<Statement> insert_record;
  std::optional<Statement> stored_body;
  std::optional<Statement> insert_subject;
  std::optional<Statement> insert_quarantine;
  std::optional<Statement> last_seq;
  std::optional<Statement> since;
  std::optional<Statement> by_subject;
  std::optional<Statement> by_home;
  std::optional<Statement> by_kind;
  std::optional<Statement> home_record;
  std::optional<Statement> revisions;
};

namespace {

Statement& prepared(std::optional<Statement>& slot, Database& db, std::string_view sql) {
  if (!slot) slot.emplace(db, sql);
  return *slot;
}

}  // namespace

RecordStore::RecordStore(Database& db) : db_(db), st_(std::make_unique<Statements>()) {}

RecordStore::~RecordStore() = default;

// One record_subjects row, held back by put_batch so that a batch's rows can be written in key order.
struct RecordStore::SubjectRow {
  std::string_view scope;
  std::string home;
  std::string subject;
  std::string_view kind;  // views the batch's Record, which outlives the row
  std::int64_t seq = 0;
  friend bool operator<(const SubjectRow& a, const SubjectRow& b) {
    return std::tie(a.scope, a.home, a.subject, a.kind, a.seq) < std::tie(b.scope, b.home, b.subject, b.kind, b.seq);
  }
};

PutOutcome RecordStore::insert_revision(const sdk::Record& record, std::string_view source,
                                        sdk::TimePoint imported_at, std::int64_t& seq) {
  const std::string body = record.body().to_json();
  Statement& insert = prepared(
      st_->insert_record, db_,
      "INSERT INTO records (kind, id, revision, home, recorded_at, event_at, deleted, content_hash, body,"
      " source, imported_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)"
      " ON CONFLICT (kind, id, revision) DO NOTHING");
  {
    ResetOnExit reset(insert);
    insert.bind(1, record.kind()).bind(2, record.id()).bind(3, record.revision());
    if (record.home().empty())
      insert.bind_null(4);
    else
      insert.bind(4, record.home());
    insert.bind(5, sdk::to_unix(record.recorded_at()))
        .bind(6, sdk::to_unix(record.when()))
        .bind(7, record.deleted() ? 1 : 0)
        .bind(8, fnv1a_hex(body))
        .bind(9, body);
    if (source.empty())
      insert.bind_null(10);
    else
      insert.bind(10, source);
    insert.bind(11, sdk::to_unix(imported_at));
    insert.run();
  }
  if (db_.changes() == 0) {
    Statement& stored = prepared(st_->stored_body, db_,
                                 "SELECT body FROM records" CAREWATCH_BY_RECORD_KEY "WHERE kind = ?1 AND id = ?2 AND revision = ?3");
    ResetOnExit reset(stored);
    stored.bind(1, record.kind()).bind(2, record.id()).bind(3, record.revision());
    if (!stored.step()) db_.fail("a conflicting revision vanished");
    return stored.column_text(0) == body ? PutOutcome::duplicate : PutOutcome::conflict;
  }
  seq = db_.last_insert_rowid();
  return PutOutcome::inserted;
}

void RecordStore::collect_subject_rows(const sdk::Record& record, std::int64_t seq, std::vector<SubjectRow>& rows) {
  for (const sdk::Scope scope : {sdk::Scope::child, sdk::Scope::staff}) {
    for (sdk::Subject& subject : sdk::subjects_of(record, scope))
      rows.push_back({sdk::to_string(scope), std::move(subject.home), std::move(subject.id), record.kind(), seq});
  }
}

void RecordStore::insert_subject_rows(std::span<const SubjectRow> rows) {
  Statement& link = prepared(st_->insert_subject, db_,
                             "INSERT INTO record_subjects (scope, home, subject, kind, seq)"
                             " VALUES (?1, ?2, ?3, ?4, ?5)");
  for (const SubjectRow& row : rows) {
    ResetOnExit reset(link);
    link.bind(1, row.scope).bind(2, row.home).bind(3, row.subject).bind(4, row.kind).bind(5, row.seq);
    link.run();
  }
}

PutOutcome RecordStore::put(const sdk::Record& record, std::string_view source, sdk::TimePoint imported_at) {
  std::int64_t seq = 0;
  const PutOutcome outcome = insert_revision(record, source, imported_at, seq);
  if (outcome == PutOutcome::inserted) {
    std::vector<SubjectRow> rows;
    collect_subject_rows(record, seq, rows);
    insert_subject_rows(rows);
  }
  return outcome;
}

std::vector<PutOutcome> RecordStore::put_batch(std::span<const sdk::Record> records, std::string_view source,
                                               sdk::TimePoint imported_at) {
  std::vector<PutOutcome> outcomes;
  outcomes.reserve(records.size());
  std::vector<SubjectRow> rows;
  rows.reserve(records.size() * 2);
  for (const sdk::Record& record : records) {
    std::int64_t seq = 0;
    outcomes.push_back(insert_revision(record, source, imported_at, seq));
    if (outcomes.back() == PutOutcome::inserted) collect_subject_rows(record, seq, rows);
  }
  // A batch names many subjects; inserting their index rows in key order walks the index once instead
  // of jumping between its pages for every record.
  std::sort(rows.begin(), rows.end());
  insert_subject_rows(rows);
  return outcomes;
}

void RecordStore::quarantine(const QuarantineEntry& entry) {
  quarantine(entry.source, entry.line, entry.field, entry.reason, entry.raw, entry.received_at);
}

void RecordStore::quarantine(std::string_view source, std::int64_t line, std::string_view field,
                             std::string_view reason, std::string_view raw, sdk::TimePoint received_at) {
  Statement& st = prepared(st_->insert_quarantine, db_,
                           "INSERT INTO quarantine (source, line, field, reason, raw, received_at)"
                           " VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
  ResetOnExit reset(st);
  st.bind(1, source).bind(2, line).bind(3, field).bind(4, reason);
  st.bind_blob(5, raw).bind(6, sdk::to_unix(received_at));
  st.run();
}

std::int64_t RecordStore::last_seq() {
  Statement& st = prepared(st_->last_seq, db_, "SELECT COALESCE(MAX(seq), 0) FROM records");
  ResetOnExit reset(st);
  st.step();
  return st.column_int(0);
}

std::vector<StoredRecord> RecordStore::since(std::int64_t seq, std::size_t limit) {
  Statement& st = prepared(st_->since, db_, "SELECT seq, body FROM records WHERE seq > ?1 ORDER BY seq LIMIT ?2");
  ResetOnExit reset(st);
  st.bind(1, seq).bind(2, static_cast<std::int64_t>(std::min<std::size_t>(limit, INT64_MAX)));
  std::vector<StoredRecord> out;
  while (st.step()) {
    const std::int64_t s = st.column_int(0);
    out.push_back({s, parse_body(db_, st.column_text(1), s)});
  }
  return out;
}

sdk::Timeline RecordStore::load_timeline(const sdk::Subject& subject, sdk::TimePoint as_of,
                                         std::span<const std::string> kinds) {
  std::set<std::string, std::less<>> wanted(kinds.begin(), kinds.end());
  for (const std::string_view k : sdk::reference_kinds(subject.scope)) wanted.emplace(k);
  const std::int64_t t = sdk::to_unix(as_of);

  std::vector<sdk::Record> records;
  auto collect = [&](Statement& st) {
    while (st.step()) {
      records.push_back(parse_body(db_, st.column_text(1), st.column_int(0)));
      records.back().set_first_recorded_at(sdk::from_unix(st.column_int(2)));
    }
  };

  // One indexed query per kind: a kind list of varying length would defeat statement caching, and
  // each query then walks exactly one range of its index.
  for (const std::string& kind : wanted) {
    switch (subject.scope) {
      case sdk::Scope::child:
      case sdk::Scope::staff: {
        // The index row says some revision named this subject; only the newest revision as of T
        // counts, since a later one may have moved the record elsewhere or withdrawn it.
        Statement& st = prepared(
            st_->by_subject, db_,
            std::string("SELECT r.seq, r.body, ") + std::string(kFirstRecordedAt) +
                std::string(" FROM record_subjects rs JOIN records r ON r.seq = rs.seq"
                        " WHERE rs.scope = :scope AND rs.home = :home AND rs.subject = :subject"
                        " AND rs.kind = :kind AND r.recorded_at <= :as_of AND r.deleted = 0 AND ") +
                std::string(kIsNewestAsOf));
        ResetOnExit reset(st);
        st.bind(1, sdk::to_string(subject.scope)).bind(2, subject.home).bind(3, subject.id);
        st.bind(4, kind).bind(5, t);
        collect(st);
        break;
      }
      case sdk::Scope::home: {
        Statement& st = prepared(st_->by_home, db_,
                                 std::string("SELECT r.seq, r.body, ") + std::string(kFirstRecordedAt) +
                                     std::string(" FROM records r INDEXED BY records_home_kind_event WHERE r.home = :home"
                                             " AND r.kind = :kind AND r.recorded_at <= :as_of"
                                             " AND r.deleted = 0 AND ") +
                                     std::string(kIsNewestAsOf));
        ResetOnExit reset(st);
        st.bind(1, subject.home).bind(2, kind).bind(3, t);
        collect(st);
        break;
      }
      case sdk::Scope::all_homes: {
        Statement& st = prepared(st_->by_kind, db_,
                                 std::string("SELECT r.seq, r.body, ") + std::string(kFirstRecordedAt) +
                                     std::string(" FROM records r INDEXED BY records_kind_recorded WHERE r.kind = :kind"
                                             " AND r.recorded_at <= :as_of AND r.deleted = 0 AND ") +
                                     std::string(kIsNewestAsOf));
        ResetOnExit reset(st);
        st.bind(1, kind).bind(2, t);
        collect(st);
        break;
      }
    }
  }

  // all_homes already holds every current home record (home is one of its reference kinds).
  std::vector<sdk::Record> references;
  if (subject.scope == sdk::Scope::child || subject.scope == sdk::Scope::staff) {
    Statement& st = prepared(st_->home_record, db_,
                             "SELECT r.seq, r.body, r.deleted, " + std::string(kFirstRecordedAt) +
                                 " FROM records r" CAREWATCH_BY_RECORD_KEY "WHERE r.kind = 'home' AND r.id = ?1"
                                 " AND r.recorded_at <= ?2 ORDER BY r.revision DESC LIMIT 1");
    ResetOnExit reset(st);
    st.bind(1, subject.home).bind(2, t);
    if (st.step() && st.column_int(2) == 0) {
      references.push_back(parse_body(db_, st.column_text(1), st.column_int(0)));
      references.back().set_first_recorded_at(sdk::from_unix(st.column_int(3)));
    }
  }
  return sdk::Timeline(subject, std::move(records), std::move(references));
}

std::vector<sdk::Subject> RecordStore::subjects(sdk::Scope scope, sdk::TimePoint as_of) {
  const std::int64_t t = sdk::to_unix(as_of);
  std::vector<sdk::Subject> out;
  switch (scope) {
    case sdk::Scope::child:
    case sdk::Scope::staff: {
      Statement st(db_,
                   "SELECT DISTINCT rs.home, rs.subject FROM record_subjects rs JOIN records r ON r.seq = rs.seq"
                   " WHERE rs.scope = ?1 AND r.recorded_at <= ?2 ORDER BY rs.home, rs.subject");
      st.bind(1, sdk::to_string(scope)).bind(2, t);
      while (st.step()) out.push_back({scope, st.column_text(0), st.column_text(1)});
      break;
    }
    case sdk::Scope::home: {
      Statement st(db_,
                   "SELECT DISTINCT home FROM records WHERE home IS NOT NULL AND recorded_at <= ?1 ORDER BY home");
      st.bind(1, t);
      while (st.step()) out.push_back({scope, st.column_text(0), {}});
      break;
    }
    case sdk::Scope::all_homes: {
      Statement st(db_, "SELECT 1 FROM records WHERE recorded_at <= ?1 LIMIT 1");
      st.bind(1, t);
      if (st.step()) out.push_back({scope, {}, {}});
      break;
    }
  }
  return out;
}

std::vector<sdk::Record> RecordStore::revisions(std::string_view kind, std::string_view id) {
  Statement& st = prepared(st_->revisions, db_,
                           "SELECT seq, body FROM records" CAREWATCH_BY_RECORD_KEY "WHERE kind = ?1 AND id = ?2 ORDER BY revision");
  ResetOnExit reset(st);
  st.bind(1, kind).bind(2, id);
  std::vector<sdk::Record> out;
  while (st.step()) out.push_back(parse_body(db_, st.column_text(1), st.column_int(0)));
  return out;
}

std::int64_t RecordStore::count_revisions() {
  Statement st(db_, "SELECT COUNT(*) FROM records");
  st.step();
  return st.column_int(0);
}

std::int64_t RecordStore::count_quarantined() {
  Statement st(db_, "SELECT COUNT(*) FROM quarantine");
  st.step();
  return st.column_int(0);
}

std::vector<QuarantineEntry> RecordStore::quarantined(std::size_t limit) {
  Statement st(db_,
               "SELECT source, line, field, reason, raw, received_at FROM quarantine ORDER BY qid LIMIT ?1");
  st.bind(1, static_cast<std::int64_t>(std::min<std::size_t>(limit, INT64_MAX)));
  std::vector<QuarantineEntry> out;
  while (st.step()) {
    out.push_back({st.column_text(0), st.column_int(1), st.column_text(2), st.column_text(3), st.column_text(4),
                   sdk::from_unix(st.column_int(5))});
  }
  return out;
}

}  // namespace carewatch::store
