#pragma once
// EscalationStore: the lifecycle of escalations and their append-only event log (DESIGN.md step 5),
// over the `escalations` and `escalation_events` tables of the store's schema.
//
// Lifecycle (see README.md for the diagram):
//
//   (finding appears) ─► open ──ack──► acknowledged ──resolve──► resolved
//                         │  ▲            │                        ▲
//                  silence│  │expiry      │silence                 │
//                         ▼  │            ▼                        │
//                        silenced ─────────────────────────────────┘
//
// The engine drives it level-triggered through sync(): each evaluation of one (subject, checker)
// hands in the complete set of that pair's current findings; new ones open, present ones stay, absent
// ones resolve with actor "carewatch". People drive it through acknowledge(), resolve() and silence().
//
// Transactions: no method begins or commits one. Call every method that writes inside the caller's
// store::Transaction, so that an escalation's state change, its event and whatever the caller writes
// alongside (the outbox) commit together or not at all.
//
// Thread-safety: none; one EscalationStore per Database connection, used from one thread.

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include <carewatch/sdk/finding.hpp>
#include <carewatch/sdk/time.hpp>

#include "store/database.hpp"

namespace carewatch::escalation {

enum class State { open, acknowledged, silenced, resolved };

std::string_view to_string(State state) noexcept;
std::optional<State> parse_state(std::string_view text) noexcept;

// The actor the data itself acts as: sync() opens and resolves escalations in this name. People may
// not use it.
inline constexpr std::string_view kSystemActor = "carewatch";

struct Escalation {
  std::int64_t id = 0;
  std::string fingerprint;
  std::string rule;
  sdk::Severity severity = sdk::Severity::medium;
  std::string regulation;
  std::string home;         // empty: not applicable (null in the database)
  std::string child;        // empty: not applicable
  std::string staff;        // empty: not applicable
  std::string subject_key;  // sdk::Subject::key() of the evaluation that found it, or "system"
  std::string checker;      // "<plugin>/<checker>"
  std::vector<std::string> evidence;
  std::optional<sdk::TimePoint> due_at;
  std::string summary;
  std::vector<std::string> escalate_to;
  State state = State::open;
  sdk::TimePoint opened_at{};
  sdk::TimePoint updated_at{};
  std::optional<sdk::TimePoint> resolved_at;
  std::string resolved_by;                       // empty unless resolved
  std::optional<sdk::TimePoint> silenced_until;  // set while silenced
};

// One entry of an escalation's event log.
struct Event {
  std::int64_t id = 0;
  std::int64_t escalation = 0;
  sdk::TimePoint at{};
  // "opened", "acknowledged", "silenced", "silence_expired", "silence_ended", "resolved", or "cleared"
  // (a finding a person resolved is no longer present in the data; the escalation stays resolved); the
  // routing ladder adds "escalated" (a higher level told, by "carewatch").
  std::string type;
  std::string actor;   // a person's id, or "carewatch"
  std::string reason;  // why (people must give one); empty for "opened"
  std::optional<State> from_state;
  std::optional<State> to_state;
  std::optional<sdk::TimePoint> until;  // for "silenced"
};

// A change sync() or expire_silences() made, for logging and for messages to send.
struct Transition {
  enum class Kind { opened, resolved, silence_expired };
  Kind kind = Kind::opened;
  Escalation escalation;  // as it is after the transition
};

std::string_view to_string(Transition::Kind kind) noexcept;

struct ListFilter {
  std::optional<State> state;
  std::optional<std::string> rule;
  std::optional<std::string> home;
  std::optional<sdk::Severity> severity;
  std::size_t limit = 1000;
};

// An unknown escalation, a transition the lifecycle does not allow, or a missing actor or reason.
// The message is meant for the person who asked (names the escalation id and both states).
class EscalationError : public std::runtime_error {
 public:
  enum class Code { not_found, invalid_transition, invalid_argument };
  EscalationError(Code code, const std::string& message) : std::runtime_error(message), code_(code) {}
  Code code() const noexcept { return code_; }

 private:
  Code code_;
};

class EscalationStore {
 public:
  explicit EscalationStore(store::Database& db);

  // Level-triggered reconciliation of one (subject, checker) with the complete set of its current
  // findings (completed: severity, regulation, escalate_to and fingerprint filled in). Findings whose
  // fingerprint has no live escalation open one ("opened" by "carewatch"); present ones stay, their
  // severity, due_at, evidence, summary, regulation and roles updated in place without an event; live
  // escalations of the pair whose finding is absent resolve ("resolved" by "carewatch", reason
  // "finding no longer present"). A finding a person resolved stays resolved while it remains present;
  // once it has been absent it opens a new escalation when it reappears. A silenced escalation whose
  // silence has expired returns to the state it was silenced from. Duplicate fingerprints in
  // `findings` count once. Returns what changed.
  std::vector<Transition> sync(std::string_view subject_key, std::string_view checker,
                               const std::vector<sdk::Finding>& findings, sdk::TimePoint now);

  // Ends every silence whose `until` is at or before `now` (event "silence_expired" by "carewatch").
  std::vector<Transition> expire_silences(sdk::TimePoint now);
  // The earliest silence expiry, for the caller's timer.
  std::optional<sdk::TimePoint> next_silence_expiry();

  // Person actions. Each validates the transition, requires a non-empty actor (not "carewatch") and
  // reason, appends an event with both, and returns the escalation as it now is. Throws
  // EscalationError. Allowed: acknowledge from open or silenced; resolve from open, acknowledged or
  // silenced; silence from open, acknowledged or silenced (to change its expiry), `until` after `now`.
  Escalation acknowledge(std::int64_t id, std::string_view actor, std::string_view reason,
                         sdk::TimePoint now);
  Escalation resolve(std::int64_t id, std::string_view actor, std::string_view reason, sdk::TimePoint now);
  Escalation silence(std::int64_t id, std::string_view actor, std::string_view reason, sdk::TimePoint until,
                     sdk::TimePoint now);

  // Ends a silence early (a silence rule ended by a person): back to the state it was silenced from,
  // event "silence_ended" with the actor and reason. Throws EscalationError unless it is silenced.
  Escalation end_silence(std::int64_t id, std::string_view actor, std::string_view reason, sdk::TimePoint now);

  // Appends an event that changes no state (e.g. "escalated" by the routing ladder), from and to the
  // escalation's current state. Throws EscalationError when `id` is unknown or `type` or `actor` empty.
  void note(std::int64_t id, std::string_view type, std::string_view actor, std::string_view reason,
            sdk::TimePoint now);

  // Queries, newest id last.
  std::vector<Escalation> list(const ListFilter& filter = {});
  std::optional<Escalation> get(std::int64_t id);
  std::vector<Event> events(std::int64_t id);
  // The live (not resolved) escalations of one (subject, checker).
  std::vector<Escalation> open_for(std::string_view subject_key, std::string_view checker);

 private:
  store::Database& db_;
};

}  // namespace carewatch::escalation
