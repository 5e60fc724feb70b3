#pragma once
// Ladder: moves each escalation up its route's levels and writes every message it causes to the
// outbox, in the same transaction as the change that causes it (DESIGN.md steps 5 and 6).
//
// Per escalation (table ladder_state, schema v4): its route, the highest level told, when that level
// started, the last time anyone was told, how many reminders went out, when the ladder must look
// again, and the silence rule silencing it.
//
//   opened            level 0 told ("opened"), unless an active silence rule matches: then the
//                     escalation is silenced until the rule's expiry, the event naming the rule's
//                     author and reason, and nobody is told
//   not acknowledged  at level_started + the level's timeout (not a second earlier) the next level is
//                     told ("escalated", and an "escalated" event by "carewatch")
//   still open        every repeat interval after the last message, everyone told so far gets a
//                     "reminder" (acknowledged escalations get none: somebody has it)
//   acknowledged      the climb stops
//   silenced          no messages, no climb; when the silence expires or its rule is ended, the level
//                     timer restarts (or level 0 is told, if nobody was told yet)
//   resolved          everyone told so far hears: "resolved" when the data closed it, "closed" when a
//                     person did
//
// Idempotency: each message's key is (escalation, kind, level, recipient, sequence) (see
// message_composer.hpp), and the outbox ignores a key it has; the state only moves forward, so
// re-running advance() or re-applying a transition changes nothing.
//
// Transactions: on_transitions(), the person actions and the silence-rule methods begin none (call
// them inside the caller's transaction: the engine's pass, the CLI's action). advance() begins and
// commits its own. Thread-safety: none; one Ladder per Database connection, on one thread.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include <carewatch/sdk/time.hpp>

#include "escalation/escalation_store.hpp"
#include "outbox/outbox_store.hpp"
#include "routing/router.hpp"
#include "routing/silence_rule_store.hpp"
#include "store/database.hpp"

namespace carewatch::routing {

struct LadderState {
  std::int64_t escalation = 0;
  std::string route;
  int level = -1;  // the highest level told; -1: nobody yet
  sdk::TimePoint level_started_at{};
  std::optional<sdk::TimePoint> last_told_at;
  int reminders = 0;
  std::optional<sdk::TimePoint> next_action_at;
  std::optional<std::int64_t> silence_rule;
};

// What one call did, for the caller's log (ids and counts only).
struct LadderSummary {
  std::size_t opened = 0;     // escalations whose first level was told
  std::size_t escalated = 0;  // escalations moved up a level
  std::size_t reminders = 0;  // reminder rounds
  std::size_t closed = 0;     // resolved/closed rounds
  std::size_t silenced = 0;   // escalations silenced by a rule
  std::size_t messages = 0;   // messages enqueued (existing idempotency keys included)
};

class Ladder {
 public:
  // `db` and `router` must outlive the Ladder.
  Ladder(store::Database& db, const Router& router);

  // The engine's transition hook (Engine::set_transition_hook): opened, resolved and silence_expired
  // transitions, inside the pass's transaction.
  LadderSummary on_transitions(std::span<const escalation::Transition> transitions);

  // Does whatever is due at `now` (climbs, reminders, level 0 of escalations whose silence ended),
  // in one transaction with its messages. Call it on a timer at next_due().
  LadderSummary advance(sdk::TimePoint now);
  // The earliest time advance() has something to do; nullopt when nothing is scheduled.
  std::optional<sdk::TimePoint> next_due();
  // Takes on the open escalations the ladder has never seen (opened before routing existed): nobody
  // told yet, so the next advance() tells their first level, unless a silence rule matches. The
  // service calls it at start. Its own transaction; returns how many it took on.
  std::size_t adopt_untracked(sdk::TimePoint now);

  // Person actions (the CLI, the API), inside the caller's transaction. Each calls EscalationStore's
  // method of the same name (which validates and logs who and why) and keeps the ladder in step;
  // resolve() tells everyone told so far ("closed"). Throw escalation::EscalationError.
  escalation::Escalation acknowledge(std::int64_t id, std::string_view actor, std::string_view reason,
                                     sdk::TimePoint now);
  escalation::Escalation resolve(std::int64_t id, std::string_view actor, std::string_view reason,
                                 sdk::TimePoint now);
  escalation::Escalation silence(std::int64_t id, std::string_view actor, std::string_view reason,
                                 sdk::TimePoint until, sdk::TimePoint now);

  // Silence rules, inside the caller's transaction. add_silence_rule() stores the rule and silences
  // every live matching escalation until its expiry (a longer silence already in place is kept);
  // returns the rule's id and the escalations it silenced. end_silence_rule() ends it early: the
  // escalations it silenced are silenced by another active matching rule if there is one, else return
  // to the state they were silenced from and resume; returns those that resumed. Throw
  // SilenceRuleError.
  std::pair<std::int64_t, std::vector<std::int64_t>> add_silence_rule(const SilenceRule& rule,
                                                                      sdk::TimePoint now);
  std::vector<std::int64_t> end_silence_rule(std::int64_t id, std::string_view by, std::string_view reason,
                                             sdk::TimePoint now);

  std::optional<LadderState> state(std::int64_t escalation);
  SilenceRuleStore& silence_rules() noexcept { return silences_; }
  escalation::EscalationStore& escalations() noexcept { return escalations_; }

 private:
  LadderState adopt(const escalation::Escalation& e, sdk::TimePoint now);
  const config::Route& route_of(LadderState& state, const escalation::Escalation& e) const;
  void save(const LadderState& state);
  void schedule(LadderState& state, const escalation::Escalation& e);
  void tell_level(LadderState& state, const escalation::Escalation& e, int level, std::string_view kind,
                  sdk::TimePoint now, LadderSummary& summary);
  void tell_everyone(LadderState& state, const escalation::Escalation& e, std::string_view kind, int sequence,
                     std::string_view actor, sdk::TimePoint now, LadderSummary& summary);
  bool apply_rules(LadderState& state, escalation::Escalation& e, const std::vector<SilenceRule>& rules,
                   sdk::TimePoint now);
  void resume(LadderState& state, const escalation::Escalation& e, sdk::TimePoint now,
              LadderSummary& summary);

  store::Database& db_;
  const Router& router_;
  escalation::EscalationStore escalations_;
  outbox::OutboxStore outbox_;
  SilenceRuleStore silences_;
};

}  // namespace carewatch::routing
