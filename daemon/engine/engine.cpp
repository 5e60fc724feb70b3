#include "engine/engine.hpp"

#include <spdlog/logger.h>
#include <spdlog/sinks/null_sink.h>

#include <algorithm>
#include <chrono>
#include <map>
#include <set>
#include <tuple>
#include <utility>

#include <carewatch/sdk/checker.hpp>

#include "metrics/registry.hpp"
#include "store/record_store.hpp"

namespace carewatch::engine {
namespace {

using sdk::Subject;
using sdk::TimePoint;

// Pairs reconciled per transaction: large enough that a sweep is not dominated by commits (each is an
// fsync), small enough that the write lock is never held for long against an importer.
constexpr std::size_t kSyncBatch = 256;
// Revisions read from the change feed per query.
constexpr std::size_t kFeedPage = 10000;

// Hands plugins the host's logger, prefixed with the checker's name.
class CheckerLogger final : public sdk::Logger {
 public:
  CheckerLogger(spdlog::logger& log, const std::string& checker) : log_(log), checker_(checker) {}
  void log(sdk::LogLevel level, std::string_view message) const override {
    spdlog::level::level_enum l = spdlog::level::info;
    switch (level) {
      case sdk::LogLevel::debug:
        l = spdlog::level::debug;
        break;
      case sdk::LogLevel::info:
        l = spdlog::level::info;
        break;
      case sdk::LogLevel::warn:
        l = spdlog::level::warn;
        break;
      case sdk::LogLevel::error:
        l = spdlog::level::err;
        break;
    }
    log_.log(l, "{}: {}", checker_, message);
  }

 private:
  spdlog::logger& log_;
  const std::string& checker_;
};

struct Outcome {
  bool ok = true;
  std::string error;
  std::vector<sdk::Finding> findings;
  std::optional<TimePoint> next_look;
};

// A pair evaluated successfully, waiting to be reconciled with its escalations.
struct Pending {
  Subject subject;
  std::string checker;
  std::vector<sdk::Finding> findings;
  std::optional<TimePoint> next_look;
};

using PairKey = std::pair<std::string, Subject>;  // (checker name, subject)

// Counts a daemon-mode pass and its duration (metrics/README.md) once it has completed.
class PassMetrics {
 public:
  explicit PassMetrics(const char* trigger) : trigger_(trigger), started_(std::chrono::steady_clock::now()) {}
  void completed() const {
    const std::chrono::duration<double> took = std::chrono::steady_clock::now() - started_;
    const metrics::Labels labels{{"trigger", trigger_}};
    metrics::registry()
        .counter("carewatch_audits_total", "Evaluation passes completed, by what started them.", labels)
        .inc();
    metrics::registry()
        .histogram("carewatch_audit_duration_seconds", "Time an evaluation pass took, by what started it.",
                   labels)
        .observe(took.count());
  }

 private:
  const char* trigger_;
  std::chrono::steady_clock::time_point started_;
};

std::vector<sdk::Finding> health_findings(const std::vector<CheckerProblem>& problems) {
  std::vector<sdk::Finding> out;
  std::set<std::string> seen;
  for (const CheckerProblem& p : problems) {
    sdk::Finding f;
    f.rule = std::string(kPluginDisabledRule);
    const std::string file = p.file.filename().empty() ? p.file.string() : p.file.filename().string();
    f.evidence = {file.empty() ? p.plugin : file};
    const std::string who = p.plugin.empty() ? "in " + file : p.plugin + " (" + file + ")";
    f.summary = "Plugin " + who + " is not running: " + p.reason;
    sdk::complete(f, plugin_disabled_rule());
    if (seen.insert(f.fingerprint).second) out.push_back(std::move(f));
  }
  return out;
}

bool finding_less(const sdk::Finding& a, const sdk::Finding& b) {
  return std::tie(a.rule, a.home, a.child, a.staff, a.fingerprint) <
         std::tie(b.rule, b.home, b.child, b.staff, b.fingerprint);
}

}  // namespace

const sdk::RuleInfo& plugin_disabled_rule() {
  static const sdk::RuleInfo rule{
      std::string(kPluginDisabledRule),
      "A plugin is not running, so its checks are not being made",
      "Carewatch operational health (not a statutory rule)",
      sdk::Severity::high,
      {"it_operations"},
      false,
  };
  return rule;
}

struct Engine::Impl {
  Impl(store::Database& database, sdk::Calendar cal, std::unique_ptr<CheckerSource> checkers,
       std::shared_ptr<spdlog::logger> logger)
      : db(database),
        records(database),
        escalations(database),
        calendar(std::move(cal)),
        source(std::move(checkers)),
        log(logger ? std::move(logger)
                   : std::make_shared<spdlog::logger>("engine",
                                                      std::make_shared<spdlog::sinks::null_sink_mt>())) {}

  store::Database& db;
  store::RecordStore records;
  escalation::EscalationStore escalations;
  sdk::Calendar calendar;
  std::unique_ptr<CheckerSource> source;
  std::shared_ptr<spdlog::logger> log;
  TransitionHook hook;

  std::int64_t watermark = 0;
  std::map<PairKey, TimePoint> look_at;
  std::set<std::pair<TimePoint, PairKey>> schedule;
  // Revisions seen in the change feed whose recorded_at is still in the future: invisible to an
  // evaluation as of now, so their pairs must be looked at again when they become visible.
  std::map<PairKey, std::set<TimePoint>> visible_at;
  // The health fingerprints last reconciled; nullopt until the first reconciliation.
  std::optional<std::set<std::string>> health_synced;
  // carewatch_check_duration_seconds per checker name, looked up once rather than at every check.
  std::map<std::string, metrics::Histogram*, std::less<>> check_time;

  metrics::Histogram& check_histogram(const CheckerEntry& entry) {
    auto it = check_time.find(entry.name);
    if (it == check_time.end()) {
      metrics::Histogram& h = metrics::registry().histogram(
          "carewatch_check_duration_seconds", "Time one checker took to check one subject.",
          {{"plugin", entry.plugin}, {"checker", entry.handle->info().name}});
      it = check_time.emplace(entry.name, &h).first;
    }
    return *it->second;
  }

  // --- evaluating one (subject, checker) ---------------------------------------------------------

  Outcome run(const CheckerEntry& entry, const Subject& subject, TimePoint as_of) {
    const sdk::CheckerInfo& info = entry.handle->info();
    Outcome out;
    const sdk::Timeline timeline = records.load_timeline(subject, as_of, info.kinds);
    const CheckerLogger logger(*log, entry.name);
    const sdk::Context context(as_of, calendar, *entry.parameters, logger);
    sdk::Sink sink;
    const auto started = std::chrono::steady_clock::now();
    const sdk::Status status = entry.handle->check(timeline, context, sink);
    check_histogram(entry).observe(
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count());
    if (!status) {
      out.ok = false;
      out.error = status.message().empty() ? std::string("check failed") : status.message();
      return out;
    }
    out.next_look = sink.next_look();
    out.findings.reserve(sink.findings().size());
    for (sdk::Finding& f : sink.findings()) {
      auto rule = std::find_if(info.rules.begin(), info.rules.end(),
                               [&](const sdk::RuleInfo& r) { return r.id == f.rule; });
      if (rule == info.rules.end()) {
        log->error("{}: finding for undeclared rule \"{}\" on {} dropped", entry.name, f.rule, subject.key());
        continue;
      }
      sdk::complete(f, *rule);
      out.findings.push_back(std::move(f));
    }
    return out;
  }

  void disable(const CheckerEntry& entry, const std::string& reason, std::vector<CheckerProblem>* disabled) {
    log->error("{}: check failed, disabling plugin {}: {}", entry.name, entry.plugin, reason);
    metrics::registry()
        .counter("carewatch_plugin_failures_total", "Failed checks, each of which disabled its plugin.",
                 {{"plugin", entry.plugin}})
        .inc();
    source->disable(entry, reason);
    if (disabled) disabled->push_back({entry.file, entry.plugin, reason});
  }

  // --- schedule of look-again times ----------------------------------------------------------------

  void unschedule(const PairKey& key) {
    auto it = look_at.find(key);
    if (it == look_at.end()) return;
    schedule.erase({it->second, key});
    look_at.erase(it);
  }

  void reschedule(const PairKey& key, std::optional<TimePoint> when, TimePoint now) {
    unschedule(key);
    // A checker asking to look again at or before the time it was evaluated at would get the same
    // answer; one second later is the earliest moment the answer can differ.
    if (when) when = std::max(*when, now + sdk::Seconds{1});
    if (auto it = visible_at.find(key); it != visible_at.end()) {
      it->second.erase(it->second.begin(), it->second.upper_bound(now));
      if (it->second.empty())
        visible_at.erase(it);
      else if (!when || *it->second.begin() < *when)
        when = *it->second.begin();
    }
    if (!when) return;
    look_at.emplace(key, *when);
    schedule.insert({*when, key});
  }

  // --- daemon-mode passes -------------------------------------------------------------------------

  void flush(std::vector<Pending>& pending, TimePoint now, EvaluationSummary& summary,
             const std::optional<std::vector<sdk::Finding>>& health, bool expire_silences = false) {
    if (pending.empty() && !health && !expire_silences) return;
    std::vector<escalation::Transition> made;
    store::Transaction tx(db);
    if (expire_silences) made = escalations.expire_silences(now);
    for (const Pending& p : pending) {
      auto t = escalations.sync(p.subject.key(), p.checker, p.findings, now);
      std::move(t.begin(), t.end(), std::back_inserter(made));
    }
    if (health) {
      auto t = escalations.sync(kSystemSubject, kHealthChecker, *health, now);
      std::move(t.begin(), t.end(), std::back_inserter(made));
    }
    if (hook && !made.empty()) hook(db, made);
    tx.commit();
    // Only what committed moves the schedule.
    for (Pending& p : pending) reschedule({p.checker, p.subject}, p.next_look, now);
    if (health) {
      std::set<std::string> fps;
      for (const auto& f : *health) fps.insert(f.fingerprint);
      health_synced = std::move(fps);
    }
    std::move(made.begin(), made.end(), std::back_inserter(summary.transitions));
    pending.clear();
  }

  // Evaluates the given pairs as of `now` and reconciles them. `force_health` reconciles the health
  // findings even if the set of problems looks unchanged (a sweep re-checks everything).
  EvaluationSummary evaluate(const std::map<std::string, std::set<Subject>>& dirty, TimePoint now,
                             bool force_health, bool expire_silences) {
    EvaluationSummary summary;
    std::vector<Pending> pending;
    std::set<std::string> subject_keys;
    std::set<std::string> failed_plugins;
    for (const CheckerEntry& entry : source->checkers()) {
      if (failed_plugins.count(entry.plugin)) continue;
      auto it = dirty.find(entry.name);
      if (it == dirty.end()) continue;
      for (const Subject& subject : it->second) {
        Outcome out = run(entry, subject, now);
        ++summary.checks;
        subject_keys.insert(subject.key());
        if (!out.ok) {
          failed_plugins.insert(entry.plugin);
          disable(entry, out.error, &summary.disabled);
          break;
        }
        summary.findings += out.findings.size();
        pending.push_back({subject, entry.name, std::move(out.findings), out.next_look});
        if (pending.size() >= kSyncBatch) flush(pending, now, summary, std::nullopt);
      }
    }
    summary.subjects = subject_keys.size();
    if (!failed_plugins.empty()) purge_schedule(source->checkers());

    std::vector<sdk::Finding> health = health_findings(source->problems());
    summary.findings += health.size();
    std::set<std::string> fps;
    for (const auto& f : health) fps.insert(f.fingerprint);
    const bool health_changed = force_health || !health_synced || *health_synced != fps;
    flush(pending, now, summary, health_changed ? std::optional(std::move(health)) : std::nullopt,
          expire_silences);
    return summary;
  }

  // The relevant checkers' dirty subjects for one revision.
  void mark_dirty(const sdk::Record& r, const std::vector<sdk::Record>& earlier,
                  const std::vector<CheckerEntry>& entries, TimePoint now,
                  std::map<std::string, std::set<Subject>>& dirty,
                  std::map<sdk::Scope, std::vector<Subject>>& all_subjects) {
    for (const CheckerEntry& entry : entries) {
      const sdk::CheckerInfo& info = entry.handle->info();
      const auto refs = sdk::reference_kinds(info.scope);
      const bool relevant = std::find(info.kinds.begin(), info.kinds.end(), r.kind()) != info.kinds.end() ||
                            std::find(refs.begin(), refs.end(), r.kind()) != refs.end();
      if (!relevant) continue;
      std::set<Subject> found;
      auto add = [&](const sdk::Record& rev) {
        for (Subject& s : sdk::subjects_of(rev, info.scope)) found.insert(std::move(s));
      };
      add(r);
      for (const sdk::Record& rev : earlier) add(rev);
      // A home record is part of every child and staff timeline of its home, but belongs to none of
      // those subjects by sdk::subjects_of.
      if (r.kind() == "home" && (info.scope == sdk::Scope::child || info.scope == sdk::Scope::staff)) {
        auto [it, fresh] = all_subjects.try_emplace(info.scope);
        if (fresh) it->second = records.subjects(info.scope, now);
        for (const Subject& s : it->second)
          if (s.home == r.id()) found.insert(s);
      }
      auto& set = dirty[entry.name];
      for (const Subject& s : found) {
        if (r.recorded_at() > now) visible_at[{entry.name, s}].insert(r.recorded_at());
        set.insert(s);
      }
    }
  }

  void purge_schedule(const std::vector<CheckerEntry>& entries) {
    std::set<std::string> names;
    for (const auto& e : entries) names.insert(e.name);
    for (auto it = look_at.begin(); it != look_at.end();) {
      if (names.count(it->first.first)) {
        ++it;
        continue;
      }
      schedule.erase({it->second, it->first});
      it = look_at.erase(it);
    }
    std::erase_if(visible_at, [&](const auto& v) { return !names.count(v.first.first); });
  }
};

Engine::Engine(store::Database& db, sdk::Calendar calendar, std::unique_ptr<CheckerSource> checkers,
               std::shared_ptr<spdlog::logger> log)
    : impl_(std::make_unique<Impl>(db, std::move(calendar), std::move(checkers), std::move(log))) {}

Engine::~Engine() = default;

AuditResult Engine::audit(TimePoint as_of, std::span<const std::string> rules) {
  Impl& m = *impl_;
  const std::set<std::string> wanted(rules.begin(), rules.end());
  auto keep = [&](const std::string& rule) { return wanted.empty() || wanted.count(rule) > 0; };
  AuditResult result;
  std::set<std::string> failed_plugins;
  for (const CheckerEntry& entry : m.source->checkers()) {
    if (failed_plugins.count(entry.plugin)) continue;
    const sdk::CheckerInfo& info = entry.handle->info();
    if (!std::any_of(info.rules.begin(), info.rules.end(),
                     [&](const sdk::RuleInfo& r) { return keep(r.id); }))
      continue;
    for (const Subject& subject : m.records.subjects(info.scope, as_of)) {
      Outcome out = m.run(entry, subject, as_of);
      ++result.subjects;
      if (!out.ok) {
        failed_plugins.insert(entry.plugin);
        m.disable(entry, out.error, nullptr);
        break;
      }
      for (sdk::Finding& f : out.findings)
        if (keep(f.rule)) result.findings.push_back(std::move(f));
    }
  }
  result.problems = m.source->problems();
  for (sdk::Finding& f : health_findings(result.problems))
    if (keep(f.rule)) result.findings.push_back(std::move(f));
  std::sort(result.findings.begin(), result.findings.end(), finding_less);
  return result;
}

EvaluationSummary Engine::evaluate_changes(TimePoint now) {
  Impl& m = *impl_;
  const PassMetrics pass("change");
  const std::vector<CheckerEntry> entries = m.source->checkers();
  std::map<std::string, std::set<Subject>> dirty;
  std::map<sdk::Scope, std::vector<Subject>> all_subjects;
  // A record's earlier revisions are looked up once per pass: its later revisions in the same pass
  // are among them.
  std::set<std::pair<std::string, std::string>> looked_up;
  const std::vector<sdk::Record> none;
  std::set<std::string, std::less<>> relevant;
  for (const CheckerEntry& entry : entries) {
    const sdk::CheckerInfo& info = entry.handle->info();
    relevant.insert(info.kinds.begin(), info.kinds.end());
    for (auto kind : sdk::reference_kinds(info.scope)) relevant.emplace(kind);
  }
  std::int64_t seen = m.watermark;
  for (;;) {
    const std::vector<store::StoredRecord> page = m.records.since(seen, kFeedPage);
    if (page.empty()) break;
    for (const store::StoredRecord& stored : page) {
      const sdk::Record& r = stored.record;
      if (!relevant.count(r.kind())) continue;
      if (looked_up.insert({r.kind(), r.id()}).second)
        m.mark_dirty(r, m.records.revisions(r.kind(), r.id()), entries, now, dirty, all_subjects);
      else
        m.mark_dirty(r, none, entries, now, dirty, all_subjects);
    }
    seen = page.back().seq;
    if (page.size() < kFeedPage) break;
  }
  EvaluationSummary summary = m.evaluate(dirty, now, false, false);
  m.watermark = seen;
  pass.completed();
  if (summary.checks > 0 || !summary.transitions.empty())
    m.log->debug("changes to seq {}: {} subjects, {} checks, {} findings, {} transitions", seen,
                 summary.subjects, summary.checks, summary.findings, summary.transitions.size());
  return summary;
}

EvaluationSummary Engine::evaluate_due(TimePoint now) {
  Impl& m = *impl_;
  const PassMetrics pass("due");
  std::map<std::string, std::set<Subject>> dirty;
  std::vector<PairKey> due;
  for (auto it = m.schedule.begin(); it != m.schedule.end() && it->first <= now; ++it)
    due.push_back(it->second);
  for (const PairKey& key : due) dirty[key.first].insert(key.second);
  const auto silence = m.escalations.next_silence_expiry();
  // Pairs whose checker is no longer running leave the schedule rather than stay due forever; the
  // others stay until their evaluation commits and reschedules them.
  m.purge_schedule(m.source->checkers());
  EvaluationSummary summary = m.evaluate(dirty, now, false, silence && *silence <= now);
  pass.completed();
  return summary;
}

EvaluationSummary Engine::full_sweep(TimePoint now) {
  Impl& m = *impl_;
  const PassMetrics pass("sweep");
  const std::int64_t start = m.records.last_seq();
  const std::vector<CheckerEntry> entries = m.source->checkers();
  m.purge_schedule(entries);
  std::map<std::string, std::set<Subject>> all;
  std::map<sdk::Scope, std::vector<Subject>> by_scope;
  for (const CheckerEntry& entry : entries) {
    const sdk::Scope scope = entry.handle->info().scope;
    auto [it, fresh] = by_scope.try_emplace(scope);
    if (fresh) it->second = m.records.subjects(scope, now);
    all[entry.name].insert(it->second.begin(), it->second.end());
  }
  EvaluationSummary summary = m.evaluate(all, now, true, true);
  m.watermark = std::max(m.watermark, start);
  pass.completed();
  m.log->debug("full sweep: {} subjects, {} checks, {} findings, {} transitions", summary.subjects,
               summary.checks, summary.findings, summary.transitions.size());
  return summary;
}

std::optional<TimePoint> Engine::next_due() {
  Impl& m = *impl_;
  std::optional<TimePoint> next;
  if (!m.schedule.empty()) next = m.schedule.begin()->first;
  if (auto silence = m.escalations.next_silence_expiry(); silence && (!next || *silence < *next))
    next = silence;
  return next;
}

std::int64_t Engine::watermark() const noexcept {
  return impl_->watermark;
}

void Engine::replace_checkers(std::unique_ptr<CheckerSource> checkers) {
  impl_->source = std::move(checkers);
  impl_->look_at.clear();
  impl_->schedule.clear();
  impl_->visible_at.clear();
  impl_->health_synced.reset();
}

const CheckerSource& Engine::checkers() const noexcept {
  return *impl_->source;
}

void Engine::set_transition_hook(TransitionHook hook) {
  impl_->hook = std::move(hook);
}

}  // namespace carewatch::engine
