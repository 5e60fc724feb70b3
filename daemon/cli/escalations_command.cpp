// `carewatch escalations list|show|ack|resolve|silence`: the escalation lifecycle from a shell.
#include <CLI/CLI.hpp>

#include <chrono>
#include <cstdint>
#include <exception>
#include <filesystem>
#include <functional>
#include <iostream>
#include <memory>
#include <optional>
#include <string>

#include <carewatch/sdk/finding.hpp>
#include <carewatch/sdk/time.hpp>
#include <carewatch/sdk/value.hpp>

#include "cli/commands.hpp"
#include "cli/options.hpp"
#include "escalation/escalation_store.hpp"
#include "routing/ladder.hpp"
#include "routing/router.hpp"
#include "store/database.hpp"

namespace carewatch::cli {
namespace {

using escalation::Escalation;
using escalation::EscalationError;
using escalation::EscalationStore;

struct EscalationsOptions {
  // list
  std::string state;
  std::string rule;
  std::string home;
  std::string severity;
  std::string format = "text";
  std::size_t limit = 1000;
  // show, ack, resolve, silence
  std::int64_t id = 0;
  std::string by;
  std::string reason;
  std::string until;
};

sdk::TimePoint now() {
  return std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
}

sdk::Value opt_text(const std::string& s) {
  return s.empty() ? sdk::Value() : sdk::Value(s);
}
sdk::Value opt_time(const std::optional<sdk::TimePoint>& t) {
  return t ? sdk::Value(sdk::format_timestamp(*t)) : sdk::Value();
}
sdk::Value list(const std::vector<std::string>& items) {
  sdk::Array a;
  for (const auto& s : items) a.emplace_back(s);
  return sdk::Value(std::move(a));
}

sdk::Value to_value(const Escalation& e) {
  return sdk::Value::object({
      {"id", e.id},
      {"state", std::string(escalation::to_string(e.state))},
      {"rule", e.rule},
      {"severity", std::string(sdk::to_string(e.severity))},
      {"regulation", e.regulation},
      {"home", opt_text(e.home)},
      {"child", opt_text(e.child)},
      {"staff", opt_text(e.staff)},
      {"evidence", list(e.evidence)},
      {"due_at", opt_time(e.due_at)},
      {"summary", e.summary},
      {"escalate_to", list(e.escalate_to)},
      {"fingerprint", e.fingerprint},
      {"subject", e.subject_key},
      {"checker", e.checker},
      {"opened_at", sdk::format_timestamp(e.opened_at)},
      {"updated_at", sdk::format_timestamp(e.updated_at)},
      {"resolved_at", opt_time(e.resolved_at)},
      {"resolved_by", opt_text(e.resolved_by)},
      {"silenced_until", opt_time(e.silenced_until)},
  });
}

sdk::Value to_value(const escalation::Event& ev) {
  auto state = [](const std::optional<escalation::State>& s) {
    return s ? sdk::Value(std::string(escalation::to_string(*s))) : sdk::Value();
  };
  return sdk::Value::object({
      {"at", sdk::format_timestamp(ev.at)},
      {"type", ev.type},
      {"actor", ev.actor},
      {"reason", opt_text(ev.reason)},
      {"from", state(ev.from_state)},
      {"to", state(ev.to_state)},
      {"until", opt_time(ev.until)},
  });
}

void print_line(const Escalation& e) {
  std::cout << "#" << e.id << "  " << escalation::to_string(e.state) << "  " << sdk::to_string(e.severity)
            << "  " << e.rule;
  if (!e.home.empty()) std::cout << "  home " << e.home;
  if (!e.child.empty()) std::cout << "  child " << e.child;
  if (!e.staff.empty()) std::cout << "  staff " << e.staff;
  if (e.due_at) std::cout << "  due " << sdk::format_timestamp(*e.due_at);
  if (e.silenced_until) std::cout << "  silenced until " << sdk::format_timestamp(*e.silenced_until);
  std::cout << "  opened " << sdk::format_timestamp(e.opened_at) << "\n";
}

void print_details(const Escalation& e, const std::vector<escalation::Event>& events) {
  print_line(e);
  std::cout << "  regulation:  " << e.regulation << "\n";
  std::cout << "  summary:     " << e.summary << "\n";
  std::cout << "  evidence:    ";
  for (std::size_t i = 0; i < e.evidence.size(); ++i) std::cout << (i ? "," : "") << e.evidence[i];
  std::cout << "\n  escalate to: ";
  for (std::size_t i = 0; i < e.escalate_to.size(); ++i) std::cout << (i ? "," : "") << e.escalate_to[i];
  std::cout << "\n  subject:     " << e.subject_key << " (" << e.checker << ")\n";
  std::cout << "  fingerprint: " << e.fingerprint << "\n";
  if (e.resolved_at)
    std::cout << "  resolved:    " << sdk::format_timestamp(*e.resolved_at) << " by " << e.resolved_by
              << "\n";
  std::cout << "  events:\n";
  for (const auto& ev : events) {
    std::cout << "    " << sdk::format_timestamp(ev.at) << "  " << ev.type << "  by " << ev.actor;
    if (ev.from_state && ev.to_state && *ev.from_state != *ev.to_state)
      std::cout << "  " << escalation::to_string(*ev.from_state) << " -> "
                << escalation::to_string(*ev.to_state);
    if (ev.until) std::cout << "  until " << sdk::format_timestamp(*ev.until);
    if (!ev.reason.empty()) std::cout << "  reason: " << ev.reason;
    std::cout << "\n";
  }
}

// Opens the configured database; null (after printing why) when it does not exist, so that a
// mistyped --db never creates an empty store.
std::unique_ptr<store::Database> open(const GlobalOptions& global, store::OpenMode mode) {
  const config::Config cfg = effective_config(global);
  if (!std::filesystem::exists(cfg.store.database)) {
    std::cerr << "carewatch escalations: cannot open database " << cfg.store.database.string()
              << ": no such file\n";
    return nullptr;
  }
  return std::make_unique<store::Database>(cfg.store.database, mode);
}

// Runs `body` and turns every error into a message and exit code 2.
int guarded(const char* what, const std::function<int()>& body) {
  try {
    return body();
  } catch (const std::exception& e) {
    std::cerr << "carewatch escalations " << what << ": " << e.what() << "\n";
  }
  return kExitUsage;
}

int run_list(const GlobalOptions& global, const EscalationsOptions& o) {
  return guarded("list", [&] {
    escalation::ListFilter filter;
    if (!o.state.empty()) filter.state = escalation::parse_state(o.state);
    if (!o.rule.empty()) filter.rule = o.rule;
    if (!o.home.empty()) filter.home = o.home;
    if (!o.severity.empty()) filter.severity = sdk::parse_severity(o.severity);
    filter.limit = o.limit;
    auto db = open(global, store::OpenMode::read_only);
    if (!db) return kExitUsage;
    EscalationStore store(*db);
    const auto found = store.list(filter);
    for (const auto& e : found) {
      if (o.format == "json")
        std::cout << to_value(e).to_json() << "\n";
      else
        print_line(e);
    }
    if (o.format != "json")
      std::cout << found.size() << (found.size() == 1 ? " escalation" : " escalations") << "\n";
    return kExitOk;
  });
}

int run_show(const GlobalOptions& global, const EscalationsOptions& o) {
  return guarded("show", [&] {
    auto db = open(global, store::OpenMode::read_only);
    if (!db) return kExitUsage;
    EscalationStore store(*db);
    const auto e = store.get(o.id);
    if (!e)
      throw EscalationError(EscalationError::Code::not_found,
                            "escalation " + std::to_string(o.id) + " does not exist");
    const auto events = store.events(o.id);
    if (o.format == "json") {
      sdk::Value v = to_value(*e);
      sdk::Array log;
      for (const auto& ev : events) log.push_back(to_value(ev));
      v.set("events", sdk::Value(std::move(log)));
      std::cout << v.to_json() << "\n";
    } else {
      print_details(*e, events);
    }
    return kExitOk;
  });
}

// ack, resolve and silence: one transaction each, the state change, its event and the messages it
// causes (routing::Ladder: "closed" to everyone told) together.
int run_action(const GlobalOptions& global, const char* what,
               const std::function<Escalation(routing::Ladder&, sdk::TimePoint)>& action) {
  return guarded(what, [&] {
    auto db = open(global, store::OpenMode::read_write);
    if (!db) return kExitUsage;
    const config::Config cfg = effective_config(global);
    const routing::Router router(cfg.contacts, cfg.routing);
    routing::Ladder ladder(*db, router);
    store::Transaction tx(*db);
    const Escalation e = action(ladder, now());
    tx.commit();
    std::cout << "escalation " << e.id << " is now " << escalation::to_string(e.state);
    if (e.silenced_until) std::cout << " until " << sdk::format_timestamp(*e.silenced_until);
    std::cout << "\n";
    return kExitOk;
  });
}

}  // namespace

void add_escalations_command(CLI::App& app, GlobalOptions& global, int& exit_code) {
  auto o = std::make_shared<EscalationsOptions>();
  CLI::App* sub =
      app.add_subcommand("escalations", "List, show, acknowledge, resolve or silence escalations");
  sub->require_subcommand(1);
  sub->fallthrough();

  CLI::App* ls = sub->add_subcommand("list", "List escalations (all states unless --state)");
  ls->fallthrough();
  ls->add_option("--state", o->state, "open, acknowledged, silenced or resolved")
      ->check(CLI::IsMember({"open", "acknowledged", "silenced", "resolved"}));
  ls->add_option("--rule", o->rule, "Only this rule id");
  ls->add_option("--home", o->home, "Only this home id");
  ls->add_option("--severity", o->severity, "Only this severity")
      ->check(CLI::IsMember({"low", "medium", "high", "critical"}));
  ls->add_option("--limit", o->limit, "At most this many (oldest first)")->check(CLI::PositiveNumber);
  ls->add_option("--format", o->format, "Output format")->check(CLI::IsMember({"text", "json"}));
  ls->callback([&global, &exit_code, o] { exit_code = run_list(global, *o); });

  CLI::App* show = sub->add_subcommand("show", "Show one escalation with its event log");
  show->fallthrough();
  show->add_option("id", o->id, "Escalation id")->required();
  show->add_option("--format", o->format, "Output format")->check(CLI::IsMember({"text", "json"}));
  show->callback([&global, &exit_code, o] { exit_code = run_show(global, *o); });

  auto add_person_options = [&](CLI::App* cmd) {
    cmd->fallthrough();
    cmd->add_option("id", o->id, "Escalation id")->required();
    cmd->add_option("--by", o->by, "Who is acting (a staff or user id)")->required();
    cmd->add_option("--reason", o->reason, "Why")->required();
  };

  CLI::App* ack = sub->add_subcommand("ack", "Acknowledge an open or silenced escalation");
  add_person_options(ack);
  ack->callback([&global, &exit_code, o] {
    exit_code = run_action(global, "ack", [o](routing::Ladder& s, sdk::TimePoint t) {
      return s.acknowledge(o->id, o->by, o->reason, t);
    });
  });

  CLI::App* resolve = sub->add_subcommand("resolve", "Resolve an escalation");
  add_person_options(resolve);
  resolve->callback([&global, &exit_code, o] {
    exit_code = run_action(global, "resolve", [o](routing::Ladder& s, sdk::TimePoint t) {
      return s.resolve(o->id, o->by, o->reason, t);
    });
  });

  CLI::App* silence = sub->add_subcommand("silence", "Silence an escalation until a time");
  add_person_options(silence);
  silence->add_option("--until", o->until, "RFC 3339 timestamp with an offset")->required();
  silence->callback([&global, &exit_code, o] {
    const auto until = sdk::parse_timestamp(o->until);
    if (!until) {
      std::cerr << "carewatch escalations silence: --until: \"" << o->until
                << "\" is not an RFC 3339 timestamp with an offset (e.g. 2025-03-01T21:40:00Z)\n";
      exit_code = kExitUsage;
      return;
    }
    exit_code = run_action(global, "silence", [o, until](routing::Ladder& s, sdk::TimePoint t) {
      return s.silence(o->id, o->by, o->reason, *until, t);
    });
  });
}

}  // namespace carewatch::cli
