#include "outbox/outbox_store.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>

namespace carewatch::outbox {
namespace {

using sdk::TimePoint;
using store::Statement;

constexpr std::string_view kColumns =
    "id, idempotency_key, channel, recipient, role, home, kind, level, escalations, subject, body, payload, "
    "created_at, state, attempts, next_attempt_at, delivered_at, last_error";

std::string to_json_ids(const std::vector<std::int64_t>& ids) {
  std::string out = "[";
  for (std::size_t i = 0; i < ids.size(); ++i) {
    if (i) out += ',';
    out += std::to_string(ids[i]);
  }
  return out + "]";
}

// The list was written by to_json_ids; anything unreadable (a row edited by hand) is skipped so the
// message can still be shown and delivered.
std::vector<std::int64_t> from_json_ids(std::string_view text) {
  std::vector<std::int64_t> out;
  std::size_t i = 0;
  while (i < text.size()) {
    if (text[i] == '-' || (text[i] >= '0' && text[i] <= '9')) {
      std::int64_t v = 0;
      const auto [end, ec] = std::from_chars(text.data() + i, text.data() + text.size(), v);
      if (ec == std::errc()) out.push_back(v);
      i = static_cast<std::size_t>(end - text.data());
      if (ec != std::errc()) ++i;
    } else {
      ++i;
    }
  }
  return out;
}

std::optional<TimePoint> optional_time(const Statement& st, int col) {
  if (st.is_null(col)) return std::nullopt;
  return sdk::from_unix(st.column_int(col));
}

Message read_row(const Statement& st) {
  Message m;
  m.id = st.column_int(0);
  m.idempotency_key = st.column_text(1);
  // The schema's CHECK constraints admit only known channels and states.
  m.channel = parse_channel(st.column_text(2)).value_or(Channel::log);
  m.recipient = st.column_text(3);
  m.role = st.column_text(4);
  m.home = st.column_text(5);
  m.kind = st.column_text(6);
  m.level = static_cast<int>(st.column_int(7));
  m.escalations = from_json_ids(st.column_text(8));
  m.subject = st.column_text(9);
  m.body = st.column_text(10);
  m.payload = st.column_text(11);
  m.created_at = sdk::from_unix(st.column_int(12));
  m.state = parse_delivery_state(st.column_text(13)).value_or(DeliveryState::pending);
  m.attempts = static_cast<int>(st.column_int(14));
  m.next_attempt_at = optional_time(st, 15);
  m.delivered_at = optional_time(st, 16);
  m.last_error = st.column_text(17);
  return m;
}

TimePoint wall_now() {
  return std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
}

}  // namespace

int jitter_permille(std::string_view idempotency_key) noexcept {
  std::uint64_t h = 14695981039346656037ULL;
  for (const char c : idempotency_key) {
    h ^= static_cast<unsigned char>(c);
    h *= 1099511628211ULL;
  }
  return static_cast<int>(h % 100);
}

std::chrono::seconds backoff_delay(const RetryPolicy& policy, std::string_view idempotency_key,
                                   int failures) {
  const std::int64_t cap = std::max<std::int64_t>(1, policy.max_backoff.count());
  std::int64_t base = std::max<std::int64_t>(1, policy.initial_backoff.count());
  // Doubling stops at the cap, so a large attempt count cannot overflow.
  for (int i = 1; i < failures && base < cap; ++i) base *= 2;
  base = std::min(base, cap);
  return std::chrono::seconds(base - base * jitter_permille(idempotency_key) / 1000);
}

OutboxStore::OutboxStore(store::Database& db, RetryPolicy policy) : db_(db), policy_(policy) {}

std::int64_t OutboxStore::enqueue(const Message& message) {
  const TimePoint due = std::min(message.created_at, wall_now());
  Statement ins(
      db_,
      "INSERT INTO outbox (idempotency_key, channel, recipient, role, home, kind, level, escalations, "
      "subject, body, payload, created_at, state, attempts, next_attempt_at) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, 'pending', 0, ?13) "
      "ON CONFLICT (idempotency_key) DO NOTHING");
  ins.bind(1, message.idempotency_key)
      .bind(2, to_string(message.channel))
      .bind(3, message.recipient)
      .bind(4, message.role)
      .bind(5, message.home)
      .bind(6, message.kind)
      .bind(7, message.level)
      .bind(8, to_json_ids(message.escalations))
      .bind(9, message.subject)
      .bind(10, message.body)
      .bind(11, message.payload)
      .bind(12, sdk::to_unix(message.created_at))
      .bind(13, sdk::to_unix(due));
  if (message.home.empty()) ins.bind_null(5);
  ins.run();
  if (db_.changes() == 0) {
    Statement existing(db_, "SELECT id FROM outbox WHERE idempotency_key = ?1");
    existing.bind(1, message.idempotency_key);
    if (!existing.step()) db_.fail("outbox enqueue: key conflict without a row");
    return existing.column_int(0);
  }
  const std::int64_t id = db_.last_insert_rowid();
  Statement link(db_, "INSERT OR IGNORE INTO outbox_escalations (eid, outbox_id) VALUES (?1, ?2)");
  for (const auto eid : message.escalations) {
    link.bind(1, eid).bind(2, id);
    link.run();
    link.reset();
  }
  return id;
}

std::vector<Message> OutboxStore::due(TimePoint now, int limit) {
  Statement st(db_, "SELECT " + std::string(kColumns) +
                        " FROM outbox WHERE state = 'pending' AND next_attempt_at <= ?1 "
                        "ORDER BY next_attempt_at, id LIMIT ?2");
  st.bind(1, sdk::to_unix(now)).bind(2, std::max(0, limit));
  std::vector<Message> out;
  while (st.step()) out.push_back(read_row(st));
  return out;
}

bool OutboxStore::record_success(std::int64_t id, TimePoint now) {
  store::Transaction tx(db_);
  Statement up(db_,
               "UPDATE outbox SET state = 'delivered', attempts = attempts + 1, delivered_at = ?2, "
               "next_attempt_at = NULL WHERE id = ?1 AND state = 'pending' RETURNING attempts");
  up.bind(1, id).bind(2, sdk::to_unix(now));
  if (!up.step()) return false;
  const int attempt = static_cast<int>(up.column_int(0));
  up.run();
  log_event(id, now, "delivered", "carewatch", {}, attempt);
  tx.commit();
  return true;
}

std::optional<DeliveryState> OutboxStore::record_failure(std::int64_t id, TimePoint now,
                                                         std::string_view error, bool permanent) {
  store::Transaction tx(db_);
  Statement sel(db_, "SELECT attempts, idempotency_key FROM outbox WHERE id = ?1 AND state = 'pending'");
  sel.bind(1, id);
  if (!sel.step()) return std::nullopt;
  const int attempt = static_cast<int>(sel.column_int(0)) + 1;
  const std::string key = sel.column_text(1);
  const bool dead = permanent || attempt >= std::max(1, policy_.max_attempts);
  Statement up(
      db_,
      "UPDATE outbox SET state = ?2, attempts = ?3, next_attempt_at = ?4, last_error = ?5 WHERE id = ?1");
  up.bind(1, id).bind(2, dead ? "dead" : "pending").bind(3, attempt).bind(5, error);
  if (dead)
    up.bind_null(4);
  else
    up.bind(4, sdk::to_unix(now + backoff_delay(policy_, key, attempt)));
  up.run();
  log_event(id, now, dead ? "dead" : "failed", "carewatch", error, attempt);
  tx.commit();
  return dead ? DeliveryState::dead : DeliveryState::pending;
}

bool OutboxStore::defer(std::int64_t id, TimePoint until, std::string_view reason) {
  Statement up(db_,
               "UPDATE outbox SET next_attempt_at = ?2, last_error = ?3 WHERE id = ?1 AND state = 'pending'");
  up.bind(1, id).bind(2, sdk::to_unix(until)).bind(3, reason);
  up.run();
  return db_.changes() > 0;
}

void OutboxStore::retry(std::int64_t id, std::string_view by, std::string_view reason, TimePoint now) {
  if (by.empty()) throw OutboxError("a retry needs the name of who asks for it (--by)");
  if (reason.empty()) throw OutboxError("a retry needs a reason (--reason)");
  store::Transaction tx(db_);
  Statement sel(db_, "SELECT state, attempts FROM outbox WHERE id = ?1");
  sel.bind(1, id);
  if (!sel.step()) throw OutboxError("no outbox message " + std::to_string(id));
  const std::string state = sel.column_text(0);
  const int attempts = static_cast<int>(sel.column_int(1));
  if (state != "dead")
    throw OutboxError("outbox message " + std::to_string(id) + " is " + state +
                      ", only a dead message is retried");
  Statement up(db_, "UPDATE outbox SET state = 'pending', attempts = 0, next_attempt_at = ?2 WHERE id = ?1");
  up.bind(1, id).bind(2, sdk::to_unix(now));
  up.run();
  log_event(id, now, "retried", by, reason, attempts);
  tx.commit();
}

std::optional<Message> OutboxStore::get(std::int64_t id) {
  Statement st(db_, "SELECT " + std::string(kColumns) + " FROM outbox WHERE id = ?1");
  st.bind(1, id);
  if (!st.step()) return std::nullopt;
  return read_row(st);
}

std::vector<Message> OutboxStore::list(const ListFilter& filter) {
  std::string sql = "SELECT " + std::string(kColumns) + " FROM outbox WHERE 1";
  if (filter.state) sql += " AND state = ?1";
  if (filter.escalation) sql += " AND id IN (SELECT outbox_id FROM outbox_escalations WHERE eid = ?2)";
  sql += " ORDER BY id DESC LIMIT ?3";
  Statement st(db_, sql);
  if (filter.state) st.bind(1, to_string(*filter.state));
  if (filter.escalation) st.bind(2, *filter.escalation);
  st.bind(3, std::max(0, filter.limit));
  std::vector<Message> out;
  while (st.step()) out.push_back(read_row(st));
  return out;
}

std::vector<OutboxEvent> OutboxStore::events(std::int64_t id) {
  Statement st(
      db_,
      "SELECT at, type, actor, reason, attempt FROM outbox_events WHERE outbox_id = ?1 ORDER BY event_id");
  st.bind(1, id);
  std::vector<OutboxEvent> out;
  while (st.step())
    out.push_back({sdk::from_unix(st.column_int(0)), st.column_text(1), st.column_text(2), st.column_text(3),
                   static_cast<int>(st.column_int(4))});
  return out;
}

std::map<DeliveryState, std::int64_t> OutboxStore::depth() {
  std::map<DeliveryState, std::int64_t> out = {
      {DeliveryState::pending, 0}, {DeliveryState::delivered, 0}, {DeliveryState::dead, 0}};
  Statement st(db_, "SELECT state, count(*) FROM outbox GROUP BY state");
  while (st.step())
    if (const auto s = parse_delivery_state(st.column_text(0))) out[*s] = st.column_int(1);
  return out;
}

std::optional<TimePoint> OutboxStore::next_attempt_at() {
  Statement st(db_, "SELECT min(next_attempt_at) FROM outbox WHERE state = 'pending'");
  if (!st.step()) return std::nullopt;
  return optional_time(st, 0);
}

void OutboxStore::log_event(std::int64_t id, TimePoint at, std::string_view type, std::string_view actor,
                            std::string_view reason, int attempt) {
  Statement ins(db_,
                "INSERT INTO outbox_events (outbox_id, at, type, actor, reason, attempt) VALUES (?1, ?2, ?3, "
                "?4, ?5, ?6)");
  ins.bind(1, id).bind(2, sdk::to_unix(at)).bind(3, type).bind(4, actor).bind(5, reason).bind(6, attempt);
  if (reason.empty()) ins.bind_null(5);
  ins.run();
}

}  // namespace carewatch::outbox
