#include "routing/silence_rule_store.hpp"

namespace carewatch::routing {
namespace {

constexpr std::string_view kColumns =
    "sid, rule, home, child, fingerprint, reason, author, created_at, expires_at, ended_at, ended_by, "
    "end_reason";

bool is_blank(std::string_view s) {
  return s.find_first_not_of(" \t\r\n") == std::string_view::npos;
}

std::optional<std::string> null_if_empty(const std::string& s) {
  if (s.empty()) return std::nullopt;
  return s;
}

SilenceRule read_row(const store::Statement& st) {
  SilenceRule r;
  r.id = st.column_int(0);
  r.rule = st.column_text(1);
  r.home = st.column_text(2);
  r.child = st.column_text(3);
  r.fingerprint = st.column_text(4);
  r.reason = st.column_text(5);
  r.author = st.column_text(6);
  r.created_at = sdk::from_unix(st.column_int(7));
  r.expires_at = sdk::from_unix(st.column_int(8));
  if (!st.is_null(9)) r.ended_at = sdk::from_unix(st.column_int(9));
  r.ended_by = st.column_text(10);
  r.end_reason = st.column_text(11);
  return r;
}

}  // namespace

bool SilenceRule::matches(const escalation::Escalation& e) const {
  return (rule.empty() || rule == e.rule) && (home.empty() || home == e.home) &&
         (child.empty() || child == e.child) && (fingerprint.empty() || fingerprint == e.fingerprint);
}

std::string SilenceRule::describe() const {
  std::string out;
  auto add = [&out](std::string_view name, const std::string& value) {
    if (value.empty()) return;
    out += (out.empty() ? "" : " ") + std::string(name) + "=" + value;
  };
  add("rule", rule);
  add("home", home);
  add("child", child);
  add("fingerprint", fingerprint);
  return out;
}

SilenceRuleStore::SilenceRuleStore(store::Database& db) : db_(db) {}

std::int64_t SilenceRuleStore::add(const SilenceRule& r, sdk::TimePoint now) {
  if (r.rule.empty() && r.home.empty() && r.child.empty() && r.fingerprint.empty())
    throw SilenceRuleError("a silence rule needs at least one of --rule, --home, --child, --fingerprint");
  if (is_blank(r.author)) throw SilenceRuleError("who is silencing must be given (--by)");
  if (r.author == escalation::kSystemActor)
    throw SilenceRuleError("\"" + std::string(escalation::kSystemActor) +
                           "\" is reserved for changes the data makes");
  if (is_blank(r.reason)) throw SilenceRuleError("a reason must be given (--reason)");
  if (r.expires_at <= now)
    throw SilenceRuleError("a silence rule must expire in the future (expiry " +
                           sdk::format_timestamp(r.expires_at) + ")");
  store::Statement st(
      db_,
      "INSERT INTO silence_rules (rule, home, child, fingerprint, reason, author, created_at, "
      "expires_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
  st.bind(1, null_if_empty(r.rule)).bind(2, null_if_empty(r.home)).bind(3, null_if_empty(r.child));
  st.bind(4, null_if_empty(r.fingerprint)).bind(5, r.reason).bind(6, r.author);
  st.bind(7, sdk::to_unix(now)).bind(8, sdk::to_unix(r.expires_at));
  st.run();
  return db_.last_insert_rowid();
}

SilenceRule SilenceRuleStore::end(std::int64_t id, std::string_view by, std::string_view reason,
                                  sdk::TimePoint now) {
  if (is_blank(by)) throw SilenceRuleError("who is ending it must be given (--by)");
  if (by == escalation::kSystemActor)
    throw SilenceRuleError("\"" + std::string(escalation::kSystemActor) +
                           "\" is reserved for changes the data makes");
  if (is_blank(reason)) throw SilenceRuleError("a reason must be given (--reason)");
  auto r = get(id);
  if (!r) throw SilenceRuleError("silence rule " + std::to_string(id) + " does not exist");
  if (r->ended_at)
    throw SilenceRuleError("silence rule " + std::to_string(id) + " was already ended by " + r->ended_by);
  if (!r->active(now))
    throw SilenceRuleError("silence rule " + std::to_string(id) + " expired at " +
                           sdk::format_timestamp(r->expires_at));
  store::Statement st(
      db_, "UPDATE silence_rules SET ended_at = ?2, ended_by = ?3, end_reason = ?4 WHERE sid = ?1");
  st.bind(1, id).bind(2, sdk::to_unix(now)).bind(3, by).bind(4, reason);
  st.run();
  r->ended_at = now;
  r->ended_by = std::string(by);
  r->end_reason = std::string(reason);
  return *r;
}

std::optional<SilenceRule> SilenceRuleStore::get(std::int64_t id) {
  store::Statement st(db_, "SELECT " + std::string(kColumns) + " FROM silence_rules WHERE sid = ?1");
  st.bind(1, id);
  if (!st.step()) return std::nullopt;
  return read_row(st);
}

std::vector<SilenceRule> SilenceRuleStore::list(sdk::TimePoint now, bool all) {
  std::string sql = "SELECT " + std::string(kColumns) + " FROM silence_rules";
  if (!all) sql += " WHERE ended_at IS NULL AND expires_at > ?1";
  sql += " ORDER BY sid";
  store::Statement st(db_, sql);
  if (!all) st.bind(1, sdk::to_unix(now));
  std::vector<SilenceRule> out;
  while (st.step()) out.push_back(read_row(st));
  return out;
}

std::vector<SilenceRule> SilenceRuleStore::matching(const escalation::Escalation& e, sdk::TimePoint now) {
  std::vector<SilenceRule> out;
  for (auto& r : list(now))
    if (r.matches(e)) out.push_back(std::move(r));
  return out;
}

}  // namespace carewatch::routing
