// Forward-only schema migrations. Each entry moves the schema from version N to N+1 and runs in one
// transaction with the PRAGMA user_version bump, so a crash mid-migration leaves the old version.
// Never edit a released migration: append a new one.

#include <array>
#include <string_view>

#include "store/database.hpp"

namespace carewatch::store {
namespace {

constexpr std::string_view kV1 = R"sql(
-- Every revision of every record, append-only. body is the record's canonical JSON (sorted keys).
CREATE TABLE records (
  seq          INTEGER PRIMARY KEY,
  kind         TEXT    NOT NULL,
  id           TEXT    NOT NULL,
  revision     INTEGER NOT NULL,
  home         TEXT,
  recorded_at  INTEGER NOT NULL,   -- unix seconds
  event_at     INTEGER NOT NULL,   -- unix seconds: the kind's event-time field, else recorded_at
  deleted      INTEGER NOT NULL DEFAULT 0,
  content_hash TEXT    NOT NULL,
  body         TEXT    NOT NULL,
  source       TEXT,
  imported_at  INTEGER NOT NULL,
  UNIQUE (kind, id, revision)
);
CREATE INDEX records_home_kind_event ON records (home, kind, event_at);
CREATE INDEX records_kind_recorded ON records (kind, recorded_at);

-- Which child and staff subjects each revision belongs to (sdk::subjects_of).
CREATE TABLE record_subjects (
  scope   TEXT    NOT NULL,          -- 'child' or 'staff'
  home    TEXT    NOT NULL,
  subject TEXT    NOT NULL,
  kind    TEXT    NOT NULL,
  seq     INTEGER NOT NULL REFERENCES records (seq),
  PRIMARY KEY (scope, home, subject, kind, seq)
) WITHOUT ROWID;

-- Rejected input lines, verbatim.
CREATE TABLE quarantine (
  qid         INTEGER PRIMARY KEY,
  source      TEXT    NOT NULL,
  line        INTEGER NOT NULL,
  field       TEXT    NOT NULL,
  reason      TEXT    NOT NULL,
  raw         BLOB    NOT NULL,
  received_at INTEGER NOT NULL
);

-- Escalations: one row per opening of a finding; a finding that clears and comes back opens a new row.
CREATE TABLE escalations (
  eid          INTEGER PRIMARY KEY,
  fingerprint  TEXT    NOT NULL,
  rule         TEXT    NOT NULL,
  severity     TEXT    NOT NULL,
  regulation   TEXT    NOT NULL,
  home         TEXT,
  child        TEXT,
  staff        TEXT,
  subject_key  TEXT    NOT NULL,
  checker      TEXT    NOT NULL,
  evidence     TEXT    NOT NULL,   -- JSON array of record ids
  due_at       INTEGER,
  summary      TEXT    NOT NULL,
  escalate_to  TEXT    NOT NULL,   -- JSON array of roles
  state        TEXT    NOT NULL CHECK (state IN ('open', 'acknowledged', 'silenced', 'resolved')),
  opened_at    INTEGER NOT NULL,
  updated_at   INTEGER NOT NULL,
  resolved_at  INTEGER,
  resolved_by  TEXT               -- 'carewatch' when the data closed it, else the person
);
CREATE UNIQUE INDEX escalations_live_fingerprint ON escalations (fingerprint) WHERE state <> 'resolved';
CREATE INDEX escalations_subject ON escalations (subject_key, checker, state);
CREATE INDEX escalations_state ON escalations (state, rule);

-- Append-only log of every escalation transition: who did what, when and why.
CREATE TABLE escalation_events (
  event_id   INTEGER PRIMARY KEY,
  eid        INTEGER NOT NULL REFERENCES escalations (eid),
  at         INTEGER NOT NULL,
  type       TEXT    NOT NULL,
  actor      TEXT    NOT NULL,
  reason     TEXT,
  from_state TEXT,
  to_state   TEXT
);
CREATE INDEX escalation_events_eid ON escalation_events (eid, event_id);

CREATE TRIGGER records_append_only_update BEFORE UPDATE ON records
BEGIN SELECT RAISE(ABORT, 'records are append-only'); END;
CREATE TRIGGER records_append_only_delete BEFORE DELETE ON records
BEGIN SELECT RAISE(ABORT, 'records are append-only'); END;
CREATE TRIGGER escalation_events_append_only_update BEFORE UPDATE ON escalation_events
BEGIN SELECT RAISE(ABORT, 'the escalation event log is append-only'); END;
CREATE TRIGGER escalation_events_append_only_delete BEFORE DELETE ON escalation_events
BEGIN SELECT RAISE(ABORT, 'the escalation event log is append-only'); END;
)sql";

// v2: basic silences (until when, on the escalation and on its "silenced" event), and when the data
// stopped showing an escalation's finding, so that a finding a person resolved stays resolved while it
// is present and opens anew only after it has gone away and come back.
constexpr std::string_view kV2 = R"sql(
ALTER TABLE escalations ADD COLUMN silenced_until INTEGER;  -- unix seconds; set while silenced
ALTER TABLE escalations ADD COLUMN cleared_at INTEGER;      -- unix seconds; null while the finding is present
ALTER TABLE escalation_events ADD COLUMN until INTEGER;     -- a silence's expiry
UPDATE escalations SET cleared_at = resolved_at WHERE state = 'resolved' AND resolved_by = 'carewatch';
CREATE INDEX escalations_tracked ON escalations (subject_key, checker) WHERE cleared_at IS NULL;
CREATE INDEX escalations_silenced ON escalations (silenced_until) WHERE state = 'silenced';
)sql";

// v3: the outbox (DESIGN.md step 6): messages written with the escalation change that causes them,
// delivered with retries and backoff (daemon/outbox/README.md). Rows change state but are never deleted.
constexpr std::string_view kV3 = R"sql(
CREATE TABLE outbox (
  id              INTEGER PRIMARY KEY,
  idempotency_key TEXT    NOT NULL UNIQUE,
  channel         TEXT    NOT NULL CHECK (channel IN ('email', 'webhook', 'log')),
  recipient       TEXT    NOT NULL,
  role            TEXT    NOT NULL,
  home            TEXT,
  kind            TEXT    NOT NULL,
  level           INTEGER NOT NULL,
  escalations     TEXT    NOT NULL,   -- JSON array of escalation ids (eid)
  subject         TEXT    NOT NULL,
  body            TEXT    NOT NULL,
  payload         TEXT    NOT NULL,
  created_at      INTEGER NOT NULL,   -- unix seconds
  state           TEXT    NOT NULL CHECK (state IN ('pending', 'delivered', 'dead')),
  attempts        INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER,            -- unix seconds; set while pending
  delivered_at    INTEGER,
  last_error      TEXT
);
CREATE INDEX outbox_due ON outbox (next_attempt_at, id) WHERE state = 'pending';
CREATE INDEX outbox_state ON outbox (state, id);

-- Which escalations each message is about (a digest names several), for listing by escalation.
CREATE TABLE outbox_escalations (
  eid       INTEGER NOT NULL,
  outbox_id INTEGER NOT NULL REFERENCES outbox (id),
  PRIMARY KEY (eid, outbox_id)
) WITHOUT ROWID;

-- Append-only log of what happened to each message after it was written: failed attempts, delivery,
-- dead-lettering, and retries by a person (who and why).
CREATE TABLE outbox_events (
  event_id  INTEGER PRIMARY KEY,
  outbox_id INTEGER NOT NULL REFERENCES outbox (id),
  at        INTEGER NOT NULL,
  type      TEXT    NOT NULL,         -- delivered | failed | dead | retried
  actor     TEXT    NOT NULL,
  reason    TEXT,
  attempt   INTEGER NOT NULL
);
CREATE INDEX outbox_events_outbox ON outbox_events (outbox_id, event_id);

CREATE TRIGGER outbox_keep BEFORE DELETE ON outbox
BEGIN SELECT RAISE(ABORT, 'outbox messages are kept'); END;
CREATE TRIGGER outbox_events_append_only_update BEFORE UPDATE ON outbox_events
BEGIN SELECT RAISE(ABORT, 'the outbox event log is append-only'); END;
CREATE TRIGGER outbox_events_append_only_delete BEFORE DELETE ON outbox_events
BEGIN SELECT RAISE(ABORT, 'the outbox event log is append-only'); END;
)sql";

// v4: routing state: each escalation's place on its route's ladder, and silences by rule, home, child or
// fingerprint (daemon/routing/README.md).
constexpr std::string_view kV4 = R"sql(
-- One row per escalation the ladder has taken on. level is the highest level told (-1: none yet, e.g.
-- silenced as it opened); next_action_at is when the ladder must look at it again (null: nothing due).
CREATE TABLE ladder_state (
  eid              INTEGER PRIMARY KEY REFERENCES escalations (eid),
  route            TEXT    NOT NULL,
  level            INTEGER NOT NULL,
  level_started_at INTEGER NOT NULL,   -- unix seconds
  last_told_at     INTEGER,            -- the last opened, escalated or reminder message
  reminders        INTEGER NOT NULL DEFAULT 0,
  next_action_at   INTEGER,
  silence_rule     INTEGER             -- the silence rule that silenced it, while it does
);
CREATE INDEX ladder_state_next ON ladder_state (next_action_at) WHERE next_action_at IS NOT NULL;

-- Everyone told about an escalation so far: they hear when it resolves or is closed.
CREATE TABLE ladder_told (
  eid       INTEGER NOT NULL REFERENCES escalations (eid),
  channel   TEXT    NOT NULL,
  address   TEXT    NOT NULL,
  role      TEXT    NOT NULL,
  level     INTEGER NOT NULL,
  told_at   INTEGER NOT NULL,
  PRIMARY KEY (eid, channel, address)
) WITHOUT ROWID;

-- Silence rules: every non-null matcher must match; expires_at is required, ended_at set when a person
-- ends one early. Never deleted.
CREATE TABLE silence_rules (
  sid         INTEGER PRIMARY KEY,
  rule        TEXT,
  home        TEXT,
  child       TEXT,
  fingerprint TEXT,
  reason      TEXT    NOT NULL,
  author      TEXT    NOT NULL,
  created_at  INTEGER NOT NULL,
  expires_at  INTEGER NOT NULL,
  ended_at    INTEGER,
  ended_by    TEXT,
  end_reason  TEXT,
  CHECK (rule IS NOT NULL OR home IS NOT NULL OR child IS NOT NULL OR fingerprint IS NOT NULL)
);
CREATE INDEX silence_rules_live ON silence_rules (expires_at) WHERE ended_at IS NULL;
)sql";

constexpr std::array<std::string_view, 4> kMigrations = {kV1, kV2, kV3, kV4};

}  // namespace

int current_schema_version() noexcept { return static_cast<int>(kMigrations.size()); }

void Database::migrate() {
  const int from = schema_version();
  if (from > current_schema_version())
    throw DatabaseError(path_.string() + " has schema version " + std::to_string(from) +
                        ", newer than this build (" + std::to_string(current_schema_version()) + ")");
  for (int v = from; v < current_schema_version(); ++v) {
    Transaction tx(*this);
    exec(kMigrations[static_cast<std::size_t>(v)]);
    exec("PRAGMA user_version = " + std::to_string(v + 1));
    tx.commit();
  }
}

}  // namespace carewatch::store
