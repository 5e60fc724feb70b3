#pragma once
// Engine: evaluates checkers per subject (DESIGN.md step 3) and reconciles what they find with the
// escalations (step 4).
//
// For each (subject, checker) it loads the subject's timeline as of T once, restricted to the kinds
// the checker reads, runs the checker, completes each finding from the rule's metadata and drops
// findings of rules the checker did not declare. A checker whose check fails disables its plugin; that
// plugin, and every plugin that failed to load, is reported as a CW-PLUGIN-DISABLED health finding on
// subject "system". Escalations of a plugin that is not running are left as they are: a plugin that
// stopped running is no evidence that what it found has gone.
//
// Two uses:
// - audit(): one read-only audit of every subject as of T (the `carewatch audit` command).
// - daemon mode: evaluate_changes() re-evaluates the subjects whose records changed since the last
//   call, evaluate_due() those whose look-again time has come, full_sweep() every subject (at start-up
//   and periodically). Each reconciles findings with escalations in store transactions and returns a
//   summary for the caller to log.
//
// Thread-safety: none. The service calls one Engine from its event loop; the Engine owns no thread and
// no timer (next_due() tells the caller when to call evaluate_due()).

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include <carewatch/sdk/calendar.hpp>
#include <carewatch/sdk/finding.hpp>
#include <carewatch/sdk/time.hpp>

#include "engine/checker_source.hpp"
#include "escalation/escalation_store.hpp"
#include "store/database.hpp"

namespace spdlog {
class logger;
}

namespace carewatch::engine {

// The health rule reported for a plugin that is not running.
inline constexpr std::string_view kPluginDisabledRule = "CW-PLUGIN-DISABLED";
// The subject key and checker name health findings and their escalations carry.
inline constexpr std::string_view kSystemSubject = "system";
inline constexpr std::string_view kHealthChecker = "carewatch/health";
// The rule metadata of CW-PLUGIN-DISABLED (severity high, roles ["it_operations"]).
const sdk::RuleInfo& plugin_disabled_rule();

struct AuditResult {
  std::vector<sdk::Finding> findings;    // completed; sorted by rule, home, child, staff, fingerprint
  std::size_t subjects = 0;              // (subject, checker) evaluations run
  std::vector<CheckerProblem> problems;  // plugins not running (load problems and failed checks)
};

// What one daemon-mode pass did. Transitions carry the escalations as they now are; log their ids,
// rule, severity and due_at only, never summaries (DESIGN.md: no personal data in logs).
struct EvaluationSummary {
  std::size_t subjects = 0;  // distinct subjects evaluated
  std::size_t checks = 0;    // (subject, checker) evaluations run
  std::size_t findings = 0;  // findings those evaluations produced (health findings included)
  std::vector<escalation::Transition> transitions;
  std::vector<CheckerProblem> disabled;  // plugins disabled during this pass
};

class Engine {
 public:
  // Called inside the transaction that made `transitions`, before it commits: whatever it writes
  // (the outbox) commits with them. Throwing rolls the pass's transaction back.
  using TransitionHook = std::function<void(store::Database&, std::span<const escalation::Transition>)>;

  // `db` must outlive the Engine. `log` may be null (nothing is logged).
  Engine(store::Database& db, sdk::Calendar calendar, std::unique_ptr<CheckerSource> checkers,
         std::shared_ptr<spdlog::logger> log = nullptr);
  ~Engine();
  Engine(const Engine&) = delete;
  Engine& operator=(const Engine&) = delete;

  // One audit as of `as_of` over every subject of every enabled checker's scope. With `rules`
  // non-empty, runs only the checkers that declare one of them and keeps only their findings. Reads
  // the store, never writes it (a checker that fails is still disabled in memory and reported).
  AuditResult audit(sdk::TimePoint as_of, std::span<const std::string> rules = {});

  // Daemon mode. Each evaluates as of `now` and commits its reconciliations in transactions of a
  // bounded number of (subject, checker) pairs. Each may throw store::DatabaseError; the watermark
  // then stays where it was, so the next call evaluates the same changes again (reconciling is
  // idempotent, so what an earlier transaction of the failed pass committed is simply confirmed).
  //
  // The subjects whose records changed since the last call (or since the last full sweep): for each
  // checker, sdk::subjects_of of every new revision and of the earlier revisions of the same
  // (kind, id), so a record moved or withdrawn re-evaluates where it was as well as where it is. Only
  // checkers that read the revision's kind (or its scope's reference kinds) are dirtied; a home
  // record dirties every child and staff subject of its home. A revision whose recorded_at is after
  // `now` is invisible now; its pairs are scheduled to be looked at again when it becomes visible.
  EvaluationSummary evaluate_changes(sdk::TimePoint now);
  // The (subject, checker) pairs whose look-again time is at or before `now`, and expired silences.
  EvaluationSummary evaluate_due(sdk::TimePoint now);
  // Every subject of every checker; then the change feed continues from where the sweep started.
  EvaluationSummary full_sweep(sdk::TimePoint now);
  // The earliest look-again time or silence expiry; nullopt when nothing is scheduled.
  std::optional<sdk::TimePoint> next_due();
  // The last revision seq the change feed has seen.
  std::int64_t watermark() const noexcept;

  // Swaps in the checkers of a reloaded configuration. Look-again times of the old checkers are
  // forgotten: run full_sweep() next. Escalations of checkers that are gone are left as they are.
  void replace_checkers(std::unique_ptr<CheckerSource> checkers);
  const CheckerSource& checkers() const noexcept;

  void set_transition_hook(TransitionHook hook);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace carewatch::engine
