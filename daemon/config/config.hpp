#pragma once
// Config: the one TOML configuration file (config/carewatch.toml is the working example; every key and
// its default is listed in daemon/config/README.md).

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include <carewatch/sdk/checker.hpp>

namespace carewatch::config {

// One thing wrong with a configuration file.
struct ConfigProblem {
  std::filesystem::path file;
  std::uint32_t line = 0;  // 1-based; 0 when the problem has no line (e.g. the file cannot be read)
  std::string key;         // dotted key, e.g. "schedule.poll_interval_ms"; empty when none applies
  std::string reason;

  // "carewatch.toml:12: schedule.poll_interval_ms: must be between 50 and 60000"
  std::string to_string() const;
};

// A bad configuration: the message names the file, the line where known, and the key. When the file
// has several problems, what() lists them one per line and problems() holds each.
class ConfigError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
  explicit ConfigError(std::vector<ConfigProblem> problems);

  // Empty when the error was built from a plain message.
  const std::vector<ConfigProblem>& problems() const noexcept { return problems_; }

 private:
  std::vector<ConfigProblem> problems_;
};

struct StoreConfig {
  std::filesystem::path database;  // default: the build's CAREWATCH_DEFAULT_DB
};

struct PluginsConfig {
  std::filesystem::path directory;                    // default: CAREWATCH_DEFAULT_PLUGIN_DIR
  std::vector<std::string> disabled;                  // plugin names not to load
  std::map<std::string, sdk::Parameters> parameters;  // [plugins.<name>] tables
  // Load plugins from a directory (or files) that others may write to. Off by default: whoever can
  // write there can run code inside the daemon.
  bool allow_writable = false;
};

struct CalendarConfig {
  std::filesystem::path bank_holidays;  // default: CAREWATCH_DEFAULT_BANK_HOLIDAYS
};

struct ScheduleConfig {
  std::chrono::milliseconds poll_interval{1000};   // how often the daemon asks the store what changed
  std::chrono::seconds full_sweep_interval{3600};  // safety-net re-evaluation of every subject
};

// Accepted ranges, shared by the parser, its error messages and the README.
inline constexpr std::int64_t kMinPollIntervalMs = 50;
inline constexpr std::int64_t kMaxPollIntervalMs = 60000;
inline constexpr std::int64_t kMinFullSweepIntervalS = 10;
inline constexpr std::int64_t kMaxFullSweepIntervalS = std::int64_t{7} * 24 * 3600;

struct LoggingConfig {
  std::string level = "info";                 // trace, debug, info, warn, error, off
  std::optional<std::filesystem::path> file;  // default: standard output
};

// One bearer token of the HTTP API ([[api.tokens]]). Only its SHA-256 is configured.
struct ApiTokenConfig {
  std::string name;                // who acts: escalation events and ingest sources carry it
  std::vector<std::string> roles;  // each one of kApiRoles
  std::string sha256;              // 64 lowercase hex digits of SHA-256(token)
};

inline constexpr std::string_view kApiRoles[] = {"ingest", "read", "act", "admin"};

// [api]: the HTTP API (daemon/api/README.md).
struct ApiConfig {
  bool enabled = false;
  std::string listen = "127.0.0.1";  // an IPv4 or IPv6 address
  std::uint16_t port = 8787;         // 0: any free port (tests)
  std::optional<std::filesystem::path> tls_cert;  // PEM; TLS when both are set
  std::optional<std::filesystem::path> tls_key;
  std::uint64_t max_body_bytes = std::uint64_t{16} * 1024 * 1024;
  std::uint32_t max_header_bytes = 16 * 1024;
  double rate_limit_per_second = 20;  // per token, or per address without one; 0: no limit
  double rate_limit_burst = 100;
  std::chrono::seconds request_timeout{30};     // to read one request and write its response
  std::chrono::seconds keep_alive_timeout{60};  // idle time between requests on a connection
  std::uint32_t max_connections = 256;
  std::vector<ApiTokenConfig> tokens;
};

// How one role holder is reached: an email address, a webhook URL (http or https), or both.
struct Contact {
  std::string email;
  std::string webhook;
};

// The roles a contact may hold (RULES.md "Roles", plus it_operations for Carewatch's own health
// findings). placing_authority, iro and social_worker belong to the child's placing authority;
// host_authority and lado to the home's host authority; the others to the home.
inline constexpr std::string_view kRoles[] = {
    "registered_manager", "responsible_individual", "placing_authority", "host_authority", "lado",
    "iro",                "social_worker",          "independent_person", "it_operations"};
// In a route level, the finding's own escalate_to roles.
inline constexpr std::string_view kEscalateToRole = "escalate_to";

using RoleContacts = std::map<std::string, Contact>;  // role -> contact

// [contacts]: who holds each role. A role is looked up per home or authority first, then in defaults
// (daemon/routing/README.md has the order).
struct ContactsConfig {
  RoleContacts defaults;                            // [contacts.default]
  std::map<std::string, RoleContacts> homes;        // [contacts.home.<home id>]
  std::map<std::string, RoleContacts> authorities;  // [contacts.authority.<authority id>]
};

// One rung of a route's ladder.
struct RouteLevel {
  std::vector<std::string> roles;   // kRoles names, or kEscalateToRole
  std::chrono::seconds timeout{0};  // not acknowledged this long: the next level is told (0: last level)
};

// A [[routes]] entry. Empty matchers match everything; rules and families together match either.
struct Route {
  std::string name;
  std::vector<std::string> rules;     // rule ids
  std::vector<std::string> families;  // plugin names ("carewatch" for health findings)
  std::optional<sdk::Severity> min_severity;
  std::vector<std::string> homes;
  std::vector<RouteLevel> levels;           // at least one
  std::chrono::seconds repeat_interval{0};  // reminders while still open and not acknowledged (0: none)
};

// [routing]: the default route (used when no [[routes]] matches) and where people act.
struct RoutingConfig {
  std::vector<Route> routes;  // [[routes]] in file order; the first that matches wins
  Route default_route;        // [routing.default]; built in: the finding's own roles, reminders daily
  std::string act_url;        // base URL of the escalation API ("<act_url>/<id>"); empty: CLI only
};

// [outbox]: how outgoing messages are delivered and retried (daemon/outbox/README.md).
struct OutboxConfig {
  int max_attempts = 10;                     // failed attempts before a message is dead
  std::chrono::seconds initial_backoff{30};  // the wait after the first failure; doubles each time
  std::chrono::seconds max_backoff{3600};    // the longest wait (>= initial_backoff)
  int batch_size = 50;                       // messages per delivery pass
  std::chrono::seconds poll_interval{30};    // how often to look for messages other processes wrote
};

inline constexpr std::int64_t kMaxOutboxAttempts = 100;
inline constexpr std::int64_t kMaxOutboxBackoffS = std::int64_t{7} * 24 * 3600;
inline constexpr std::int64_t kMaxOutboxBatch = 10000;
inline constexpr std::int64_t kMaxOutboxPollS = 3600;

// [notify]: the notifiers that deliver outbox messages (daemon/notify/README.md). Secrets (the SMTP
// password, the webhook signing secret) live in their own files, never in this one.
enum class StartTls { off, when_offered, required };

struct EmailNotifyConfig {  // [notify.email]
  bool enabled = false;
  std::string url;   // smtp://host[:port] or smtps://host[:port]
  std::string from;  // the sender address, e.g. carewatch@provider.example
  StartTls starttls = StartTls::required;
  std::string username;                                // AUTH user; empty: no AUTH
  std::optional<std::filesystem::path> password_file;  // required with username
  std::optional<std::filesystem::path> ca_file;        // PEM CAs; default: the system's
  bool tls_verify = true;                              // verify the server's certificate and name
  std::chrono::seconds timeout{30};
};

struct WebhookNotifyConfig {  // [notify.webhook]
  bool enabled = false;
  std::optional<std::filesystem::path> secret_file;  // HMAC-SHA256 key; required when enabled
  std::chrono::seconds timeout{10};
};

struct LogNotifyConfig {  // [notify.log]
  bool enabled = true;
};

struct NotifyConfig {
  EmailNotifyConfig email;
  WebhookNotifyConfig webhook;
  LogNotifyConfig log;
};

inline constexpr std::int64_t kMaxNotifyTimeoutS = 300;

// [inbox]: NDJSON files dropped into a directory are imported (daemon/inbox/README.md).
struct InboxConfig {
  bool enabled = false;
  std::filesystem::path directory;                 // required when enabled; done/ and rejected/ go inside
  std::chrono::milliseconds settle{2000};          // a file must stay unchanged this long before it is read
  std::chrono::milliseconds scan_interval{10000};  // safety-net scan; inotify wakes the inbox sooner
};

inline constexpr std::int64_t kMaxInboxSettleMs = 3600000;
inline constexpr std::int64_t kMinInboxScanIntervalMs = 100;
inline constexpr std::int64_t kMaxInboxScanIntervalMs = 3600000;

// The built-in default route: one level of the finding's own escalate_to roles, a reminder every 24 h.
Route builtin_default_route();

// "90s", "30m", "4h", "2d", "1h30m": a positive duration; nullopt when malformed or zero.
std::optional<std::chrono::seconds> parse_duration(std::string_view text);

struct Config {
  std::filesystem::path source;  // the file it was read from (empty for defaults)
  StoreConfig store;
  PluginsConfig plugins;
  CalendarConfig calendar;
  ScheduleConfig schedule;
  LoggingConfig logging;
  ContactsConfig contacts;
  RoutingConfig routing;
  ApiConfig api;
  OutboxConfig outbox;
  NotifyConfig notify;
  InboxConfig inbox;
};

// The built-in defaults: make `carewatch` work from the build tree with no flags.
Config default_config();
// Reads and validates a file; keys it does not set keep their defaults, and relative paths in it
// resolve against the file's directory. Unknown sections and keys, wrong types and out-of-range values
// are errors. Throws ConfigError listing every problem, each naming the file, line and dotted key.
Config load_config(const std::filesystem::path& file);
// The same for text already in memory; `file` names it in errors and anchors relative paths.
Config parse_config(std::string_view text, const std::filesystem::path& file);

}  // namespace carewatch::config

#include <carewatch/sdk/calendar.hpp>

namespace carewatch::config {
// Reads the bank-holiday data file; throws ConfigError naming the file and line.
sdk::Calendar load_calendar(const std::filesystem::path& file);
}  // namespace carewatch::config
