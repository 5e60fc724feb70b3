// `carewatch routes test`: who would be told at each level of the route an escalation would follow
// (a dry run: nothing is written).
#include <spdlog/logger.h>
#include <spdlog/sinks/null_sink.h>
#include <CLI/CLI.hpp>

#include <chrono>
#include <exception>
#include <filesystem>
#include <iostream>
#include <memory>
#include <optional>
#include <string>

#include <carewatch/sdk/finding.hpp>
#include <carewatch/sdk/time.hpp>
#include <carewatch/sdk/value.hpp>

#include "cli/commands.hpp"
#include "cli/options.hpp"
#include "config/config.hpp"
#include "engine/engine.hpp"
#include "plugin_host/plugin_set.hpp"
#include "routing/authorities.hpp"
#include "routing/router.hpp"
#include "store/database.hpp"

namespace carewatch::cli {
namespace {

struct RoutesOptions {
  std::string rule;
  std::string home;
  std::string severity;
  std::string child;
  std::string format = "text";
};

struct RuleFound {
  std::string family;
  sdk::RuleInfo info;
};

std::optional<RuleFound> find_rule(const config::Config& cfg, const std::string& id) {
  if (id == engine::kPluginDisabledRule) return RuleFound{"carewatch", engine::plugin_disabled_rule()};
  auto quiet = std::make_shared<spdlog::logger>("plugins", std::make_shared<spdlog::sinks::null_sink_mt>());
  plugin_host::LoadOptions load;
  load.parameters = cfg.plugins.parameters;
  load.disabled = cfg.plugins.disabled;
  load.allow_writable = cfg.plugins.allow_writable;
  const auto plugins = plugin_host::PluginSet::load_directory(cfg.plugins.directory, load, quiet);
  for (const auto& ref : plugins.checkers())
    for (const auto& rule : ref.info().rules)
      if (rule.id == id) return RuleFound{ref.plugin_name(), rule};
  return std::nullopt;
}

bool record_exists(store::Database& db, std::string_view kind, std::string_view id, std::string_view home) {
  store::Statement st(db,
                      "SELECT 1 FROM records WHERE kind = ?1 AND id = ?2 AND (?3 = '' OR home = ?3) LIMIT 1");
  st.bind(1, kind).bind(2, id).bind(3, home);
  return st.step();
}

std::string duration(std::chrono::seconds s) {
  const auto n = s.count();
  if (n == 0) return "none";
  if (n % 86400 == 0) return std::to_string(n / 86400) + "d";
  if (n % 3600 == 0) return std::to_string(n / 3600) + "h";
  if (n % 60 == 0) return std::to_string(n / 60) + "m";
  return std::to_string(n) + "s";
}

sdk::Value strings(const std::vector<std::string>& items) {
  sdk::Array a;
  for (const auto& s : items) a.emplace_back(s);
  return sdk::Value(std::move(a));
}

int run_test(const GlobalOptions& global, const RoutesOptions& o) {
  try {
    const config::Config cfg = effective_config(global);
    const auto rule = find_rule(cfg, o.rule);
    if (!rule) {
      std::cerr << "carewatch routes test: unknown rule \"" << o.rule
                << "\" (no loaded plugin declares it; `carewatch rules` lists them)\n";
      return kExitUsage;
    }
    std::unique_ptr<store::Database> db;
    if (std::filesystem::exists(cfg.store.database))
      db = std::make_unique<store::Database>(cfg.store.database, store::OpenMode::read_only);
    const bool home_known =
        cfg.contacts.homes.count(o.home) || (db && record_exists(*db, "home", o.home, ""));
    if (!home_known) {
      std::cerr << "carewatch routes test: unknown home \"" << o.home << "\" (no home record in "
                << cfg.store.database.string() << " and no [contacts.home." << o.home << "] table)\n";
      return kExitUsage;
    }
    if (!o.child.empty() && !(db && record_exists(*db, "child", o.child, o.home))) {
      std::cerr << "carewatch routes test: unknown child \"" << o.child << "\" in home \"" << o.home
                << "\" (no child record in " << cfg.store.database.string() << ")\n";
      return kExitUsage;
    }

    routing::Target target;
    target.rule = o.rule;
    target.family = rule->family;
    target.severity = o.severity.empty() ? rule->info.severity : *sdk::parse_severity(o.severity);
    target.home = o.home;
    target.child = o.child;
    target.escalate_to = rule->info.roles;
    const auto now = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
    const routing::Authorities authorities =
        db ? routing::lookup_authorities(*db, o.home, o.child, now) : routing::Authorities{};

    const routing::Router router(cfg.contacts, cfg.routing);
    const config::Route& route = router.route_for(target);

    if (o.format == "json") {
      sdk::Array levels;
      for (std::size_t i = 0; i < route.levels.size(); ++i) {
        const auto lr = router.recipients(route, i, target, authorities);
        sdk::Array recipients;
        for (const auto& r : lr.recipients)
          recipients.push_back(sdk::Value::object({{"role", r.role},
                                                   {"channel", std::string(outbox::to_string(r.channel))},
                                                   {"address", r.address},
                                                   {"source", r.source}}));
        levels.push_back(sdk::Value::object({{"level", static_cast<std::int64_t>(i)},
                                             {"timeout_s", static_cast<std::int64_t>(lr.timeout.count())},
                                             {"roles", strings(lr.roles)},
                                             {"recipients", sdk::Value(std::move(recipients))},
                                             {"unreached", strings(lr.unreached)}}));
      }
      auto opt = [](const std::string& s) { return s.empty() ? sdk::Value() : sdk::Value(s); };
      std::cout << sdk::Value::object(
                       {{"rule", target.rule},
                        {"family", target.family},
                        {"severity", std::string(sdk::to_string(target.severity))},
                        {"home", target.home},
                        {"child", opt(target.child)},
                        {"placing_authority", opt(authorities.placing)},
                        {"host_authority", opt(authorities.host)},
                        {"route", route.name},
                        {"repeat_interval_s", static_cast<std::int64_t>(route.repeat_interval.count())},
                        {"levels", sdk::Value(std::move(levels))}})
                       .to_json()
                << "\n";
      return kExitOk;
    }

    std::cout << "rule " << target.rule << " (" << target.family << ", " << sdk::to_string(target.severity)
              << ") home " << target.home;
    if (!target.child.empty()) std::cout << " child " << target.child;
    std::cout << "\n";
    std::cout << "placing authority " << (authorities.placing.empty() ? "-" : authorities.placing)
              << ", host authority " << (authorities.host.empty() ? "-" : authorities.host) << "\n";
    std::cout << "route \"" << route.name << "\": " << route.levels.size()
              << (route.levels.size() == 1 ? " level" : " levels") << ", reminders every "
              << duration(route.repeat_interval) << "\n";
    for (std::size_t i = 0; i < route.levels.size(); ++i) {
      const auto lr = router.recipients(route, i, target, authorities);
      std::cout << "level " << i + 1;
      if (lr.timeout.count() > 0)
        std::cout << " (next level after " << duration(lr.timeout) << " unacknowledged)";
      std::cout << ":\n";
      for (const auto& r : lr.recipients) {
        std::cout << "  " << r.role << "  " << outbox::to_string(r.channel) << "  " << r.address;
        if (!r.source.empty()) std::cout << "  (" << r.source << ")";
        if (r.channel == outbox::Channel::log) std::cout << "  (no contact configured)";
        std::cout << "\n";
      }
    }
    return kExitOk;
  } catch (const std::exception& e) {
    std::cerr << "carewatch routes test: " << e.what() << "\n";
    return kExitUsage;
  }
}

}  // namespace

void add_routes_command(CLI::App& app, GlobalOptions& global, int& exit_code) {
  auto o = std::make_shared<RoutesOptions>();
  CLI::App* sub = app.add_subcommand("routes", "Show how escalations are routed");
  sub->require_subcommand(1);
  sub->fallthrough();
  CLI::App* test = sub->add_subcommand("test", "Who would be told at each level (a dry run; writes nothing)");
  test->fallthrough();
  test->add_option("--rule", o->rule, "Rule id")->required();
  test->add_option("--home", o->home, "Home id")->required();
  test->add_option("--severity", o->severity, "Severity (default: the rule's)")
      ->check(CLI::IsMember({"low", "medium", "high", "critical"}));
  test->add_option("--child", o->child, "Child id (its placing authority is read from the store)");
  test->add_option("--format", o->format, "Output format")->check(CLI::IsMember({"text", "json"}));
  test->callback([&global, &exit_code, o] { exit_code = run_test(global, *o); });
}

}  // namespace carewatch::cli
