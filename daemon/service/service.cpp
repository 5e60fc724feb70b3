#include "service/service.hpp"

#include <csignal>
#include <exception>
#include <system_error>
#include <utility>

// Asio comes from the precompiled header (see CMakeLists.txt); these includes keep the file correct
// without it.
#include <spdlog/sinks/null_sink.h>
#include <spdlog/spdlog.h>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/system_timer.hpp>

#include <carewatch/sdk/time.hpp>

#include "api/server.hpp"
#include "api/service_views.hpp"
#include "engine/engine.hpp"
#include "engine/plugin_set_source.hpp"
#include "inbox/inbox_watcher.hpp"
#include "notify/notifier_factory.hpp"
#include "outbox/deliverer.hpp"
#include "plugin_host/plugin_set.hpp"
#include "routing/ladder.hpp"
#include "routing/router.hpp"
#include "service/logging.hpp"
#include "service/store_metrics.hpp"
#include "service/systemd_notifier.hpp"
#include "store/database.hpp"
#include "store/record_store.hpp"

#ifndef CAREWATCH_VERSION
#define CAREWATCH_VERSION "unknown"
#endif

namespace carewatch::service {
namespace {

namespace asio = boost::asio;
using Clock = std::chrono::system_clock;

// A failure while applying a configuration, already worded as "FILE: key: reason".
class ApplyError : public std::runtime_error {
 public:
  ApplyError(const config::Config& cfg, std::string_view key, const std::string& reason)
      : std::runtime_error(prefix(cfg) + std::string(key) + ": " + reason) {}

  static std::string prefix(const config::Config& cfg) {
    return cfg.source.empty() ? std::string("built-in configuration: ") : cfg.source.string() + ": ";
  }
};

sdk::TimePoint now_seconds() {
  return std::chrono::floor<std::chrono::seconds>(Clock::now());
}

void apply(const Overrides& overrides, config::Config& cfg) {
  if (overrides.database) cfg.store.database = *overrides.database;
  if (overrides.plugin_directory) cfg.plugins.directory = *overrides.plugin_directory;
}

plugin_host::LoadOptions load_options(const config::Config& cfg) {
  plugin_host::LoadOptions options;
  options.parameters = cfg.plugins.parameters;
  options.disabled = cfg.plugins.disabled;
  options.allow_writable = cfg.plugins.allow_writable;
  return options;
}

sdk::Calendar read_calendar(const config::Config& cfg) {
  try {
    return config::load_calendar(cfg.calendar.bank_holidays);
  } catch (const std::exception& e) {
    throw ApplyError(cfg, "calendar.bank_holidays", e.what());
  }
}

plugin_host::PluginSet load_plugins(const config::Config& cfg, const std::shared_ptr<spdlog::logger>& log) {
  try {
    return plugin_host::PluginSet::load_directory(cfg.plugins.directory, load_options(cfg), log);
  } catch (const std::exception& e) {
    throw ApplyError(cfg, "plugins.directory", e.what());
  }
}

RuntimeInfo summarise(const config::Config& cfg, const plugin_host::PluginSet& plugins) {
  RuntimeInfo info;
  info.database = cfg.store.database;
  for (const auto& p : plugins.plugins())
    if (p.enabled) ++info.plugins;
  for (const auto& c : plugins.checkers()) {
    ++info.checkers;
    info.rules += c.info().rules.size();
  }
  info.problems = plugins.problems().size();
  return info;
}

std::string describe(const RuntimeInfo& info) {
  return "database=" + info.database.string() + " plugins=" + std::to_string(info.plugins) +
         " checkers=" + std::to_string(info.checkers) + " rules=" + std::to_string(info.rules) +
         " plugin_problems=" + std::to_string(info.problems);
}

// Everything one configuration runs with. Members are destroyed in reverse order, so the engine goes
// before the record store and both before the database they refer to.
struct Runtime {
  config::Config config;
  std::shared_ptr<spdlog::logger> log;
  std::unique_ptr<store::Database> db;
  std::unique_ptr<store::RecordStore> records;
  std::unique_ptr<engine::Engine> engine;
  // The routing ladder: the engine's transition hook writes its messages in each pass's transaction.
  std::unique_ptr<routing::Router> router;
  std::unique_ptr<routing::Ladder> ladder;
  RuntimeInfo info;
  // PRAGMA data_version when the change feed last caught up: another process's commit changes it.
  std::int64_t data_version = 0;
  // Last, so it is destroyed first: its thread finishes the attempt in progress and stops before the
  // rest goes. It has its own connection, so a slow receiver never holds up a pass.
  std::unique_ptr<outbox::Deliverer> deliverer;
};

// The notifiers for each configured channel ([notify]). Without one, a channel's messages wait in the
// outbox, pending, until a reload configures it (daemon/outbox/README.md).
// Throws config::ConfigError naming the secret file and key when one cannot be read.
outbox::Notifiers build_notifiers(const config::Config& cfg, const std::shared_ptr<spdlog::logger>& log) {
  return notify::make_notifiers(cfg.notify, log);
}

outbox::DelivererOptions deliverer_options(const config::OutboxConfig& cfg) {
  outbox::DelivererOptions options;
  options.retry.max_attempts = cfg.max_attempts;
  options.retry.initial_backoff = cfg.initial_backoff;
  options.retry.max_backoff = cfg.max_backoff;
  options.batch_size = cfg.batch_size;
  options.poll_interval = cfg.poll_interval;
  return options;
}

// The inbox directory must exist when the inbox is on: a typo should fail the configuration, not go
// unnoticed while files pile up elsewhere.
void check_inbox(const config::Config& cfg) {
  if (cfg.inbox.enabled && !std::filesystem::is_directory(cfg.inbox.directory))
    throw ApplyError(cfg, "inbox.directory", "directory " + cfg.inbox.directory.string() + " does not exist");
}

std::unique_ptr<Runtime> build_runtime(config::Config cfg) {
  auto rt = std::make_unique<Runtime>();
  try {
    rt->log = make_logger(cfg.logging);
  } catch (const std::exception& e) {
    throw ApplyError(cfg, "logging.file", e.what());
  }
  sdk::Calendar calendar = read_calendar(cfg);
  check_inbox(cfg);
  try {
    rt->db = std::make_unique<store::Database>(cfg.store.database);
  } catch (const std::exception& e) {
    throw ApplyError(cfg, "store.database", e.what());
  }
  rt->records = std::make_unique<store::RecordStore>(*rt->db);
  plugin_host::PluginSet plugins = load_plugins(cfg, rt->log);
  rt->info = summarise(cfg, plugins);
  auto source = std::make_unique<engine::PluginSetSource>(std::move(plugins), cfg.plugins.parameters);
  rt->engine = std::make_unique<engine::Engine>(*rt->db, std::move(calendar), std::move(source), rt->log);
  rt->router = std::make_unique<routing::Router>(cfg.contacts, cfg.routing);
  rt->ladder = std::make_unique<routing::Ladder>(*rt->db, *rt->router);
  rt->engine->set_transition_hook(
      [ladder = rt->ladder.get()](store::Database&, std::span<const escalation::Transition> transitions) {
        ladder->on_transitions(transitions);
      });
  rt->data_version = rt->db->data_version();
  outbox::Notifiers notifiers = build_notifiers(cfg, rt->log);
  try {
    rt->deliverer = std::make_unique<outbox::Deliverer>(cfg.store.database, std::move(notifiers),
                                                        deliverer_options(cfg.outbox), rt->log);
  } catch (const std::exception& e) {
    throw ApplyError(cfg, "store.database", e.what());
  }
  rt->config = std::move(cfg);
  return rt;
}

enum class Pass { changes, due, full_sweep };

std::string_view to_string(Pass pass) {
  switch (pass) {
    case Pass::changes:
      return "change pass";
    case Pass::due:
      return "deadline pass";
    case Pass::full_sweep:
      return "full sweep";
  }
  return "pass";
}

}  // namespace

std::string version() {
  return CAREWATCH_VERSION;
}

struct Service::Impl {
  explicit Impl(Overrides o) : overrides(std::move(o)), bootstrap_log(make_bootstrap_logger()) {}

  const std::shared_ptr<spdlog::logger>& log() const { return rt ? rt->log : bootstrap_log; }

  // Runs one pass and logs what it changed. A failed pass (the store busy for longer than its timeout,
  // a full disk) is logged and retried by the next tick: nothing of it was committed.
  bool evaluate(Pass pass) {
    const auto now = now_seconds();
    const auto started = std::chrono::steady_clock::now();
    engine::EvaluationSummary summary;
    try {
      switch (pass) {
        case Pass::changes:
          summary = rt->engine->evaluate_changes(now);
          break;
        case Pass::due:
          summary = rt->engine->evaluate_due(now);
          break;
        case Pass::full_sweep:
          summary = rt->engine->full_sweep(now);
          break;
      }
    } catch (const std::exception& e) {
      rt->log->error("{} failed, will retry: {}", to_string(pass), e.what());
      return false;
    }
    for (const auto& t : summary.transitions) rt->log->info("{}", describe(t));
    // A pass that changed escalations may have enqueued messages in its transaction, now committed.
    if (!summary.transitions.empty()) wake_deliverer();
    for (const auto& p : summary.disabled)
      rt->log->warn("plugin disabled plugin={} file={}: {}", p.plugin.empty() ? "-" : p.plugin,
                    p.file.string(), p.reason);
    const auto ms =
        std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started);
    rt->log->log(pass == Pass::full_sweep ? spdlog::level::info : spdlog::level::debug,
                 "{}: subjects={} checks={} findings={} transitions={} in {} ms", to_string(pass),
                 summary.subjects, summary.checks, summary.findings, summary.transitions.size(), ms.count());
    if (pass == Pass::full_sweep) last_audit = sdk::format_timestamp(now);
    if (pass == Pass::full_sweep || !summary.transitions.empty()) notifier.status(status_text());
    if (running) arm_ladder();
    return true;
  }

  // The ladder's timer: climbs, reminders and level 0 after a silence, at Ladder::next_due().
  void arm_ladder() {
    std::optional<sdk::TimePoint> next;
    try {
      next = rt->ladder->next_due();
    } catch (const std::exception& e) {
      rt->log->error("reading the ladder's next action failed: {}", e.what());
    }
    if (!next) {
      ladder_timer.cancel();
      return;
    }
    // After a failed advance, wait before trying again rather than spin on a time already past.
    sdk::TimePoint at = *next;
    if (ladder_retry_at && at < *ladder_retry_at) at = *ladder_retry_at;
    ladder_timer.expires_at(Clock::time_point(at));
    ladder_timer.async_wait([this](const boost::system::error_code& ec) {
      if (ec) return;
      advance_ladder();
      arm_ladder();
    });
  }

  void advance_ladder() {
    try {
      const auto s = rt->ladder->advance(now_seconds());
      ladder_retry_at.reset();
      if (s.messages == 0) return;
      rt->log->info("ladder: opened={} escalated={} reminders={} messages={}", s.opened, s.escalated, s.reminders,
                    s.messages);
      wake_deliverer();
    } catch (const std::exception& e) {
      ladder_retry_at = now_seconds() + std::chrono::seconds(1);
      rt->log->error("ladder: advancing failed, will retry: {}", e.what());
    }
  }

  // Messages were committed to the outbox: deliver them now rather than at the next poll.
  void wake_deliverer() {
    if (rt && rt->deliverer) rt->deliverer->notify();
  }

  // systemd's STATUS= line (`systemctl status`): counts and times only.
  std::string status_text() const {
    std::string text = describe(rt->info) + " last_full_sweep=" + (last_audit.empty() ? "-" : last_audit);
    try {
      store::Statement q(*rt->db, "SELECT count(*) FROM escalations WHERE state <> 'resolved'");
      if (q.step()) text += " open_escalations=" + std::to_string(q.column_int(0));
    } catch (const std::exception&) {
      // Busy or failing store: the status goes out without the count; the pass logs the failure.
    }
    return text;
  }

  // WATCHDOG=1 from the loop itself, so a loop stuck in a pass stops the keep-alives and systemd
  // restarts the service (WatchdogSec= in config/carewatch.service).
  void arm_watchdog() {
    const auto interval = notifier.watchdog_interval();
    if (!interval) return;
    notifier.watchdog();
    watchdog_timer.expires_after(*interval);
    watchdog_timer.async_wait([this](const boost::system::error_code& ec) {
      if (ec) return;
      arm_watchdog();
    });
  }

  // --- timers (only while running) ---

  void arm_poll() {
    poll_timer.expires_after(rt->config.schedule.poll_interval);
    poll_timer.async_wait([this](const boost::system::error_code& ec) {
      if (ec) return;  // cancelled: stopping, or re-armed by a reload
      poll();
      arm_poll();
    });
  }

  // Cheap when nothing happened: one PRAGMA. Only when another connection committed does it look at
  // the record feed, and only new records (not an acknowledgement, not a quarantined line) start a pass.
  void poll() {
    if (sweep_failed) {
      // The safety net must not wait a whole sweep interval after a failure.
      sweep();
      return;
    }
    try {
      const std::int64_t version = rt->db->data_version();
      if (version == rt->data_version) return;
      // Another process may have acknowledged, silenced or added a silence rule: the ladder's and the
      // engine's next times may have moved.
      arm_ladder();
      arm_due();
      if (rt->records->last_seq() > rt->engine->watermark()) {
        if (!evaluate(Pass::changes)) return;  // data_version stays behind, so the next tick retries
        arm_due();
      }
      rt->data_version = version;
    } catch (const std::exception& e) {
      rt->log->error("polling the store failed, will retry: {}", e.what());
    }
  }

  void arm_due() {
    std::optional<sdk::TimePoint> next;
    try {
      next = rt->engine->next_due();
    } catch (const std::exception& e) {
      rt->log->error("reading the next deadline failed: {}", e.what());
    }
    if (!next) {
      due_timer.cancel();
      return;
    }
    // The engine should move a look-again time past the pass that handled it; if a checker keeps
    // asking for a time already handled, wait a second between passes rather than spin.
    sdk::TimePoint at = *next;
    if (last_due_pass && at <= *last_due_pass) at = now_seconds() + std::chrono::seconds(1);
    due_timer.expires_at(Clock::time_point(at));
    due_timer.async_wait([this](const boost::system::error_code& ec) {
      if (ec) return;
      last_due_pass = now_seconds();
      evaluate(Pass::due);
      arm_due();
    });
  }

  void sweep() {
    sweep_failed = !evaluate(Pass::full_sweep);
    arm_due();
  }

  void arm_sweep() {
    sweep_timer.expires_after(rt->config.schedule.full_sweep_interval);
    sweep_timer.async_wait([this](const boost::system::error_code& ec) {
      if (ec) return;
      sweep();
      arm_sweep();
    });
  }

  // After start-up or a reload: a full sweep first, then the three timers.
  void start_passes() {
    asio::post(io, [this] {
      // Read before the sweep: a record committed while it runs then shows up at the next poll.
      try {
        rt->data_version = rt->db->data_version();
      } catch (const std::exception& e) {
        rt->log->error("reading the store's data version failed: {}", e.what());
      }
      // Open escalations from before routing existed: their first level is told at the ladder's next
      // advance (the sweep arms its timer).
      try {
        if (const auto n = rt->ladder->adopt_untracked(now_seconds()); n > 0)
          rt->log->info("ladder: took on {} open escalations nobody had been told about", n);
      } catch (const std::exception& e) {
        rt->log->error("ladder: taking on open escalations failed: {}", e.what());
      }
      sweep();
    });
    arm_poll();
    arm_sweep();
    start_inbox();
  }

  // The inbox directory ([inbox]) on this loop, with its own store connection: the records it imports
  // reach the engine through the change poll, as a `carewatch import` from another process does.
  void start_inbox() {
    if (inbox) inbox->stop();
    inbox.reset();
    const config::InboxConfig& c = rt->config.inbox;
    if (!c.enabled) return;
    inbox::WatcherOptions options;
    options.database = rt->config.store.database;
    options.inbox.directory = c.directory;
    options.inbox.settle = c.settle;
    options.scan_interval = c.scan_interval;
    try {
      inbox = inbox::InboxWatcher::start(io, std::move(options), rt->log);
    } catch (const std::exception& e) {
      rt->log->error("inbox: not started: {}", e.what());
    }
  }

  // What the HTTP API reads of the running service. Called on this loop only, so `rt` is whichever
  // runtime is current at the request.
  api::Hooks api_hooks() {
    api::Hooks h;
    h.ready = [this] { return rt != nullptr && running; };
    h.rules = [this] { return rt ? api::rules_of(rt->engine->checkers()) : std::vector<api::RuleRow>{}; };
    h.plugins = [this] {
      return rt ? api::plugins_of(rt->engine->checkers()) : std::vector<plugin_host::PluginSummary>{};
    };
    // The API commits on its own connection, which the poll notices; looking now saves a poll interval.
    h.records_ingested = [this] {
      asio::post(io, [this] {
        if (running && rt) poll();
      });
    };
    return h;
  }

  // Applies [api] of the runtime about to be swapped in; throws (and changes nothing) if the API
  // cannot use it, so a bad reload keeps the running configuration whole.
  void configure_api(const Runtime& next) {
    if (!api_server) api_server = std::make_unique<api::Server>(io, api_hooks(), next.log);
    const Status st = api_server->configure(next.config.api, next.config.store.database);
    if (!st) throw std::runtime_error(ApplyError::prefix(next.config) + st.message());
    api_server->set_logger(next.log);
  }

  void wait_for_signal() {
    signals.async_wait([this](const boost::system::error_code& ec, int signo) {
      if (ec) return;
      if (signo == SIGHUP) {
        on_hangup();
        wait_for_signal();
        return;
      }
      log()->info("signal {} received: stopping", signo);
      stop();
    });
  }

  void on_hangup() {
    const auto source = rt->config.source;
    log()->info("SIGHUP: reloading configuration from {}",
                source.empty() ? "built-in defaults" : source.string());
    notifier.reloading("reloading configuration");
    Status st = owner->reload();
    if (st)
      log()->info("configuration reloaded: {}", describe(rt->info));
    else
      log()->error("reload failed, keeping the running configuration: {}", st.message());
    // Ready again either way: the service runs the new configuration or, after a failure, the old one.
    notifier.ready(std::string(st ? "" : "reload failed, running the previous configuration; ") +
                   status_text());
  }

  void stop() {
    notifier.stopping("stopping");
    watchdog_timer.cancel();
    poll_timer.cancel();
    due_timer.cancel();
    sweep_timer.cancel();
    ladder_timer.cancel();
    if (inbox) inbox->stop();
    inbox.reset();
    if (api_server) api_server->stop();
    // No new delivery attempt starts; run() joins the thread once the attempt in progress is recorded.
    if (rt && rt->deliverer) rt->deliverer->request_stop();
    boost::system::error_code ignored;
    signals.cancel(ignored);
    io.stop();
  }

  Service* owner = nullptr;
  Overrides overrides;
  std::shared_ptr<spdlog::logger> bootstrap_log;
  // The timers and signal set must be destroyed before the io_context they were made on.
  asio::io_context io;
  asio::steady_timer poll_timer{io};
  asio::system_timer due_timer{io};
  asio::steady_timer sweep_timer{io};
  asio::system_timer ladder_timer{io};
  asio::signal_set signals{io};
  asio::steady_timer watchdog_timer{io};
  SystemdNotifier notifier;
  std::string last_audit;  // when the last full sweep finished, RFC 3339; empty before the first
  std::unique_ptr<Runtime> rt;
  // Destroyed before the io_context its waits are on.
  std::shared_ptr<inbox::InboxWatcher> inbox;
  // The HTTP API ([api]); likewise destroyed before the io_context.
  std::unique_ptr<api::Server> api_server;
  std::optional<sdk::TimePoint> last_due_pass;  // "now" of the last deadline pass
  std::optional<sdk::TimePoint> ladder_retry_at;  // set after a failed ladder advance
  bool running = false;
  bool sweep_failed = false;  // the last full sweep failed: retry at the next poll
};

Service::Service(Overrides overrides) : impl_(std::make_unique<Impl>(std::move(overrides))) {
  impl_->owner = this;
}

Service::~Service() = default;

Status Service::configure(config::Config cfg) {
  try {
    apply(impl_->overrides, cfg);
    auto rt = build_runtime(std::move(cfg));
    impl_->configure_api(*rt);
    // The old runtime (its engine, plugins and store connection) goes only once the new one is whole.
    std::swap(impl_->rt, rt);
    rt.reset();
    register_store_metrics(impl_->rt->config.store.database);
    impl_->last_due_pass.reset();
    if (impl_->running) {
      impl_->rt->deliverer->start();
      impl_->start_passes();
    }
    return Status::ok();
  } catch (const std::exception& e) {
    return Status::error(e.what());
  } catch (...) {
    return Status::error("configuration failed for an unknown reason");
  }
}

Status Service::reload() {
  config::Config cfg;
  try {
    const auto source = impl_->rt ? impl_->rt->config.source : std::filesystem::path();
    cfg = source.empty() ? config::default_config() : config::load_config(source);
  } catch (const std::exception& e) {
    return Status::error(e.what());
  }
  return configure(std::move(cfg));
}

Status Service::check(config::Config cfg, RuntimeInfo* info) const {
  try {
    apply(impl_->overrides, cfg);
    std::vector<std::string> errors;
    if (cfg.logging.file) {
      const auto dir = cfg.logging.file->parent_path();
      if (!dir.empty() && !std::filesystem::is_directory(dir))
        errors.push_back(
            ApplyError(cfg, "logging.file", "directory " + dir.string() + " does not exist").what());
    }
    try {
      (void)read_calendar(cfg);
    } catch (const std::exception& e) {
      errors.push_back(e.what());
    }
    try {
      check_inbox(cfg);
    } catch (const std::exception& e) {
      errors.push_back(e.what());
    }
    if (const Status st = api::Server::check(cfg.api); !st) errors.push_back(ApplyError::prefix(cfg) + st.message());
    // Opening read-write would create or migrate the file: a check must change nothing.
    const auto& db_path = cfg.store.database;
    if (std::filesystem::exists(db_path)) {
      try {
        store::Database db(db_path, store::OpenMode::read_only);
      } catch (const std::exception& e) {
        errors.push_back(ApplyError(cfg, "store.database", e.what()).what());
      }
    } else {
      const auto dir = db_path.parent_path();
      if (!dir.empty() && !std::filesystem::is_directory(dir))
        errors.push_back(
            ApplyError(cfg, "store.database", "directory " + dir.string() + " does not exist").what());
    }
    auto quiet =
        std::make_shared<spdlog::logger>("carewatchd-check", std::make_shared<spdlog::sinks::null_sink_mt>());
    try {
      (void)build_notifiers(cfg, quiet);  // the secret files are readable and private
    } catch (const std::exception& e) {
      errors.push_back(e.what());
    }
    try {
      const plugin_host::PluginSet plugins = load_plugins(cfg, quiet);
      for (const auto& p : plugins.problems()) {
        const std::string key = p.plugin.empty() ? std::string("plugins.directory") : "plugins." + p.plugin;
        errors.push_back(ApplyError(cfg, key, p.file.string() + ": " + p.reason).what());
      }
      if (info) *info = summarise(cfg, plugins);
    } catch (const std::exception& e) {
      errors.push_back(e.what());
    }
    if (errors.empty()) return Status::ok();
    std::string message;
    for (const auto& e : errors) message += (message.empty() ? "" : "\n") + e;
    return Status::error(message);
  } catch (const std::exception& e) {
    return Status::error(e.what());
  }
}

int Service::run() {
  Impl& d = *impl_;
  if (!d.rt) {
    d.log()->error("run() called before a successful configure()");
    return 1;
  }
  // Bound before anything starts: a port in use is a start-up failure, reported as such.
  if (d.api_server) {
    if (const Status st = d.api_server->start(); !st) {
      d.rt->log->error("cannot start the HTTP API: {}", st.message());
      return 1;
    }
  }
  d.io.restart();
  d.running = true;
  d.signals.add(SIGINT);
  d.signals.add(SIGTERM);
  d.signals.add(SIGHUP);
  d.wait_for_signal();
  d.rt->log->info("carewatchd {} started: {} poll_interval_ms={} full_sweep_interval_s={}", version(),
                  describe(d.rt->info), d.rt->config.schedule.poll_interval.count(),
                  d.rt->config.schedule.full_sweep_interval.count());
  // The store is open and the plugins are loaded (configure() succeeded): systemd may start what
  // depends on us. The first full sweep follows on the loop.
  d.notifier.ready(d.status_text());
  d.arm_watchdog();
  // Its first pass runs at once: messages may have waited while the daemon was down.
  d.rt->deliverer->start();
  d.start_passes();
  d.io.run();
  d.running = false;
  boost::system::error_code ignored;
  d.signals.clear(ignored);
  // Closing the store: the engine and the connection go here, not at destruction, so that "stopped"
  // is logged only once the database file is closed.
  auto log = d.rt->log;
  d.rt.reset();
  log->info("carewatchd stopped");
  return 0;
}

Status Service::run_once() {
  Impl& d = *impl_;
  if (!d.rt) return Status::error("not configured");
  d.rt->log->info("carewatchd {} one sweep: {}", version(), describe(d.rt->info));
  if (!d.evaluate(Pass::full_sweep)) return Status::error("the full sweep failed (see the log)");
  d.advance_ladder();
  // One delivery pass for what the sweep enqueued; what fails waits for the next run or the daemon.
  const auto delivered = d.rt->deliverer->run_once();
  d.rt->log->info("outbox: delivered={} failed={} waiting_for_a_notifier={}", delivered.delivered, delivered.failed,
                  delivered.deferred);
  return Status::ok();
}

void Service::shutdown() {
  asio::post(impl_->io, [d = impl_.get()] {
    if (d->running) d->stop();
  });
}

std::optional<RuntimeInfo> Service::info() const {
  if (!impl_->rt) return std::nullopt;
  return impl_->rt->info;
}

std::shared_ptr<spdlog::logger> Service::logger() const {
  return impl_->log();
}

}  // namespace carewatch::service
