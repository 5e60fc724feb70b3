// `carewatch audit`: one read-only audit of every subject as of a time, printed as text or as one
// RECORDS.md finding object per line.
#include <spdlog/logger.h>
#include <spdlog/sinks/null_sink.h>
#include <spdlog/sinks/stdout_sinks.h>
#include <CLI/CLI.hpp>

#include <chrono>
#include <exception>
#include <filesystem>
#include <iostream>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include <carewatch/sdk/finding.hpp>
#include <carewatch/sdk/time.hpp>

#include "cli/commands.hpp"
#include "cli/options.hpp"
#include "config/config.hpp"
#include "engine/engine.hpp"
#include "engine/plugin_set_source.hpp"
#include "plugin_host/plugin_set.hpp"
#include "store/database.hpp"

namespace carewatch::cli {
namespace {

struct AuditOptions {
  std::string as_of;
  std::string format = "text";
  std::vector<std::string> rules;
};

std::string join(const std::vector<std::string>& items, const char* sep) {
  std::string out;
  for (const auto& s : items) {
    if (!out.empty()) out += sep;
    out += s;
  }
  return out;
}

void print_text(const sdk::Finding& f) {
  std::cout << (f.severity ? sdk::to_string(*f.severity) : "?") << "  " << f.rule;
  if (!f.home.empty()) std::cout << "  home " << f.home;
  if (!f.child.empty()) std::cout << "  child " << f.child;
  if (!f.staff.empty()) std::cout << "  staff " << f.staff;
  if (f.due_at) std::cout << "  due " << sdk::format_timestamp(*f.due_at);
  if (!f.evidence.empty()) std::cout << "  evidence " << join(f.evidence, ",");
  std::cout << "  " << f.summary << "\n";
}

int run_audit(const GlobalOptions& global, const AuditOptions& opts) {
  sdk::TimePoint as_of = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
  if (!opts.as_of.empty()) {
    auto parsed = sdk::parse_timestamp(opts.as_of);
    if (!parsed) {
      std::cerr << "carewatch audit: --as-of: \"" << opts.as_of
                << "\" is not an RFC 3339 timestamp with an offset (e.g. 2025-03-01T21:40:00Z)\n";
      return kExitUsage;
    }
    as_of = *parsed;
  }
  try {
    const config::Config cfg = effective_config(global);
    if (!std::filesystem::exists(cfg.store.database)) {
      std::cerr << "carewatch audit: cannot open database " << cfg.store.database.string()
                << ": no such file (import records first, or pass --db)\n";
      return kExitUsage;
    }
    // Read-only: an audit must not change the store.
    store::Database db(cfg.store.database, store::OpenMode::read_only);
    const sdk::Calendar calendar = config::load_calendar(cfg.calendar.bank_holidays);

    // The loader's own log lines would repeat the problems printed below.
    auto quiet = std::make_shared<spdlog::logger>("plugins", std::make_shared<spdlog::sinks::null_sink_mt>());
    plugin_host::LoadOptions load;
    load.parameters = cfg.plugins.parameters;
    load.disabled = cfg.plugins.disabled;
    load.allow_writable = cfg.plugins.allow_writable;
    auto plugins = plugin_host::PluginSet::load_directory(cfg.plugins.directory, load, quiet);

    std::set<std::string> known{std::string(engine::kPluginDisabledRule)};
    for (const auto& ref : plugins.checkers())
      for (const auto& rule : ref.info().rules) known.insert(rule.id);
    for (const auto& rule : opts.rules) {
      if (!known.count(rule)) {
        std::cerr << "carewatch audit: --rule " << rule
                  << ": no loaded plugin declares this rule (see `carewatch rules`)\n";
        return kExitUsage;
      }
    }

    auto log = std::make_shared<spdlog::logger>("engine", std::make_shared<spdlog::sinks::stderr_sink_mt>());
    log->set_level(spdlog::level::warn);
    engine::Engine engine(
        db, calendar, std::make_unique<engine::PluginSetSource>(std::move(plugins), cfg.plugins.parameters),
        log);
    const engine::AuditResult result = engine.audit(as_of, opts.rules);

    for (const auto& f : result.findings) {
      if (opts.format == "json")
        std::cout << sdk::to_json(f) << "\n";
      else
        print_text(f);
    }
    if (opts.format != "json")
      std::cout << result.findings.size() << (result.findings.size() == 1 ? " finding" : " findings")
                << " as of " << sdk::format_timestamp(as_of) << "\n";
    std::cout.flush();
    for (const auto& p : result.problems)
      std::cerr << "carewatch audit: plugin " << p.file.string() << ": " << p.reason << "\n";
    return kExitOk;
  } catch (const std::exception& e) {
    std::cerr << "carewatch audit: " << e.what() << "\n";
    return kExitUsage;
  }
}

}  // namespace

void add_audit_command(CLI::App& app, GlobalOptions& global, int& exit_code) {
  auto opts = std::make_shared<AuditOptions>();
  CLI::App* sub = app.add_subcommand("audit", "Audit every subject as of a time and print the findings");
  // Lets --db and --config follow the subcommand name as well as precede it.
  sub->fallthrough();
  sub->add_option("--as-of", opts->as_of, "Audit time, RFC 3339 with an offset (default: now)");
  sub->add_option("--format", opts->format, "Output format")->check(CLI::IsMember({"text", "json"}));
  sub->add_option("--rule", opts->rules, "Only this rule (repeatable)")->allow_extra_args(false);
  sub->callback([&global, &exit_code, opts] { exit_code = run_audit(global, *opts); });
}

}  // namespace carewatch::cli
