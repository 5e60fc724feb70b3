// `carewatch outbox list|show|retry`: the outgoing messages and their delivery from a shell. Bodies and
// payloads are never printed (they go to recipients only); subjects, ids and delivery state are.
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

#include <carewatch/sdk/time.hpp>
#include <carewatch/sdk/value.hpp>

#include "cli/commands.hpp"
#include "cli/options.hpp"
#include "outbox/outbox_store.hpp"
#include "store/database.hpp"

namespace carewatch::cli {
namespace {

using outbox::Message;
using outbox::OutboxStore;

struct OutboxOptions {
  std::string state;
  std::int64_t escalation = 0;
  std::string format = "text";
  int limit = 100;
  std::int64_t id = 0;
  std::string by;
  std::string reason;
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

sdk::Value to_value(const Message& m) {
  sdk::Array escalations;
  for (const auto eid : m.escalations) escalations.emplace_back(eid);
  return sdk::Value::object({
      {"id", m.id},
      {"idempotency_key", m.idempotency_key},
      {"state", std::string(outbox::to_string(m.state))},
      {"channel", std::string(outbox::to_string(m.channel))},
      {"recipient", m.recipient},
      {"role", m.role},
      {"home", opt_text(m.home)},
      {"kind", m.kind},
      {"level", m.level},
      {"escalations", sdk::Value(std::move(escalations))},
      {"subject", m.subject},
      {"created_at", sdk::format_timestamp(m.created_at)},
      {"attempts", m.attempts},
      {"next_attempt_at", opt_time(m.next_attempt_at)},
      {"delivered_at", opt_time(m.delivered_at)},
      {"last_error", opt_text(m.last_error)},
  });
}

sdk::Value to_value(const outbox::OutboxEvent& ev) {
  return sdk::Value::object({
      {"at", sdk::format_timestamp(ev.at)},
      {"type", ev.type},
      {"actor", ev.actor},
      {"reason", opt_text(ev.reason)},
      {"attempt", ev.attempt},
  });
}

std::string ids(const std::vector<std::int64_t>& v) {
  std::string out;
  for (std::size_t i = 0; i < v.size(); ++i) out += (i ? "," : "") + std::to_string(v[i]);
  return out;
}

void print_line(const Message& m) {
  std::cout << "#" << m.id << "  " << outbox::to_string(m.state) << "  " << outbox::to_string(m.channel)
            << "  " << m.kind << "  role " << m.role << "  escalations " << ids(m.escalations)
            << "  attempts " << m.attempts;
  if (m.state == outbox::DeliveryState::pending && m.next_attempt_at)
    std::cout << "  next " << sdk::format_timestamp(*m.next_attempt_at);
  if (m.delivered_at) std::cout << "  delivered " << sdk::format_timestamp(*m.delivered_at);
  if (!m.last_error.empty() && m.state != outbox::DeliveryState::delivered)
    std::cout << "  last error: " << m.last_error;
  std::cout << "\n";
}

void print_details(const Message& m, const std::vector<outbox::OutboxEvent>& events) {
  print_line(m);
  std::cout << "  key:         " << m.idempotency_key << "\n";
  std::cout << "  recipient:   " << m.recipient << "\n";
  if (!m.home.empty()) std::cout << "  home:        " << m.home << "\n";
  std::cout << "  level:       " << m.level << "\n";
  std::cout << "  subject:     " << m.subject << "\n";
  std::cout << "  created:     " << sdk::format_timestamp(m.created_at) << "\n";
  std::cout << "  events:\n";
  for (const auto& ev : events) {
    std::cout << "    " << sdk::format_timestamp(ev.at) << "  " << ev.type << "  attempt " << ev.attempt
              << "  by " << ev.actor;
    if (!ev.reason.empty()) std::cout << "  reason: " << ev.reason;
    std::cout << "\n";
  }
}

// Opens the configured database; null (after printing why) when it does not exist, so that a
// mistyped --db never creates an empty store.
std::unique_ptr<store::Database> open(const GlobalOptions& global, store::OpenMode mode) {
  const config::Config cfg = effective_config(global);
  if (!std::filesystem::exists(cfg.store.database)) {
    std::cerr << "carewatch outbox: cannot open database " << cfg.store.database.string()
              << ": no such file\n";
    return nullptr;
  }
  return std::make_unique<store::Database>(cfg.store.database, mode);
}

int guarded(const char* what, const std::function<int()>& body) {
  try {
    return body();
  } catch (const std::exception& e) {
    std::cerr << "carewatch outbox " << what << ": " << e.what() << "\n";
  }
  return kExitUsage;
}

int run_list(const GlobalOptions& global, const OutboxOptions& o) {
  return guarded("list", [&] {
    outbox::ListFilter filter;
    if (!o.state.empty()) filter.state = outbox::parse_delivery_state(o.state);
    if (o.escalation > 0) filter.escalation = o.escalation;
    filter.limit = o.limit;
    auto db = open(global, store::OpenMode::read_only);
    if (!db) return kExitUsage;
    OutboxStore store(*db);
    const auto found = store.list(filter);
    for (const auto& m : found) {
      if (o.format == "json")
        std::cout << to_value(m).to_json() << "\n";
      else
        print_line(m);
    }
    if (o.format != "json")
      std::cout << found.size() << (found.size() == 1 ? " message" : " messages") << "\n";
    return kExitOk;
  });
}

int run_show(const GlobalOptions& global, const OutboxOptions& o) {
  return guarded("show", [&] {
    auto db = open(global, store::OpenMode::read_only);
    if (!db) return kExitUsage;
    OutboxStore store(*db);
    const auto m = store.get(o.id);
    if (!m) throw outbox::OutboxError("no outbox message " + std::to_string(o.id));
    const auto events = store.events(o.id);
    if (o.format == "json") {
      sdk::Value v = to_value(*m);
      sdk::Array log;
      for (const auto& ev : events) log.push_back(to_value(ev));
      v.set("events", sdk::Value(std::move(log)));
      std::cout << v.to_json() << "\n";
    } else {
      print_details(*m, events);
    }
    return kExitOk;
  });
}

int run_retry(const GlobalOptions& global, const OutboxOptions& o) {
  return guarded("retry", [&] {
    auto db = open(global, store::OpenMode::read_write);
    if (!db) return kExitUsage;
    OutboxStore store(*db);
    store.retry(o.id, o.by, o.reason, now());
    // The daemon finds it within its [outbox] poll interval.
    std::cout << "outbox message " << o.id << " is pending again\n";
    return kExitOk;
  });
}

}  // namespace

void add_outbox_command(CLI::App& app, GlobalOptions& global, int& exit_code) {
  auto o = std::make_shared<OutboxOptions>();
  CLI::App* sub = app.add_subcommand("outbox", "List or show outgoing messages, or retry a dead one");
  sub->require_subcommand(1);
  sub->fallthrough();

  CLI::App* ls =
      sub->add_subcommand("list", "List outgoing messages, newest first (all states unless --state)");
  ls->fallthrough();
  ls->add_option("--state", o->state, "pending, delivered or dead")
      ->check(CLI::IsMember({"pending", "delivered", "dead"}));
  ls->add_option("--escalation", o->escalation, "Only messages about this escalation id")
      ->check(CLI::PositiveNumber);
  ls->add_option("--limit", o->limit, "At most this many")->check(CLI::PositiveNumber);
  ls->add_option("--format", o->format, "Output format")->check(CLI::IsMember({"text", "json"}));
  ls->callback([&global, &exit_code, o] { exit_code = run_list(global, *o); });

  CLI::App* show =
      sub->add_subcommand("show", "Show one message's delivery and its event log (never its body)");
  show->fallthrough();
  show->add_option("id", o->id, "Outbox message id")->required();
  show->add_option("--format", o->format, "Output format")->check(CLI::IsMember({"text", "json"}));
  show->callback([&global, &exit_code, o] { exit_code = run_show(global, *o); });

  CLI::App* retry =
      sub->add_subcommand("retry", "Send a dead message again (pending, a fresh retry schedule)");
  retry->fallthrough();
  retry->add_option("id", o->id, "Outbox message id")->required();
  retry->add_option("--by", o->by, "Who is acting (a staff or user id)")->required();
  retry->add_option("--reason", o->reason, "Why")->required();
  retry->callback([&global, &exit_code, o] { exit_code = run_retry(global, *o); });
}

}  // namespace carewatch::cli
