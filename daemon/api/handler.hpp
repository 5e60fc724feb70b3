#pragma once
// Handler: the HTTP API's routes, authentication, rate limiting and JSON, without any networking, so
// that it can be read and tested apart from Beast. The Server (server.hpp) reads requests off the
// wire and calls it in two phases:
//
//   admit(head)          with the request line and headers only: routing (404/405), rate limit (429),
//                        token and role (401/403), declared body size (413). A non-empty answer is
//                        sent as it is and the body is never read.
//   handle(admission, request)  with the whole body: does the work and answers.
//
// Writes use the Handler's own store connection (`db`), on the service's event loop thread: the
// engine notices API-ingested records through PRAGMA data_version exactly as it notices records
// imported by `carewatch import`, and Hooks::records_ingested lets the service look at once.
//
// Thread-safety: none; one Handler is used from the event loop only.

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <carewatch/sdk/finding.hpp>
#include <carewatch/sdk/time.hpp>

#include "api/rate_limiter.hpp"
#include "api/token_table.hpp"
#include "config/config.hpp"
#include "plugin_host/plugin_set.hpp"
#include "store/database.hpp"

namespace spdlog {
class logger;
}

namespace carewatch::api {

struct Request {
  std::string method;         // "GET", "POST", ...
  std::string target;         // path and query as sent, e.g. "/v1/escalations?state=open"
  std::string authorization;  // the Authorization header; empty when absent
  std::string remote;         // the peer's address, for rate limiting callers without a token
  std::optional<std::uint64_t> content_length;  // absent for chunked bodies
  std::string body;           // filled for handle() only
};

struct Response {
  unsigned status = 200;
  std::string content_type = "application/json";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;  // e.g. WWW-Authenticate, Retry-After
};

// One rule of a loaded checker, for GET /v1/rules.
struct RuleRow {
  std::string plugin;
  std::string checker;  // "<plugin>/<checker>"
  sdk::RuleInfo rule;
};

// What the API asks of the running service. Every member may be empty (treated as "not ready",
// "none", or a no-op).
struct Hooks {
  std::function<bool()> ready;  // the store is open and the plugins loaded
  std::function<std::vector<RuleRow>()> rules;
  std::function<std::vector<plugin_host::PluginSummary>()> plugins;
  std::function<void()> records_ingested;  // called after a request stored new revisions
  std::function<std::string()> metrics;    // Prometheus text; default metrics::registry().render()
  std::function<sdk::TimePoint()> clock;   // "now" for escalation actions; default the system clock
};

enum class Route {
  healthz,
  readyz,
  metrics,
  records,
  escalations,
  escalation,
  escalation_action,
  rules,
  plugins,
};

// What admit() found out about a request it let through.
struct Admission {
  Route route = Route::healthz;
  std::optional<Principal> principal;  // empty on public routes
  std::int64_t escalation = 0;         // {id} of /v1/escalations/{id}[/action]
  std::string action;                  // ack, resolve or silence
};

class Handler {
 public:
  // `db` is the API's own connection to the store. `log` may be null.
  Handler(const config::ApiConfig& cfg, std::shared_ptr<store::Database> db, Hooks hooks,
          std::shared_ptr<spdlog::logger> log);
  ~Handler();
  Handler(const Handler&) = delete;
  Handler& operator=(const Handler&) = delete;

  // Phase one, headers only. nullopt: read the body and call handle(); otherwise send this answer
  // (and do not read the body).
  std::optional<Response> admit(const Request& head, Admission& admission,
                                RateLimiter::Clock::time_point now = RateLimiter::Clock::now());
  // Phase two. Never throws: a store failure is a 503.
  Response handle(const Admission& admission, const Request& request);

  const config::ApiConfig& config() const noexcept { return cfg_; }
  const std::shared_ptr<store::Database>& database() const noexcept { return db_; }

  // {"error": code, "message": message} with `status`.
  static Response error(unsigned status, std::string_view code, std::string_view message);

 private:
  Response records(const Principal& who, const Request& request);
  Response escalations(std::string_view query);
  Response escalation(std::int64_t id);
  Response act(const Principal& who, std::int64_t id, const std::string& action, std::string_view body);
  Response rules();
  Response plugins();
  Response readyz();
  Response metrics();

  config::ApiConfig cfg_;
  std::shared_ptr<store::Database> db_;
  Hooks hooks_;
  std::shared_ptr<spdlog::logger> log_;
  TokenTable tokens_;
  RateLimiter limiter_;
};

}  // namespace carewatch::api
