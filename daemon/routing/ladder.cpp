#include "routing/ladder.hpp"

#include <algorithm>
#include <limits>
#include <utility>

#include "routing/authorities.hpp"
#include "routing/message_composer.hpp"

namespace carewatch::routing {
namespace {

using escalation::Escalation;
using escalation::State;
using sdk::TimePoint;

std::optional<TimePoint> optional_time(const store::Statement& st, int col) {
  if (st.is_null(col)) return std::nullopt;
  return sdk::from_unix(st.column_int(col));
}

std::optional<std::int64_t> optional_unix(const std::optional<TimePoint>& t) {
  if (!t) return std::nullopt;
  return sdk::to_unix(*t);
}

// Of several matching rules, the one silencing longest.
const SilenceRule& longest(const std::vector<SilenceRule>& rules) {
  return *std::max_element(rules.begin(), rules.end(), [](const SilenceRule& a, const SilenceRule& b) {
    return a.expires_at < b.expires_at;
  });
}

std::string rule_reason(const SilenceRule& r) {
  return "silence rule " + std::to_string(r.id) + ": " + r.reason;
}

std::string join(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& s : items) out += (out.empty() ? "" : ", ") + s;
  return out;
}

}  // namespace

Ladder::Ladder(store::Database& db, const Router& router)
    : db_(db), router_(router), escalations_(db), outbox_(db), silences_(db) {}

std::optional<LadderState> Ladder::state(std::int64_t escalation) {
  store::Statement st(db_,
                      "SELECT eid, route, level, level_started_at, last_told_at, reminders, next_action_at, "
                      "silence_rule FROM ladder_state WHERE eid = ?1");
  st.bind(1, escalation);
  if (!st.step()) return std::nullopt;
  LadderState s;
  s.escalation = st.column_int(0);
  s.route = st.column_text(1);
  s.level = static_cast<int>(st.column_int(2));
  s.level_started_at = sdk::from_unix(st.column_int(3));
  s.last_told_at = optional_time(st, 4);
  s.reminders = static_cast<int>(st.column_int(5));
  s.next_action_at = optional_time(st, 6);
  s.silence_rule = st.column_optional_int(7);
  return s;
}

void Ladder::save(const LadderState& s) {
  store::Statement st(
      db_,
      "INSERT OR REPLACE INTO ladder_state (eid, route, level, level_started_at, last_told_at, "
      "reminders, next_action_at, silence_rule) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
  st.bind(1, s.escalation).bind(2, s.route).bind(3, s.level).bind(4, sdk::to_unix(s.level_started_at));
  st.bind(5, optional_unix(s.last_told_at)).bind(6, s.reminders).bind(7, optional_unix(s.next_action_at));
  st.bind(8, s.silence_rule);
  st.run();
}

LadderState Ladder::adopt(const Escalation& e, TimePoint now) {
  LadderState s;
  s.escalation = e.id;
  s.route = router_.route_for(Target::of(e)).name;
  s.level = -1;
  s.level_started_at = now;
  return s;
}

const config::Route& Ladder::route_of(LadderState& s, const Escalation& e) const {
  // The route an escalation started on stays its route; only if a reload removed it does it follow
  // whichever route matches now.
  if (const auto* r = router_.find_route(s.route)) return *r;
  const auto& r = router_.route_for(Target::of(e));
  s.route = r.name;
  return r;
}

void Ladder::schedule(LadderState& s, const Escalation& e) {
  s.next_action_at.reset();
  if (e.state != State::open) return;
  if (s.level < 0) {
    s.next_action_at = s.level_started_at;
    return;
  }
  const config::Route& route = route_of(s, e);
  const auto level = static_cast<std::size_t>(s.level);
  if (level + 1 < route.levels.size()) s.next_action_at = s.level_started_at + route.levels[level].timeout;
  if (route.repeat_interval.count() > 0 && s.last_told_at) {
    const TimePoint remind = *s.last_told_at + route.repeat_interval;
    if (!s.next_action_at || remind < *s.next_action_at) s.next_action_at = remind;
  }
}

void Ladder::tell_level(LadderState& s, const Escalation& e, int level, std::string_view kind, TimePoint now,
                        LadderSummary& summary) {
  const config::Route& route = route_of(s, e);
  const auto index = static_cast<std::size_t>(level);
  if (index >= route.levels.size()) return;
  const Authorities authorities = lookup_authorities(db_, e.home, e.child, now);
  const LevelRecipients told = router_.recipients(route, index, Target::of(e), authorities);
  MessageContext ctx;
  ctx.kind = kind;
  ctx.level = index;
  ctx.levels = route.levels.size();
  ctx.route = route.name;
  ctx.now = now;
  ctx.act_url = router_.act_url();
  for (const Recipient& r : told.recipients) {
    outbox_.enqueue(compose(e, r, ctx));
    ++summary.messages;
    store::Statement st(db_,
                        "INSERT OR IGNORE INTO ladder_told (eid, channel, address, role, level, told_at) "
                        "VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
    st.bind(1, e.id).bind(2, outbox::to_string(r.channel)).bind(3, r.address).bind(4, r.role);
    st.bind(5, level).bind(6, sdk::to_unix(now));
    st.run();
  }
  s.level = level;
  s.level_started_at = now;
  s.last_told_at = now;
  if (kind == kEscalated)
    escalations_.note(e.id, "escalated", escalation::kSystemActor,
                      "level " + std::to_string(level + 1) + " of " + std::to_string(route.levels.size()) +
                          " (route \"" + route.name + "\") told: " + join(told.roles),
                      now);
}

void Ladder::tell_everyone(LadderState& s, const Escalation& e, std::string_view kind, int sequence,
                           std::string_view actor, TimePoint now, LadderSummary& summary) {
  std::vector<Recipient> told;
  {
    store::Statement st(db_,
                        "SELECT role, channel, address FROM ladder_told WHERE eid = ?1 "
                        "ORDER BY level, told_at, channel, address");
    st.bind(1, e.id);
    while (st.step())
      told.push_back({st.column_text(0),
                      outbox::parse_channel(st.column_text(1)).value_or(outbox::Channel::log),
                      st.column_text(2), ""});
  }
  const config::Route& route = route_of(s, e);
  MessageContext ctx;
  ctx.kind = kind;
  ctx.level = static_cast<std::size_t>(std::max(s.level, 0));
  ctx.levels = route.levels.size();
  ctx.route = route.name;
  ctx.sequence = sequence;
  ctx.now = now;
  ctx.actor = actor;
  ctx.act_url = router_.act_url();
  for (const Recipient& r : told) {
    outbox_.enqueue(compose(e, r, ctx));
    ++summary.messages;
  }
}

bool Ladder::apply_rules(LadderState& s, Escalation& e, const std::vector<SilenceRule>& rules,
                         TimePoint now) {
  if (rules.empty() || e.state == State::resolved) return false;
  const SilenceRule& r = longest(rules);
  // A person's longer silence already in place stays.
  if (e.state == State::silenced && e.silenced_until && *e.silenced_until >= r.expires_at) return false;
  e = escalations_.silence(e.id, r.author, rule_reason(r), r.expires_at, now);
  s.silence_rule = r.id;
  s.next_action_at.reset();
  return true;
}

void Ladder::resume(LadderState& s, const Escalation& e, TimePoint now, LadderSummary& summary) {
  s.silence_rule.reset();
  if (e.state == State::open && s.level < 0) {
    tell_level(s, e, 0, kOpened, now, summary);
    ++summary.opened;
  } else {
    // The level's timer and the reminder interval start again: the silence's time did not count.
    s.level_started_at = now;
    if (s.last_told_at) s.last_told_at = now;
  }
  schedule(s, e);
  save(s);
}

LadderSummary Ladder::on_transitions(std::span<const escalation::Transition> transitions) {
  LadderSummary summary;
  for (const auto& t : transitions) {
    Escalation e = t.escalation;
    const TimePoint now = e.updated_at;
    switch (t.kind) {
      case escalation::Transition::Kind::opened: {
        if (state(e.id)) break;  // applied already
        LadderState s = adopt(e, now);
        if (apply_rules(s, e, silences_.matching(e, now), now)) {
          ++summary.silenced;
        } else {
          tell_level(s, e, 0, kOpened, now, summary);
          ++summary.opened;
        }
        schedule(s, e);
        save(s);
        break;
      }
      case escalation::Transition::Kind::resolved: {
        auto s = state(e.id);
        if (!s) break;
        if (s->level >= 0) {
          tell_everyone(*s, e, kResolved, 0, "", now, summary);
          ++summary.closed;
        }
        s->silence_rule.reset();
        s->next_action_at.reset();
        save(*s);
        break;
      }
      case escalation::Transition::Kind::silence_expired: {
        LadderState s = state(e.id).value_or(adopt(e, now));
        if (apply_rules(s, e, silences_.matching(e, now), now)) {
          ++summary.silenced;
          save(s);
          break;
        }
        resume(s, e, now, summary);
        break;
      }
    }
  }
  return summary;
}

LadderSummary Ladder::advance(TimePoint now) {
  LadderSummary summary;
  store::Transaction tx(db_);
  std::vector<std::int64_t> due;
  {
    store::Statement st(
        db_,
        "SELECT eid FROM ladder_state WHERE next_action_at IS NOT NULL AND next_action_at <= ?1 "
        "ORDER BY next_action_at, eid");
    st.bind(1, sdk::to_unix(now));
    while (st.step()) due.push_back(st.column_int(0));
  }
  for (const std::int64_t id : due) {
    LadderState s = *state(id);
    const auto e = escalations_.get(id);
    if (!e || e->state != State::open) {
      // Acknowledged, silenced or resolved since this was scheduled: nothing to do until it changes.
      s.next_action_at.reset();
      save(s);
      continue;
    }
    if (s.level < 0) {
      tell_level(s, *e, 0, kOpened, now, summary);
      ++summary.opened;
    } else {
      const config::Route& route = route_of(s, *e);
      const auto level = static_cast<std::size_t>(s.level);
      const bool can_climb = level + 1 < route.levels.size();
      if (can_climb && now >= s.level_started_at + route.levels[level].timeout) {
        tell_level(s, *e, s.level + 1, kEscalated, now, summary);
        ++summary.escalated;
      } else if (route.repeat_interval.count() > 0 && s.last_told_at &&
                 now >= *s.last_told_at + route.repeat_interval) {
        ++s.reminders;
        tell_everyone(s, *e, kReminder, s.reminders, "", now, summary);
        s.last_told_at = now;
        ++summary.reminders;
      }
    }
    schedule(s, *e);
    save(s);
  }
  tx.commit();
  return summary;
}

std::size_t Ladder::adopt_untracked(TimePoint now) {
  store::Transaction tx(db_);
  std::vector<std::int64_t> ids;
  {
    store::Statement st(db_,
                        "SELECT e.eid FROM escalations e LEFT JOIN ladder_state l ON l.eid = e.eid "
                        "WHERE e.state = 'open' AND l.eid IS NULL ORDER BY e.eid");
    while (st.step()) ids.push_back(st.column_int(0));
  }
  for (const std::int64_t id : ids) {
    Escalation e = *escalations_.get(id);
    LadderState s = adopt(e, now);
    if (!apply_rules(s, e, silences_.matching(e, now), now)) schedule(s, e);
    save(s);
  }
  tx.commit();
  return ids.size();
}

std::optional<TimePoint> Ladder::next_due() {
  store::Statement st(db_, "SELECT MIN(next_action_at) FROM ladder_state WHERE next_action_at IS NOT NULL");
  if (!st.step() || st.is_null(0)) return std::nullopt;
  return sdk::from_unix(st.column_int(0));
}

Escalation Ladder::acknowledge(std::int64_t id, std::string_view actor, std::string_view reason,
                               TimePoint now) {
  Escalation e = escalations_.acknowledge(id, actor, reason, now);
  if (auto s = state(id)) {
    s->silence_rule.reset();
    schedule(*s, e);
    save(*s);
  }
  return e;
}

Escalation Ladder::resolve(std::int64_t id, std::string_view actor, std::string_view reason, TimePoint now) {
  Escalation e = escalations_.resolve(id, actor, reason, now);
  if (auto s = state(id)) {
    LadderSummary ignored;
    if (s->level >= 0) tell_everyone(*s, e, kClosed, 0, actor, now, ignored);
    s->silence_rule.reset();
    s->next_action_at.reset();
    save(*s);
  }
  return e;
}

Escalation Ladder::silence(std::int64_t id, std::string_view actor, std::string_view reason, TimePoint until,
                           TimePoint now) {
  Escalation e = escalations_.silence(id, actor, reason, until, now);
  if (auto s = state(id)) {
    s->silence_rule.reset();
    s->next_action_at.reset();
    save(*s);
  }
  return e;
}

std::pair<std::int64_t, std::vector<std::int64_t>> Ladder::add_silence_rule(const SilenceRule& rule,
                                                                            TimePoint now) {
  const std::int64_t id = silences_.add(rule, now);
  const SilenceRule stored = *silences_.get(id);
  std::vector<std::int64_t> silenced;
  for (const State live : {State::open, State::acknowledged, State::silenced}) {
    escalation::ListFilter filter;
    filter.state = live;
    if (!stored.rule.empty()) filter.rule = stored.rule;
    if (!stored.home.empty()) filter.home = stored.home;
    filter.limit = std::numeric_limits<std::size_t>::max();
    for (Escalation e : escalations_.list(filter)) {
      if (!stored.matches(e)) continue;
      LadderState s = state(e.id).value_or(adopt(e, now));
      if (apply_rules(s, e, {stored}, now)) {
        save(s);
        silenced.push_back(e.id);
      }
    }
  }
  std::sort(silenced.begin(), silenced.end());
  return {id, silenced};
}

std::vector<std::int64_t> Ladder::end_silence_rule(std::int64_t id, std::string_view by,
                                                   std::string_view reason, TimePoint now) {
  silences_.end(id, by, reason, now);
  std::vector<std::int64_t> ids;
  {
    store::Statement st(db_, "SELECT eid FROM ladder_state WHERE silence_rule = ?1 ORDER BY eid");
    st.bind(1, id);
    while (st.step()) ids.push_back(st.column_int(0));
  }
  std::vector<std::int64_t> resumed;
  LadderSummary summary;
  for (const std::int64_t eid : ids) {
    LadderState s = *state(eid);
    auto e = escalations_.get(eid);
    if (!e || e->state != State::silenced) {
      s.silence_rule.reset();
      save(s);
      continue;
    }
    const auto others = silences_.matching(*e, now);
    if (!others.empty()) {
      const SilenceRule& r = longest(others);
      escalations_.silence(eid, r.author, rule_reason(r), r.expires_at, now);
      s.silence_rule = r.id;
      save(s);
      continue;
    }
    const Escalation back = escalations_.end_silence(
        eid, by, "silence rule " + std::to_string(id) + " ended: " + std::string(reason), now);
    resume(s, back, now, summary);
    resumed.push_back(eid);
  }
  return resumed;
}

}  // namespace carewatch::routing
