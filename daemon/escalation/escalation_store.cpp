#include "escalation/escalation_store.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <utility>
#include <variant>

#include <carewatch/sdk/json.hpp>

namespace carewatch::escalation {
namespace {

using sdk::TimePoint;
using store::Statement;

constexpr std::string_view kColumns =
    "eid, fingerprint, rule, severity, regulation, home, child, staff, subject_key, checker, evidence, "
    "due_at, summary, escalate_to, state, opened_at, updated_at, resolved_at, resolved_by, silenced_until";

constexpr std::string_view kAbsentReason = "finding no longer present";

std::string to_json_list(const std::vector<std::string>& items) {
  sdk::Array a;
  a.reserve(items.size());
  for (const auto& s : items) a.emplace_back(s);
  return sdk::Value(std::move(a)).to_json();
}

// The lists were written by to_json_list; anything else means the row was edited by hand, and the
// escalation is still worth showing, so unreadable entries are skipped rather than thrown on.
std::vector<std::string> from_json_list(const std::string& text) {
  std::vector<std::string> out;
  auto parsed = sdk::parse_json(text);
  if (const auto* v = std::get_if<sdk::Value>(&parsed); v && v->is_array())
    for (const auto& e : v->as_array())
      if (e.is_string()) out.push_back(e.as_string());
  return out;
}

std::optional<TimePoint> optional_time(const Statement& st, int col) {
  if (st.is_null(col)) return std::nullopt;
  return sdk::from_unix(st.column_int(col));
}

std::optional<std::int64_t> optional_unix(const std::optional<TimePoint>& t) {
  if (!t) return std::nullopt;
  return sdk::to_unix(*t);
}

std::optional<std::string> null_if_empty(const std::string& s) {
  if (s.empty()) return std::nullopt;
  return s;
}

Escalation read_row(const Statement& st) {
  Escalation e;
  e.id = st.column_int(0);
  e.fingerprint = st.column_text(1);
  e.rule = st.column_text(2);
  e.severity = sdk::parse_severity(st.column_text(3)).value_or(sdk::Severity::medium);
  e.regulation = st.column_text(4);
  e.home = st.column_text(5);
  e.child = st.column_text(6);
  e.staff = st.column_text(7);
  e.subject_key = st.column_text(8);
  e.checker = st.column_text(9);
  e.evidence = from_json_list(st.column_text(10));
  e.due_at = optional_time(st, 11);
  e.summary = st.column_text(12);
  e.escalate_to = from_json_list(st.column_text(13));
  // The schema's CHECK constraint admits only the four states.
  e.state = parse_state(st.column_text(14)).value_or(State::open);
  e.opened_at = sdk::from_unix(st.column_int(15));
  e.updated_at = sdk::from_unix(st.column_int(16));
  e.resolved_at = optional_time(st, 17);
  e.resolved_by = st.column_text(18);
  e.silenced_until = optional_time(st, 19);
  return e;
}

std::string describe(std::int64_t id) {
  return "escalation " + std::to_string(id);
}

bool is_blank(std::string_view s) {
  return s.find_first_not_of(" \t\r\n") == std::string_view::npos;
}

void check_person(std::string_view actor, std::string_view reason) {
  if (is_blank(actor))
    throw EscalationError(EscalationError::Code::invalid_argument, "who is acting must be given (--by)");
  if (actor == kSystemActor)
    throw EscalationError(EscalationError::Code::invalid_argument,
                          "\"" + std::string(kSystemActor) + "\" is reserved for changes the data makes");
  if (is_blank(reason))
    throw EscalationError(EscalationError::Code::invalid_argument, "a reason must be given (--reason)");
}

}  // namespace

std::string_view to_string(State state) noexcept {
  switch (state) {
    case State::open:
      return "open";
    case State::acknowledged:
      return "acknowledged";
    case State::silenced:
      return "silenced";
    case State::resolved:
      return "resolved";
  }
  return "?";
}

std::optional<State> parse_state(std::string_view text) noexcept {
  if (text == "open") return State::open;
  if (text == "acknowledged") return State::acknowledged;
  if (text == "silenced") return State::silenced;
  if (text == "resolved") return State::resolved;
  return std::nullopt;
}

std::string_view to_string(Transition::Kind kind) noexcept {
  switch (kind) {
    case Transition::Kind::opened:
      return "opened";
    case Transition::Kind::resolved:
      return "resolved";
    case Transition::Kind::silence_expired:
      return "silence_expired";
  }
  return "?";
}

EscalationStore::EscalationStore(store::Database& db) : db_(db) {}

namespace {

struct Writer {
  store::Database& db;

  void event(std::int64_t eid, TimePoint at, std::string_view type, std::string_view actor,
             std::string_view reason, std::optional<State> from, std::optional<State> to,
             std::optional<TimePoint> until = std::nullopt) {
    Statement st(db,
                 "INSERT INTO escalation_events (eid, at, type, actor, reason, from_state, to_state, until) "
                 "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
    st.bind(1, eid).bind(2, sdk::to_unix(at)).bind(3, type).bind(4, actor);
    if (reason.empty())
      st.bind_null(5);
    else
      st.bind(5, reason);
    if (from)
      st.bind(6, to_string(*from));
    else
      st.bind_null(6);
    if (to)
      st.bind(7, to_string(*to));
    else
      st.bind_null(7);
    st.bind(8, optional_unix(until));
    st.run();
  }

  std::optional<Escalation> get(std::int64_t id) {
    Statement st(db, "SELECT " + std::string(kColumns) + " FROM escalations WHERE eid = ?1");
    st.bind(1, id);
    if (!st.step()) return std::nullopt;
    return read_row(st);
  }

  Escalation must_get(std::int64_t id) {
    auto e = get(id);
    if (!e) throw EscalationError(EscalationError::Code::not_found, describe(id) + " does not exist");
    return *e;
  }

  void set_state(const Escalation& e) {
    Statement st(db,
                 "UPDATE escalations SET state = ?2, updated_at = ?3, resolved_at = ?4, resolved_by = ?5, "
                 "silenced_until = ?6 WHERE eid = ?1");
    st.bind(1, e.id).bind(2, to_string(e.state)).bind(3, sdk::to_unix(e.updated_at));
    st.bind(4, optional_unix(e.resolved_at)).bind(5, null_if_empty(e.resolved_by));
    st.bind(6, optional_unix(e.silenced_until));
    st.run();
  }

  void set_cleared(std::int64_t id, TimePoint at) {
    Statement st(db, "UPDATE escalations SET cleared_at = ?2 WHERE eid = ?1");
    st.bind(1, id).bind(2, sdk::to_unix(at));
    st.run();
  }

  // The state a silenced escalation returns to: the one it had before the first of its current run
  // of silences (a silence may be extended by silencing again).
  State state_before_silence(std::int64_t id) {
    Statement st(db,
                 "SELECT from_state FROM escalation_events WHERE eid = ?1 AND type = 'silenced' "
                 "AND from_state <> 'silenced' ORDER BY event_id DESC LIMIT 1");
    st.bind(1, id);
    if (!st.step()) return State::open;
    const auto s = parse_state(st.column_text(0));
    return s && *s != State::resolved ? *s : State::open;
  }

  Transition expire_silence(Escalation e, TimePoint now) {
    const State to = state_before_silence(e.id);
    e.state = to;
    e.silenced_until.reset();
    e.updated_at = now;
    set_state(e);
    event(e.id, now, "silence_expired", kSystemActor, "silence expired", State::silenced, to);
    return {Transition::Kind::silence_expired, std::move(e)};
  }
};

}  // namespace

std::vector<Transition> EscalationStore::sync(std::string_view subject_key, std::string_view checker,
                                              const std::vector<sdk::Finding>& findings, TimePoint now) {
  Writer w{db_};
  std::vector<Transition> out;

  // Tracked: live escalations, and resolved ones whose finding the data has not yet shown gone
  // (only a person's resolution leaves cleared_at unset).
  std::map<std::string, Escalation> tracked;
  {
    Statement st(db_, "SELECT " + std::string(kColumns) +
                          " FROM escalations WHERE subject_key = ?1 AND checker = ?2 AND cleared_at IS NULL"
                          " ORDER BY eid");
    st.bind(1, subject_key).bind(2, checker);
    while (st.step()) {
      Escalation e = read_row(st);
      std::string fp = e.fingerprint;
      tracked.insert_or_assign(std::move(fp), std::move(e));
    }
  }

  std::set<std::string> present;
  for (const sdk::Finding& f : findings) {
    if (!present.insert(f.fingerprint).second) continue;
    const sdk::Severity severity = f.severity.value_or(sdk::Severity::medium);
    if (auto it = tracked.find(f.fingerprint); it != tracked.end()) {
      Escalation& e = it->second;
      if (e.state == State::resolved) continue;  // resolved by a person and still present: stays so
      if (e.severity != severity || e.due_at != f.due_at || e.evidence != f.evidence ||
          e.summary != f.summary || e.regulation != f.regulation || e.escalate_to != f.escalate_to) {
        Statement st(db_,
                     "UPDATE escalations SET severity = ?2, due_at = ?3, evidence = ?4, summary = ?5, "
                     "regulation = ?6, escalate_to = ?7, updated_at = ?8 WHERE eid = ?1");
        st.bind(1, e.id).bind(2, sdk::to_string(severity)).bind(3, optional_unix(f.due_at));
        st.bind(4, to_json_list(f.evidence)).bind(5, f.summary).bind(6, f.regulation);
        st.bind(7, to_json_list(f.escalate_to)).bind(8, sdk::to_unix(now));
        st.run();
      }
      if (e.state == State::silenced && e.silenced_until && *e.silenced_until <= now)
        out.push_back(w.expire_silence(*w.get(e.id), now));
      continue;
    }
    // The same finding live under another (subject, checker) -- a checker that reports one finding
    // from two subjects' timelines -- is already escalated; a second row would break the one-live-
    // escalation-per-fingerprint rule.
    {
      Statement st(db_, "SELECT 1 FROM escalations WHERE fingerprint = ?1 AND state <> 'resolved'");
      st.bind(1, f.fingerprint);
      if (st.step()) continue;
    }
    Statement ins(
        db_,
        "INSERT INTO escalations (fingerprint, rule, severity, regulation, home, child, staff, "
        "subject_key, checker, evidence, due_at, summary, escalate_to, state, opened_at, updated_at) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, 'open', ?14, ?14)");
    ins.bind(1, f.fingerprint).bind(2, f.rule).bind(3, sdk::to_string(severity)).bind(4, f.regulation);
    ins.bind(5, null_if_empty(f.home)).bind(6, null_if_empty(f.child)).bind(7, null_if_empty(f.staff));
    ins.bind(8, subject_key).bind(9, checker).bind(10, to_json_list(f.evidence));
    ins.bind(11, optional_unix(f.due_at)).bind(12, f.summary).bind(13, to_json_list(f.escalate_to));
    ins.bind(14, sdk::to_unix(now));
    ins.run();
    const std::int64_t eid = db_.last_insert_rowid();
    w.event(eid, now, "opened", kSystemActor, "", std::nullopt, State::open);
    out.push_back({Transition::Kind::opened, w.must_get(eid)});
  }

  for (auto& [fp, e] : tracked) {
    if (present.count(fp)) continue;
    if (e.state == State::resolved) {
      w.set_cleared(e.id, now);
      w.event(e.id, now, "cleared", kSystemActor, kAbsentReason, State::resolved, State::resolved);
      continue;
    }
    const State from = e.state;
    e.state = State::resolved;
    e.updated_at = now;
    e.resolved_at = now;
    e.resolved_by = std::string(kSystemActor);
    e.silenced_until.reset();
    w.set_state(e);
    w.set_cleared(e.id, now);
    w.event(e.id, now, "resolved", kSystemActor, kAbsentReason, from, State::resolved);
    out.push_back({Transition::Kind::resolved, std::move(e)});
  }
  return out;
}

std::vector<Transition> EscalationStore::expire_silences(TimePoint now) {
  Writer w{db_};
  std::vector<Escalation> due;
  {
    Statement st(db_, "SELECT " + std::string(kColumns) +
                          " FROM escalations WHERE state = 'silenced' AND silenced_until <= ?1 ORDER BY eid");
    st.bind(1, sdk::to_unix(now));
    while (st.step()) due.push_back(read_row(st));
  }
  std::vector<Transition> out;
  out.reserve(due.size());
  for (auto& e : due) out.push_back(w.expire_silence(std::move(e), now));
  return out;
}

std::optional<TimePoint> EscalationStore::next_silence_expiry() {
  Statement st(db_, "SELECT MIN(silenced_until) FROM escalations WHERE state = 'silenced'");
  if (!st.step() || st.is_null(0)) return std::nullopt;
  return sdk::from_unix(st.column_int(0));
}

Escalation EscalationStore::acknowledge(std::int64_t id, std::string_view actor, std::string_view reason,
                                        TimePoint now) {
  check_person(actor, reason);
  Writer w{db_};
  Escalation e = w.must_get(id);
  if (e.state != State::open && e.state != State::silenced)
    throw EscalationError(EscalationError::Code::invalid_transition,
                          describe(id) + " is " + std::string(to_string(e.state)) +
                              "; only an open or silenced escalation can be acknowledged");
  const State from = e.state;
  e.state = State::acknowledged;
  e.silenced_until.reset();
  e.updated_at = now;
  w.set_state(e);
  w.event(id, now, "acknowledged", actor, reason, from, e.state);
  return e;
}

Escalation EscalationStore::resolve(std::int64_t id, std::string_view actor, std::string_view reason,
                                    TimePoint now) {
  check_person(actor, reason);
  Writer w{db_};
  Escalation e = w.must_get(id);
  if (e.state == State::resolved)
    throw EscalationError(EscalationError::Code::invalid_transition,
                          describe(id) + " is already resolved (by " + e.resolved_by + ")");
  const State from = e.state;
  e.state = State::resolved;
  e.resolved_at = now;
  e.resolved_by = std::string(actor);
  e.silenced_until.reset();
  e.updated_at = now;
  w.set_state(e);
  w.event(id, now, "resolved", actor, reason, from, e.state);
  return e;
}

Escalation EscalationStore::silence(std::int64_t id, std::string_view actor, std::string_view reason,
                                    TimePoint until, TimePoint now) {
  check_person(actor, reason);
  if (until <= now)
    throw EscalationError(EscalationError::Code::invalid_argument,
                          "a silence must end in the future (--until " + sdk::format_timestamp(until) + ")");
  Writer w{db_};
  Escalation e = w.must_get(id);
  if (e.state == State::resolved)
    throw EscalationError(EscalationError::Code::invalid_transition,
                          describe(id) + " is resolved; a resolved escalation cannot be silenced");
  const State from = e.state;
  e.state = State::silenced;
  e.silenced_until = until;
  e.updated_at = now;
  w.set_state(e);
  w.event(id, now, "silenced", actor, reason, from, e.state, until);
  return e;
}

Escalation EscalationStore::end_silence(std::int64_t id, std::string_view actor, std::string_view reason,
                                        TimePoint now) {
  if (is_blank(actor) || is_blank(reason))
    throw EscalationError(EscalationError::Code::invalid_argument, "an actor and a reason must be given");
  Writer w{db_};
  Escalation e = w.must_get(id);
  if (e.state != State::silenced)
    throw EscalationError(EscalationError::Code::invalid_transition,
                          describe(id) + " is " + std::string(to_string(e.state)) + ", not silenced");
  const State to = w.state_before_silence(id);
  e.state = to;
  e.silenced_until.reset();
  e.updated_at = now;
  w.set_state(e);
  w.event(id, now, "silence_ended", actor, reason, State::silenced, to);
  return e;
}

void EscalationStore::note(std::int64_t id, std::string_view type, std::string_view actor, std::string_view reason,
                           TimePoint now) {
  if (is_blank(type) || is_blank(actor))
    throw EscalationError(EscalationError::Code::invalid_argument, "an event needs a type and an actor");
  Writer w{db_};
  const Escalation e = w.must_get(id);
  w.event(id, now, type, actor, reason, e.state, e.state);
}

std::vector<Escalation> EscalationStore::list(const ListFilter& filter) {
  std::string sql = "SELECT " + std::string(kColumns) + " FROM escalations WHERE 1 = 1";
  if (filter.state) sql += " AND state = ?1";
  if (filter.rule) sql += " AND rule = ?2";
  if (filter.home) sql += " AND home = ?3";
  if (filter.severity) sql += " AND severity = ?4";
  sql += " ORDER BY eid LIMIT ?5";
  Statement st(db_, sql);
  if (filter.state) st.bind(1, to_string(*filter.state));
  if (filter.rule) st.bind(2, *filter.rule);
  if (filter.home) st.bind(3, *filter.home);
  if (filter.severity) st.bind(4, sdk::to_string(*filter.severity));
  st.bind(5, static_cast<std::int64_t>(std::min<std::size_t>(filter.limit, INT64_MAX)));
  std::vector<Escalation> out;
  while (st.step()) out.push_back(read_row(st));
  return out;
}

std::optional<Escalation> EscalationStore::get(std::int64_t id) {
  return Writer{db_}.get(id);
}

std::vector<Event> EscalationStore::events(std::int64_t id) {
  Statement st(db_,
               "SELECT event_id, eid, at, type, actor, reason, from_state, to_state, until "
               "FROM escalation_events WHERE eid = ?1 ORDER BY event_id");
  st.bind(1, id);
  std::vector<Event> out;
  while (st.step()) {
    Event ev;
    ev.id = st.column_int(0);
    ev.escalation = st.column_int(1);
    ev.at = sdk::from_unix(st.column_int(2));
    ev.type = st.column_text(3);
    ev.actor = st.column_text(4);
    ev.reason = st.column_text(5);
    if (!st.is_null(6)) ev.from_state = parse_state(st.column_text(6));
    if (!st.is_null(7)) ev.to_state = parse_state(st.column_text(7));
    ev.until = optional_time(st, 8);
    out.push_back(std::move(ev));
  }
  return out;
}

std::vector<Escalation> EscalationStore::open_for(std::string_view subject_key, std::string_view checker) {
  Statement st(db_, "SELECT " + std::string(kColumns) +
                        " FROM escalations WHERE subject_key = ?1 AND checker = ?2 AND state <> 'resolved'"
                        " ORDER BY eid");
  st.bind(1, subject_key).bind(2, checker);
  std::vector<Escalation> out;
  while (st.step()) out.push_back(read_row(st));
  return out;
}

}  // namespace carewatch::escalation
