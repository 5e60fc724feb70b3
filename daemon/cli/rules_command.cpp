// `carewatch rules`: every rule of every loaded plugin, with its clause, severity, roles and checker.
#include <spdlog/logger.h>
#include <spdlog/sinks/null_sink.h>
#include <CLI/CLI.hpp>

#include <exception>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include <carewatch/sdk/finding.hpp>
#include <carewatch/sdk/value.hpp>

#include "cli/commands.hpp"
#include "cli/options.hpp"
#include "config/config.hpp"
#include "engine/engine.hpp"
#include "plugin_host/plugin_set.hpp"

namespace carewatch::cli {
namespace {

struct RuleRow {
  std::string plugin;
  std::string checker;
  sdk::RuleInfo rule;
};

int run_rules(const GlobalOptions& global, const std::string& format) {
  try {
    const config::Config cfg = effective_config(global);
    auto quiet = std::make_shared<spdlog::logger>("plugins", std::make_shared<spdlog::sinks::null_sink_mt>());
    plugin_host::LoadOptions load;
    load.parameters = cfg.plugins.parameters;
    load.disabled = cfg.plugins.disabled;
    load.allow_writable = cfg.plugins.allow_writable;
    const auto plugins = plugin_host::PluginSet::load_directory(cfg.plugins.directory, load, quiet);

    std::vector<RuleRow> rows;
    for (const auto& ref : plugins.checkers())
      for (const auto& rule : ref.info().rules)
        rows.push_back({ref.plugin_name(), ref.qualified_name(), rule});
    rows.push_back({"carewatch", std::string(engine::kHealthChecker), engine::plugin_disabled_rule()});

    for (const auto& r : rows) {
      if (format == "json") {
        sdk::Array roles;
        for (const auto& role : r.rule.roles) roles.emplace_back(role);
        std::cout << sdk::Value::object({
                                            {"id", r.rule.id},
                                            {"title", r.rule.title},
                                            {"plugin", r.plugin},
                                            {"checker", r.checker},
                                            {"clause", r.rule.clause},
                                            {"severity", std::string(sdk::to_string(r.rule.severity))},
                                            {"roles", sdk::Value(std::move(roles))},
                                            {"believed", r.rule.believed},
                                        })
                         .to_json()
                  << "\n";
      } else {
        std::cout << r.rule.id << "  " << sdk::to_string(r.rule.severity) << "  " << r.checker << "  "
                  << r.rule.clause << (r.rule.believed ? " (believed)" : "") << "  roles ";
        for (std::size_t i = 0; i < r.rule.roles.size(); ++i) std::cout << (i ? "," : "") << r.rule.roles[i];
        std::cout << "\n      " << r.rule.title << "\n";
      }
    }
    if (format != "json") std::cout << rows.size() << (rows.size() == 1 ? " rule" : " rules") << "\n";
    std::cout.flush();
    for (const auto& p : plugins.problems())
      std::cerr << "carewatch rules: plugin " << p.file.string() << ": " << p.reason << "\n";
    return kExitOk;
  } catch (const std::exception& e) {
    std::cerr << "carewatch rules: " << e.what() << "\n";
    return kExitUsage;
  }
}

}  // namespace

void add_rules_command(CLI::App& app, GlobalOptions& global, int& exit_code) {
  auto format = std::make_shared<std::string>("text");
  CLI::App* sub = app.add_subcommand("rules", "List every rule of every loaded plugin");
  sub->fallthrough();
  sub->add_option("--format", *format, "Output format")->check(CLI::IsMember({"text", "json"}));
  sub->callback([&global, &exit_code, format] { exit_code = run_rules(global, *format); });
}

}  // namespace carewatch::cli
