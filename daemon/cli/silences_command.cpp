// `carewatch silences add|list|end`: silence rules by rule, home, child or fingerprint.
#include <CLI/CLI.hpp>

#include <chrono>
#include <exception>
#include <filesystem>
#include <functional>
#include <iostream>
#include <memory>
#include <string>

#include <carewatch/sdk/time.hpp>
#include <carewatch/sdk/value.hpp>

#include "cli/commands.hpp"
#include "cli/options.hpp"
#include "config/config.hpp"
#include "routing/ladder.hpp"
#include "routing/router.hpp"
#include "store/database.hpp"

namespace carewatch::cli {
namespace {

struct SilencesOptions {
  routing::SilenceRule rule;
  std::string until;
  std::string for_duration;
  std::int64_t id = 0;
  std::string by;
  std::string reason;
  bool all = false;
  std::string format = "text";
};

sdk::TimePoint now() {
  return std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
}

// Runs `body` with the configured database and a ladder over it; every error becomes a message and
// exit code 2. A missing database is an error, so that a mistyped --db never creates an empty store.
int with_ladder(const GlobalOptions& global, const char* what,
                const std::function<int(store::Database&, routing::Ladder&)>& body) {
  try {
    const config::Config cfg = effective_config(global);
    if (!std::filesystem::exists(cfg.store.database)) {
      std::cerr << "carewatch silences " << what << ": cannot open database " << cfg.store.database.string()
                << ": no such file\n";
      return kExitUsage;
    }
    store::Database db(cfg.store.database);
    const routing::Router router(cfg.contacts, cfg.routing);
    routing::Ladder ladder(db, router);
    return body(db, ladder);
  } catch (const std::exception& e) {
    std::cerr << "carewatch silences " << what << ": " << e.what() << "\n";
  }
  return kExitUsage;
}

std::string ids(const std::vector<std::int64_t>& list) {
  std::string out;
  for (const auto id : list) out += (out.empty() ? "" : ", ") + std::to_string(id);
  return out.empty() ? "none" : out;
}

int run_add(const GlobalOptions& global, SilencesOptions o) {
  const auto t = now();
  if (o.until.empty() == o.for_duration.empty()) {
    std::cerr << "carewatch silences add: give exactly one of --until and --for\n";
    return kExitUsage;
  }
  if (!o.until.empty()) {
    const auto until = sdk::parse_timestamp(o.until);
    if (!until) {
      std::cerr << "carewatch silences add: --until: \"" << o.until
                << "\" is not an RFC 3339 timestamp with an offset (e.g. 2025-03-01T21:40:00Z)\n";
      return kExitUsage;
    }
    o.rule.expires_at = *until;
  } else {
    const auto d = config::parse_duration(o.for_duration);
    if (!d) {
      std::cerr << "carewatch silences add: --for: \"" << o.for_duration
                << "\" is not a duration such as 30m, 4h, 2d or 1h30m\n";
      return kExitUsage;
    }
    o.rule.expires_at = t + *d;
  }
  o.rule.author = o.by;
  o.rule.reason = o.reason;
  return with_ladder(global, "add", [&](store::Database& db, routing::Ladder& ladder) {
    store::Transaction tx(db);
    const auto [id, silenced] = ladder.add_silence_rule(o.rule, t);
    tx.commit();
    std::cout << "silence rule " << id << " (" << o.rule.describe() << ") until "
              << sdk::format_timestamp(o.rule.expires_at) << "; escalations silenced now: " << ids(silenced)
              << "\n";
    return kExitOk;
  });
}

int run_list(const GlobalOptions& global, const SilencesOptions& o) {
  return with_ladder(global, "list", [&](store::Database&, routing::Ladder& ladder) {
    const auto t = now();
    const auto rules = ladder.silence_rules().list(t, o.all);
    for (const auto& r : rules) {
      const std::string status = r.ended_at ? "ended" : r.active(t) ? "active" : "expired";
      if (o.format == "json") {
        auto opt = [](const std::string& s) { return s.empty() ? sdk::Value() : sdk::Value(s); };
        std::cout << sdk::Value::object(
                         {
                             {"id", r.id},
                             {"status", status},
                             {"rule", opt(r.rule)},
                             {"home", opt(r.home)},
                             {"child", opt(r.child)},
                             {"fingerprint", opt(r.fingerprint)},
                             {"author", r.author},
                             {"reason", r.reason},
                             {"created_at", sdk::format_timestamp(r.created_at)},
                             {"expires_at", sdk::format_timestamp(r.expires_at)},
                             {"ended_at",
                              r.ended_at ? sdk::Value(sdk::format_timestamp(*r.ended_at)) : sdk::Value()},
                             {"ended_by", opt(r.ended_by)},
                         })
                         .to_json()
                  << "\n";
      } else {
        std::cout << "#" << r.id << "  " << status << "  " << r.describe() << "  until "
                  << sdk::format_timestamp(r.expires_at) << "  by " << r.author << "  reason: " << r.reason;
        if (r.ended_at) std::cout << "  ended " << sdk::format_timestamp(*r.ended_at) << " by " << r.ended_by;
        std::cout << "\n";
      }
    }
    if (o.format != "json")
      std::cout << rules.size() << (rules.size() == 1 ? " silence rule" : " silence rules") << "\n";
    return kExitOk;
  });
}

int run_end(const GlobalOptions& global, const SilencesOptions& o) {
  return with_ladder(global, "end", [&](store::Database& db, routing::Ladder& ladder) {
    store::Transaction tx(db);
    const auto resumed = ladder.end_silence_rule(o.id, o.by, o.reason, now());
    tx.commit();
    std::cout << "silence rule " << o.id << " ended; escalations no longer silenced: " << ids(resumed)
              << "\n";
    return kExitOk;
  });
}

}  // namespace

void add_silences_command(CLI::App& app, GlobalOptions& global, int& exit_code) {
  auto o = std::make_shared<SilencesOptions>();
  CLI::App* sub = app.add_subcommand("silences", "Add, list or end silence rules");
  sub->require_subcommand(1);
  sub->fallthrough();

  CLI::App* add = sub->add_subcommand(
      "add", "Silence every live and future escalation matching all the given matchers, until an expiry");
  add->fallthrough();
  add->add_option("--rule", o->rule.rule, "Rule id");
  add->add_option("--home", o->rule.home, "Home id");
  add->add_option("--child", o->rule.child, "Child id");
  add->add_option("--fingerprint", o->rule.fingerprint, "One finding's fingerprint");
  add->add_option("--by", o->by, "Who is silencing (a staff or user id)")->required();
  add->add_option("--reason", o->reason, "Why")->required();
  add->add_option("--until", o->until, "Expiry: an RFC 3339 timestamp with an offset");
  add->add_option("--for", o->for_duration, "Expiry from now: 30m, 4h, 2d, 1h30m");
  add->callback([&global, &exit_code, o] { exit_code = run_add(global, *o); });

  CLI::App* ls = sub->add_subcommand("list", "List active silence rules (--all: expired and ended too)");
  ls->fallthrough();
  ls->add_flag("--all", o->all, "Include expired and ended rules");
  ls->add_option("--format", o->format, "Output format")->check(CLI::IsMember({"text", "json"}));
  ls->callback([&global, &exit_code, o] { exit_code = run_list(global, *o); });

  CLI::App* end = sub->add_subcommand("end", "End a silence rule before its expiry");
  end->fallthrough();
  end->add_option("id", o->id, "Silence rule id")->required();
  end->add_option("--by", o->by, "Who is ending it")->required();
  end->add_option("--reason", o->reason, "Why")->required();
  end->callback([&global, &exit_code, o] { exit_code = run_end(global, *o); });
}

}  // namespace carewatch::cli
