#include "api/handler.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <charconv>
#include <exception>
#include <variant>

#include <carewatch/sdk/json.hpp>
#include <carewatch/sdk/value.hpp>

#include "escalation/escalation_store.hpp"
#include "ingest/importer.hpp"

#ifdef CAREWATCH_API_METRICS
#include "metrics/registry.hpp"
#endif

namespace carewatch::api {
namespace {

using escalation::EscalationError;
using escalation::EscalationStore;

constexpr std::size_t kDefaultListLimit = 100;
constexpr std::size_t kMaxListLimit = 1000;

struct RouteMatch {
  Route route;
  std::int64_t id = 0;
  std::string action;
};

// Which routes need which role; nullopt: public.
std::optional<Role> required_role(Route route) {
  switch (route) {
    case Route::healthz:
    case Route::readyz:
      return std::nullopt;
    case Route::records:
      return Role::ingest;
    case Route::escalation_action:
      return Role::act;
    case Route::metrics:
    case Route::escalations:
    case Route::escalation:
    case Route::rules:
    case Route::plugins:
      return Role::read;
  }
  return Role::admin;
}

std::string_view method_of(Route route) {
  return route == Route::records || route == Route::escalation_action ? "POST" : "GET";
}

std::optional<std::int64_t> parse_id(std::string_view text) {
  std::int64_t v = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || end != text.data() + text.size() || v <= 0) return std::nullopt;
  return v;
}

// Matches the path; nullopt: no such resource. `bad_id` is set for /v1/escalations/<not a number>.
std::optional<RouteMatch> match(std::string_view path, bool& bad_id) {
  if (path == "/healthz") return RouteMatch{Route::healthz, 0, {}};
  if (path == "/readyz") return RouteMatch{Route::readyz, 0, {}};
  if (path == "/metrics") return RouteMatch{Route::metrics, 0, {}};
  if (path == "/v1/records") return RouteMatch{Route::records, 0, {}};
  if (path == "/v1/rules") return RouteMatch{Route::rules, 0, {}};
  if (path == "/v1/plugins") return RouteMatch{Route::plugins, 0, {}};
  if (path == "/v1/escalations") return RouteMatch{Route::escalations, 0, {}};
  constexpr std::string_view kPrefix = "/v1/escalations/";
  if (!path.starts_with(kPrefix)) return std::nullopt;
  std::string_view rest = path.substr(kPrefix.size());
  const auto slash = rest.find('/');
  const std::string_view id_text = rest.substr(0, slash);
  std::string action;
  if (slash != std::string_view::npos) {
    action = std::string(rest.substr(slash + 1));
    if (action != "ack" && action != "resolve" && action != "silence") return std::nullopt;
  }
  const auto id = parse_id(id_text);
  if (!id) {
    bad_id = true;
    return std::nullopt;
  }
  return RouteMatch{action.empty() ? Route::escalation : Route::escalation_action, *id, action};
}

// application/x-www-form-urlencoded decoding of one query component; nullopt on a bad escape.
std::optional<std::string> url_decode(std::string_view in) {
  std::string out;
  out.reserve(in.size());
  for (std::size_t i = 0; i < in.size(); ++i) {
    const char c = in[i];
    if (c == '+') {
      out += ' ';
    } else if (c == '%') {
      if (i + 2 >= in.size()) return std::nullopt;
      unsigned v = 0;
      const auto [end, ec] = std::from_chars(in.data() + i + 1, in.data() + i + 3, v, 16);
      if (ec != std::errc() || end != in.data() + i + 3) return std::nullopt;
      out += static_cast<char>(v);
      i += 2;
    } else {
      out += c;
    }
  }
  return out;
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

// The same shape as `carewatch escalations list --format json`.
sdk::Value to_value(const escalation::Escalation& e) {
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

Response json(unsigned status, const sdk::Value& v) {
  Response r;
  r.status = status;
  r.body = v.to_json() + "\n";
  return r;
}

Response unauthorized(std::string_view message, bool invalid_token) {
  Response r = Handler::error(401, "unauthorized", message);
  r.headers.emplace_back("WWW-Authenticate", invalid_token ? R"(Bearer realm="carewatch", error="invalid_token")"
                                                           : R"(Bearer realm="carewatch")");
  return r;
}

// The token of "Authorization: Bearer <token>"; empty when the header is absent or another scheme.
std::string_view bearer_token(std::string_view header) {
  constexpr std::string_view kScheme = "bearer ";
  if (header.size() <= kScheme.size()) return {};
  for (std::size_t i = 0; i < kScheme.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(header[i])) != kScheme[i]) return {};
  std::string_view token = header.substr(kScheme.size());
  while (!token.empty() && token.front() == ' ') token.remove_prefix(1);
  while (!token.empty() && (token.back() == ' ' || token.back() == '\t')) token.remove_suffix(1);
  return token;
}

std::string_view route_label(Route route) {
  switch (route) {
    case Route::healthz:
      return "healthz";
    case Route::readyz:
      return "readyz";
    case Route::metrics:
      return "metrics";
    case Route::records:
      return "records";
    case Route::escalations:
      return "escalations";
    case Route::escalation:
      return "escalation";
    case Route::escalation_action:
      return "escalation_action";
    case Route::rules:
      return "rules";
    case Route::plugins:
      return "plugins";
  }
  return "unknown";
}

sdk::TimePoint system_now() {
  return std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
}

}  // namespace

Handler::Handler(const config::ApiConfig& cfg, std::shared_ptr<store::Database> db, Hooks hooks,
                 std::shared_ptr<spdlog::logger> log)
    : cfg_(cfg),
      db_(std::move(db)),
      hooks_(std::move(hooks)),
      log_(std::move(log)),
      tokens_(cfg.tokens),
      limiter_(cfg.rate_limit_per_second, cfg.rate_limit_burst) {}

Handler::~Handler() = default;

Response Handler::error(unsigned status, std::string_view code, std::string_view message) {
  return json(status, sdk::Value::object({{"error", std::string(code)}, {"message", std::string(message)}}));
}

std::optional<Response> Handler::admit(const Request& head, Admission& admission,
                                       RateLimiter::Clock::time_point now) {
  // Who is asking decides whose bucket pays; an unknown token pays from its address's bucket, so
  // guessing tokens is rate limited too.
  const std::string_view presented = bearer_token(head.authorization);
  std::optional<Principal> principal;
  if (!presented.empty()) principal = tokens_.authenticate(presented);
  const std::string bucket = principal ? "token:" + principal->name : "addr:" + head.remote;
  if (auto wait = limiter_.take(bucket, now)) {
    Response r = error(429, "rate_limited", "too many requests; retry after " + std::to_string(wait->count()) + " s");
    r.headers.emplace_back("Retry-After", std::to_string(wait->count()));
    return r;
  }

  const std::string_view target = head.target;
  const std::string_view path = target.substr(0, target.find('?'));
  bool bad_id = false;
  const auto m = match(path, bad_id);
  if (!m) {
    if (bad_id) return error(404, "not_found", "no escalation with that id (ids are positive integers)");
    return error(404, "not_found", "no such resource: see daemon/api/README.md for the endpoints");
  }
  if (head.method != method_of(m->route)) {
    Response r = error(405, "method_not_allowed", "use " + std::string(method_of(m->route)) + " here");
    r.headers.emplace_back("Allow", std::string(method_of(m->route)));
    return r;
  }
  admission.route = m->route;
  admission.escalation = m->id;
  admission.action = m->action;

  if (const auto role = required_role(m->route)) {
    if (head.authorization.empty())
      return unauthorized("this endpoint needs a bearer token (Authorization: Bearer <token>)", false);
    if (presented.empty()) return unauthorized("the Authorization header must be 'Bearer <token>'", true);
    if (!principal) return unauthorized("unknown token", true);
    if (!principal->allows(*role))
      return error(403, "forbidden",
                   "token '" + principal->name + "' lacks the '" + std::string(to_string(*role)) + "' role");
    admission.principal = principal;
  }
  if (head.content_length && *head.content_length > cfg_.max_body_bytes)
    return error(413, "body_too_large",
                 "the request body is larger than max_body_bytes (" + std::to_string(cfg_.max_body_bytes) +
                     " bytes); send the records in several requests");
  return std::nullopt;
}

Response Handler::handle(const Admission& admission, const Request& request) {
  Response r;
  try {
    const std::string_view target = request.target;
    const auto q = target.find('?');
    const std::string_view query = q == std::string_view::npos ? std::string_view() : target.substr(q + 1);
    switch (admission.route) {
      case Route::healthz:
        r = json(200, sdk::Value::object({{"status", "ok"}}));
        break;
      case Route::readyz:
        r = readyz();
        break;
      case Route::metrics:
        r = metrics();
        break;
      case Route::records:
        r = records(*admission.principal, request);
        break;
      case Route::escalations:
        r = escalations(query);
        break;
      case Route::escalation:
        r = escalation(admission.escalation);
        break;
      case Route::escalation_action:
        r = act(*admission.principal, admission.escalation, admission.action, request.body);
        break;
      case Route::rules:
        r = rules();
        break;
      case Route::plugins:
        r = plugins();
        break;
    }
  } catch (const store::DatabaseError& e) {
    if (log_) log_->error("api: {} {}: store error: {}", request.method, route_label(admission.route), e.what());
    r = error(503, "store_unavailable", "the store could not complete the request; nothing was changed");
  } catch (const std::exception& e) {
    if (log_) log_->error("api: {} {}: {}", request.method, route_label(admission.route), e.what());
    r = error(500, "internal_error", "the request failed; see the service log");
  }
#ifdef CAREWATCH_API_METRICS
  try {
    metrics::registry()
        .counter("carewatch_api_requests_total", "HTTP API requests answered, by route and status.",
                 {{"route", std::string(route_label(admission.route))}, {"status", std::to_string(r.status)}})
        .inc();
  } catch (const std::exception&) {
    // A metrics problem must not fail the request.
  }
#endif
  return r;
}

Response Handler::readyz() {
  const bool ready = hooks_.ready && hooks_.ready();
  if (ready) return json(200, sdk::Value::object({{"status", "ready"}}));
  return json(503, sdk::Value::object({{"status", "not_ready"},
                                       {"message", "the store is not open or the plugins are not loaded yet"}}));
}

Response Handler::metrics() {
  Response r;
  r.content_type = "text/plain; version=0.0.4; charset=utf-8";
  if (hooks_.metrics) {
    r.body = hooks_.metrics();
  } else {
#ifdef CAREWATCH_API_METRICS
    r.body = metrics::registry().render();
#endif
  }
  return r;
}

Response Handler::records(const Principal& who, const Request& request) {
  if (request.body.find_first_not_of(" \t\r\n") == std::string::npos)
    return error(400, "empty_body", "the request body is empty: send NDJSON records, one per line");
  const std::string source = "api:" + who.name;
  ingest::ImportOptions options;
  options.metrics_source = "api";  // carewatch_records_ingested_total{source="api"}
  ingest::Importer importer(*db_, std::move(options));
  const ingest::ImportReport report = importer.import_buffer(request.body, source);
  sdk::Array rejections;
  for (const auto& rej : report.rejections)
    rejections.push_back(
        sdk::Value::object({{"line", rej.line}, {"field", rej.field}, {"reason", rej.reason}}));
  if (log_)
    log_->info("api: records from token={}: lines={} inserted={} unchanged={} rejected={}", who.name,
               report.lines, report.inserted, report.unchanged, report.rejected);
  if (report.inserted > 0 && hooks_.records_ingested) hooks_.records_ingested();
  return json(200, sdk::Value::object({
                       {"source", source},
                       {"lines", report.lines},
                       {"accepted", report.accepted()},
                       {"inserted", report.inserted},
                       {"unchanged", report.unchanged},
                       {"rejected", report.rejected},
                       {"rejections", sdk::Value(std::move(rejections))},
                   }));
}

Response Handler::escalations(std::string_view query) {
  escalation::ListFilter filter;
  filter.limit = kDefaultListLimit;
  while (!query.empty()) {
    const auto amp = query.find('&');
    const std::string_view pair = query.substr(0, amp);
    query = amp == std::string_view::npos ? std::string_view() : query.substr(amp + 1);
    if (pair.empty()) continue;
    const auto eq = pair.find('=');
    const auto key = url_decode(pair.substr(0, eq));
    const auto value = url_decode(eq == std::string_view::npos ? std::string_view() : pair.substr(eq + 1));
    if (!key || !value) return error(400, "bad_query", "the query string has a bad %-escape");
    if (*key == "home") {
      filter.home = *value;
    } else if (*key == "rule") {
      filter.rule = *value;
    } else if (*key == "severity") {
      const auto s = sdk::parse_severity(*value);
      if (!s) return error(400, "bad_query", "severity: must be critical, high, medium or low");
      filter.severity = *s;
    } else if (*key == "state") {
      const auto s = escalation::parse_state(*value);
      if (!s) return error(400, "bad_query", "state: must be open, acknowledged, silenced or resolved");
      filter.state = *s;
    } else if (*key == "limit") {
      const auto n = parse_id(*value);
      if (!n || *n > static_cast<std::int64_t>(kMaxListLimit))
        return error(400, "bad_query", "limit: must be between 1 and " + std::to_string(kMaxListLimit));
      filter.limit = static_cast<std::size_t>(*n);
    } else {
      return error(400, "bad_query",
                   "unknown parameter '" + *key + "' (known: home, rule, severity, state, limit)");
    }
  }
  EscalationStore store(*db_);
  sdk::Array items;
  for (const auto& e : store.list(filter)) items.push_back(to_value(e));
  return json(200, sdk::Value::object({{"escalations", sdk::Value(std::move(items))}}));
}

Response Handler::escalation(std::int64_t id) {
  EscalationStore store(*db_);
  const auto e = store.get(id);
  if (!e) return error(404, "not_found", "no escalation " + std::to_string(id));
  sdk::Value v = to_value(*e);
  sdk::Array events;
  for (const auto& ev : store.events(id)) events.push_back(to_value(ev));
  v.set("events", sdk::Value(std::move(events)));
  return json(200, v);
}

Response Handler::act(const Principal& who, std::int64_t id, const std::string& action, std::string_view body) {
  auto parsed = sdk::parse_json(body);
  if (auto* err = std::get_if<sdk::schema::FieldError>(&parsed))
    return error(400, "bad_json", "the body must be a JSON object: " + err->reason);
  const sdk::Value& v = std::get<sdk::Value>(parsed);
  if (!v.is_object()) return error(400, "bad_json", "the body must be a JSON object, e.g. {\"reason\": \"...\"}");
  std::string reason;
  std::optional<sdk::TimePoint> until;
  for (const auto& [key, value] : v.as_object()) {
    if (key == "reason") {
      if (!value.is_string()) return error(422, "invalid_argument", "reason: must be a string");
      reason = value.as_string();
    } else if (key == "until" && action == "silence") {
      if (!value.is_string() || !(until = sdk::parse_timestamp(value.as_string())))
        return error(422, "invalid_argument",
                     "until: must be an RFC 3339 timestamp with an offset, e.g. 2025-03-01T21:40:00Z");
    } else {
      return error(422, "invalid_argument",
                   "unknown field '" + key + "' (" + (action == "silence" ? "reason, until" : "reason") + ")");
    }
  }
  if (reason.empty()) return error(422, "invalid_argument", "reason: required and must not be empty");
  if (action == "silence" && !until) return error(422, "invalid_argument", "until: required to silence");

  const sdk::TimePoint now = hooks_.clock ? hooks_.clock() : system_now();
  EscalationStore store(*db_);
  try {
    store::Transaction tx(*db_);
    escalation::Escalation e;
    if (action == "ack")
      e = store.acknowledge(id, who.name, reason, now);
    else if (action == "resolve")
      e = store.resolve(id, who.name, reason, now);
    else
      e = store.silence(id, who.name, reason, *until, now);
    tx.commit();
    if (log_)
      log_->info("api: escalation {} {} by token={}: now {}", id, action, who.name, escalation::to_string(e.state));
    return json(200, to_value(e));
  } catch (const EscalationError& e) {
    switch (e.code()) {
      case EscalationError::Code::not_found:
        return error(404, "not_found", e.what());
      case EscalationError::Code::invalid_transition:
        return error(409, "conflict", e.what());
      case EscalationError::Code::invalid_argument:
        return error(422, "invalid_argument", e.what());
    }
    return error(422, "invalid_argument", e.what());
  }
}

Response Handler::rules() {
  sdk::Array items;
  if (hooks_.rules) {
    for (const auto& row : hooks_.rules()) {
      items.push_back(sdk::Value::object({
          {"id", row.rule.id},
          {"title", row.rule.title},
          {"clause", row.rule.clause},
          {"severity", std::string(sdk::to_string(row.rule.severity))},
          {"roles", list(row.rule.roles)},
          {"believed", row.rule.believed},
          {"plugin", row.plugin},
          {"checker", row.checker},
      }));
    }
  }
  return json(200, sdk::Value::object({{"rules", sdk::Value(std::move(items))}}));
}

Response Handler::plugins() {
  sdk::Array items;
  if (hooks_.plugins) {
    for (const auto& p : hooks_.plugins()) {
      const auto& v = p.sdk_version;
      items.push_back(sdk::Value::object({
          {"name", opt_text(p.name)},
          {"file", p.file.filename().string()},
          {"sdk_version", std::to_string(v.major) + "." + std::to_string(v.minor) + "." + std::to_string(v.patch)},
          {"description", p.description},
          {"checkers", static_cast<std::int64_t>(p.checkers)},
          {"enabled", p.enabled},
          {"disabled_reason", opt_text(p.disabled_reason)},
      }));
    }
  }
  return json(200, sdk::Value::object({{"plugins", sdk::Value(std::move(items))}}));
}

}  // namespace carewatch::api
