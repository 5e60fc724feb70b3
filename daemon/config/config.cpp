#include "config/config.hpp"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cmath>
#include <fstream>
#include <functional>
#include <sstream>
#include <string_view>
#include <system_error>

#include <arpa/inet.h>

#include <toml++/toml.h>

namespace carewatch::config {
namespace {

std::string_view type_name(toml::node_type t) {
  switch (t) {
    case toml::node_type::table:
      return "a table";
    case toml::node_type::array:
      return "an array";
    case toml::node_type::string:
      return "a string";
    case toml::node_type::integer:
      return "an integer";
    case toml::node_type::floating_point:
      return "a float";
    case toml::node_type::boolean:
      return "a boolean";
    case toml::node_type::date:
      return "a date";
    case toml::node_type::time:
      return "a time";
    case toml::node_type::date_time:
      return "a date-time";
    case toml::node_type::none:
      break;
  }
  return "nothing";
}

// Levenshtein distance, for "did you mean" on a misspelt key.
std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

std::string join_key(std::string_view prefix, std::string_view key) {
  return prefix.empty() ? std::string(key) : std::string(prefix) + "." + std::string(key);
}

// Where relative paths in `file` point from. Absolute, so that they stay right whatever directory the
// daemon later runs in.
std::filesystem::path base_directory(const std::filesystem::path& file) {
  if (file.empty()) return std::filesystem::current_path();
  return std::filesystem::absolute(file).parent_path();
}

// Reads one file into a Config, collecting every problem instead of stopping at the first, so a user
// fixes all typos in one round.
class Reader {
 public:
  Reader(const std::filesystem::path& file, Config& cfg)
      : file_(file), base_(base_directory(file)), cfg_(cfg) {}

  void read(const toml::table& root) {
    for (auto&& [key, node] : root) {
      const std::string name(key.str());
      const toml::table* section = node.as_table();
      static constexpr std::string_view kSections[] = {"store",   "plugins", "calendar", "schedule",
                                                       "logging", "api",     "contacts", "routing",
                                                       "routes",  "outbox",  "notify",   "inbox"};
      if (std::find(std::begin(kSections), std::end(kSections), name) == std::end(kSections)) {
        unknown(key, "", kSections);
        continue;
      }
      if (name == "routes") {
        read_routes(node);
        continue;
      }
      if (!section) {
        wrong_type(node, name, "a table");
        continue;
      }
      if (name == "contacts") read_contacts(*section);
      if (name == "routing") read_routing(*section);
      if (name == "store") read_store(*section);
      if (name == "plugins") read_plugins(*section);
      if (name == "calendar") read_calendar(*section);
      if (name == "schedule") read_schedule(*section);
      if (name == "logging") read_logging(*section);
      if (name == "api") read_api(*section);
      if (name == "outbox") read_outbox(*section);
      if (name == "notify") read_notify(*section);
      if (name == "inbox") read_inbox(*section);
    }
  }

  std::vector<ConfigProblem>& problems() { return problems_; }

 private:
  void problem(const toml::source_region& where, std::string key, std::string reason) {
    problems_.push_back({file_, where.begin.line, std::move(key), std::move(reason)});
  }

  template <std::size_t N>
  void unknown(const toml::key& key, std::string_view section, const std::string_view (&known)[N]) {
    std::string reason = section.empty() ? "unknown section" : "unknown key";
    problem(key.source(), join_key(section, key.str()), reason + suggestion(key.str(), known));
  }

  template <std::size_t N>
  static std::string suggestion(std::string_view key, const std::string_view (&known)[N]) {
    std::string_view best;
    std::size_t best_distance = 3;  // suggest only close matches
    for (std::string_view k : known) {
      const std::size_t d = edit_distance(key, k);
      if (d < best_distance) {
        best_distance = d;
        best = k;
      }
    }
    return best.empty() ? std::string() : " (did you mean '" + std::string(best) + "'?)";
  }

  void wrong_type(const toml::node& node, const std::string& key, std::string_view expected) {
    problem(node.source(), key,
            "expected " + std::string(expected) + ", found " + std::string(type_name(node.type())));
  }

  std::optional<std::string> string_of(const toml::node& node, const std::string& key) {
    const auto* s = node.as_string();
    if (!s) {
      wrong_type(node, key, "a string");
      return std::nullopt;
    }
    return s->get();
  }

  std::optional<std::filesystem::path> path_of(const toml::node& node, const std::string& key) {
    auto s = string_of(node, key);
    if (!s) return std::nullopt;
    if (s->empty()) {
      problem(node.source(), key, "must not be empty");
      return std::nullopt;
    }
    std::filesystem::path p(*s);
    if (p.is_relative()) p = (base_ / p).lexically_normal();
    return p;
  }

  std::optional<std::int64_t> int_in_range(const toml::node& node, const std::string& key, std::int64_t min,
                                           std::int64_t max) {
    const auto* i = node.as_integer();
    if (!i) {
      wrong_type(node, key, "an integer");
      return std::nullopt;
    }
    const std::int64_t v = i->get();
    if (v < min || v > max) {
      problem(node.source(), key, "must be between " + std::to_string(min) + " and " + std::to_string(max));
      return std::nullopt;
    }
    return v;
  }

  void read_store(const toml::table& t) {
    static constexpr std::string_view kKeys[] = {"database"};
    for (auto&& [key, node] : t) {
      const std::string dotted = join_key("store", key.str());
      if (key.str() == "database") {
        if (auto p = path_of(node, dotted)) cfg_.store.database = *p;
      } else {
        unknown(key, "store", kKeys);
      }
    }
  }

  void read_plugins(const toml::table& t) {
    static constexpr std::string_view kKeys[] = {"directory", "disabled", "allow_writable"};
    for (auto&& [key, node] : t) {
      const std::string dotted = join_key("plugins", key.str());
      if (key.str() == "directory") {
        if (auto p = path_of(node, dotted)) cfg_.plugins.directory = *p;
      } else if (key.str() == "disabled") {
        read_disabled(node, dotted);
      } else if (key.str() == "allow_writable") {
        if (const auto* b = node.as_boolean())
          cfg_.plugins.allow_writable = b->get();
        else
          wrong_type(node, dotted, "true or false");
      } else if (const auto* params = node.as_table()) {
        sdk::Parameters parameters;
        for (auto&& [pkey, pnode] : *params) {
          if (auto v = value_of(pnode, join_key(dotted, pkey.str())))
            parameters.set(std::string(pkey.str()), *v);
        }
        cfg_.plugins.parameters[std::string(key.str())] = std::move(parameters);
      } else {
        std::string hint = suggestion(key.str(), kKeys);
        if (hint.empty())
          hint = "; a plugin's parameters go in a [plugins." + std::string(key.str()) + "] table";
        problem(key.source(), dotted, "unknown key" + hint);
      }
    }
  }

  void read_disabled(const toml::node& node, const std::string& dotted) {
    const auto* array = node.as_array();
    if (!array) {
      wrong_type(node, dotted, "an array of plugin names");
      return;
    }
    std::vector<std::string> names;
    for (std::size_t i = 0; i < array->size(); ++i) {
      const toml::node& item = *array->get(i);
      const std::string item_key = dotted + "[" + std::to_string(i) + "]";
      auto name = string_of(item, item_key);
      if (!name) continue;
      if (name->empty()) {
        problem(item.source(), item_key, "must not be empty");
        continue;
      }
      names.push_back(*name);
    }
    cfg_.plugins.disabled = std::move(names);
  }

  // A plugin parameter: the JSON-shaped subset of TOML. Dates and times have no Value form; a plugin
  // that wants one takes an RFC 3339 string, which is what its records use too.
  std::optional<sdk::Value> value_of(const toml::node& node, const std::string& key) {
    switch (node.type()) {
      case toml::node_type::string:
        return sdk::Value(node.as_string()->get());
      case toml::node_type::integer:
        return sdk::Value(node.as_integer()->get());
      case toml::node_type::boolean:
        return sdk::Value(node.as_boolean()->get());
      case toml::node_type::floating_point: {
        const double d = node.as_floating_point()->get();
        if (!std::isfinite(d)) {
          problem(node.source(), key, "must be a finite number");
          return std::nullopt;
        }
        return sdk::Value(d);
      }
      case toml::node_type::array: {
        sdk::Array items;
        const auto& array = *node.as_array();
        bool ok = true;
        for (std::size_t i = 0; i < array.size(); ++i) {
          auto v = value_of(*array.get(i), key + "[" + std::to_string(i) + "]");
          if (v)
            items.push_back(std::move(*v));
          else
            ok = false;
        }
        if (!ok) return std::nullopt;
        return sdk::Value(std::move(items));
      }
      case toml::node_type::table: {
        sdk::Object members;
        bool ok = true;
        for (auto&& [k, v] : *node.as_table()) {
          auto member = value_of(v, join_key(key, k.str()));
          if (member)
            members.emplace_back(std::string(k.str()), std::move(*member));
          else
            ok = false;
        }
        if (!ok) return std::nullopt;
        return sdk::Value::object(std::move(members));
      }
      case toml::node_type::date:
      case toml::node_type::time:
      case toml::node_type::date_time:
        problem(node.source(), key, "dates and times are not plugin parameters; write an RFC 3339 string");
        return std::nullopt;
      case toml::node_type::none:
        break;
    }
    problem(node.source(), key, "unsupported value");
    return std::nullopt;
  }

  void read_calendar(const toml::table& t) {
    static constexpr std::string_view kKeys[] = {"bank_holidays"};
    for (auto&& [key, node] : t) {
      const std::string dotted = join_key("calendar", key.str());
      if (key.str() == "bank_holidays") {
        if (auto p = path_of(node, dotted)) cfg_.calendar.bank_holidays = *p;
      } else {
        unknown(key, "calendar", kKeys);
      }
    }
  }

  void read_schedule(const toml::table& t) {
    static constexpr std::string_view kKeys[] = {"poll_interval_ms", "full_sweep_interval_s"};
    for (auto&& [key, node] : t) {
      const std::string dotted = join_key("schedule", key.str());
      if (key.str() == "poll_interval_ms") {
        if (auto v = int_in_range(node, dotted, kMinPollIntervalMs, kMaxPollIntervalMs))
          cfg_.schedule.poll_interval = std::chrono::milliseconds(*v);
      } else if (key.str() == "full_sweep_interval_s") {
        if (auto v = int_in_range(node, dotted, kMinFullSweepIntervalS, kMaxFullSweepIntervalS))
          cfg_.schedule.full_sweep_interval = std::chrono::seconds(*v);
      } else {
        unknown(key, "schedule", kKeys);
      }
    }
  }

  void read_outbox(const toml::table& t) {
    static constexpr std::string_view kKeys[] = {"max_attempts", "initial_backoff_s", "max_backoff_s", "batch_size",
                                                 "poll_interval_s"};
    auto& out = cfg_.outbox;
    for (auto&& [key, node] : t) {
      const std::string dotted = join_key("outbox", key.str());
      if (key.str() == "max_attempts") {
        if (auto v = int_in_range(node, dotted, 1, kMaxOutboxAttempts)) out.max_attempts = static_cast<int>(*v);
      } else if (key.str() == "initial_backoff_s") {
        if (auto v = int_in_range(node, dotted, 1, kMaxOutboxBackoffS)) out.initial_backoff = std::chrono::seconds(*v);
      } else if (key.str() == "max_backoff_s") {
        if (auto v = int_in_range(node, dotted, 1, kMaxOutboxBackoffS)) out.max_backoff = std::chrono::seconds(*v);
      } else if (key.str() == "batch_size") {
        if (auto v = int_in_range(node, dotted, 1, kMaxOutboxBatch)) out.batch_size = static_cast<int>(*v);
      } else if (key.str() == "poll_interval_s") {
        if (auto v = int_in_range(node, dotted, 1, kMaxOutboxPollS)) out.poll_interval = std::chrono::seconds(*v);
      } else {
        unknown(key, "outbox", kKeys);
      }
    }
    if (out.max_backoff < out.initial_backoff) {
      const toml::node* at = t.get("max_backoff_s");
      problem(at ? at->source() : t.source(), "outbox.max_backoff_s",
              "must be at least outbox.initial_backoff_s (" + std::to_string(out.initial_backoff.count()) + ")");
    }
  }

  void read_notify(const toml::table& t) {
    static constexpr std::string_view kKeys[] = {"email", "webhook", "log"};
    for (auto&& [key, node] : t) {
      const std::string dotted = join_key("notify", key.str());
      const toml::table* channel = node.as_table();
      if (std::find(std::begin(kKeys), std::end(kKeys), key.str()) == std::end(kKeys)) {
        unknown(key, "notify", kKeys);
      } else if (!channel) {
        wrong_type(node, dotted, "a table");
      } else if (key.str() == "email") {
        read_notify_email(*channel);
      } else if (key.str() == "webhook") {
        read_notify_webhook(*channel);
      } else {
        read_notify_log(*channel);
      }
    }
  }

  void read_inbox(const toml::table& t) {
    static constexpr std::string_view kKeys[] = {"enabled", "directory", "settle_ms", "scan_interval_ms"};
    auto& inbox = cfg_.inbox;
    for (auto&& [key, node] : t) {
      const std::string dotted = join_key("inbox", key.str());
      if (key.str() == "enabled") {
        if (const auto* b = node.as_boolean())
          inbox.enabled = b->get();
        else
          wrong_type(node, dotted, "true or false");
      } else if (key.str() == "directory") {
        if (auto p = path_of(node, dotted)) inbox.directory = *p;
      } else if (key.str() == "settle_ms") {
        if (auto v = int_in_range(node, dotted, 0, kMaxInboxSettleMs))
          inbox.settle = std::chrono::milliseconds(*v);
      } else if (key.str() == "scan_interval_ms") {
        if (auto v = int_in_range(node, dotted, kMinInboxScanIntervalMs, kMaxInboxScanIntervalMs))
          inbox.scan_interval = std::chrono::milliseconds(*v);
      } else {
        unknown(key, "inbox", kKeys);
      }
    }
    if (inbox.enabled && inbox.directory.empty()) {
      const toml::node* at = t.get("enabled");
      problem(at ? at->source() : t.source(), "inbox.directory", "required when inbox.enabled is true");
    }
  }

  std::optional<bool> notify_bool(const toml::node& node, const std::string& key) {
    if (const auto* b = node.as_boolean()) return b->get();
    wrong_type(node, key, "true or false");
    return std::nullopt;
  }

  void read_notify_email(const toml::table& t) {
    static constexpr std::string_view kKeys[] = {"enabled",  "url",        "from",
                                                 "starttls", "username",   "password_file",
                                                 "ca_file",  "tls_verify", "timeout_s"};
    auto& email = cfg_.notify.email;
    for (auto&& [key, node] : t) {
      const std::string dotted = join_key("notify.email", key.str());
      if (key.str() == "enabled") {
        if (auto b = notify_bool(node, dotted)) email.enabled = *b;
      } else if (key.str() == "url") {
        auto url = string_of(node, dotted);
        if (!url) continue;
        if (url->rfind("smtp://", 0) != 0 && url->rfind("smtps://", 0) != 0)
          problem(node.source(), dotted, "must start with smtp:// or smtps://");
        else if (url->find_first_of(" \t\r\n") != std::string::npos)
          problem(node.source(), dotted, "must not contain white space");
        else
          email.url = *url;
      } else if (key.str() == "from") {
        auto from = string_of(node, dotted);
        if (!from) continue;
        const auto at = from->rfind('@');
        // A bare address only: a display name or a line break could add headers to every email.
        if (at == std::string::npos || at == 0 || at + 1 == from->size() ||
            from->find_first_of(" \t\r\n<>,;\"()\\") != std::string::npos)
          problem(node.source(), dotted, "must be a plain address such as carewatch@provider.example");
        else
          email.from = *from;
      } else if (key.str() == "starttls") {
        auto mode = string_of(node, dotted);
        if (!mode) continue;
        if (*mode == "off")
          email.starttls = StartTls::off;
        else if (*mode == "when_offered")
          email.starttls = StartTls::when_offered;
        else if (*mode == "required")
          email.starttls = StartTls::required;
        else
          problem(node.source(), dotted, "must be one of off, when_offered, required");
      } else if (key.str() == "username") {
        if (auto user = string_of(node, dotted)) email.username = *user;
      } else if (key.str() == "password_file") {
        if (auto p = path_of(node, dotted)) email.password_file = *p;
      } else if (key.str() == "ca_file") {
        if (auto p = path_of(node, dotted)) email.ca_file = *p;
      } else if (key.str() == "tls_verify") {
        if (auto b = notify_bool(node, dotted)) email.tls_verify = *b;
      } else if (key.str() == "timeout_s") {
        if (auto v = int_in_range(node, dotted, 1, kMaxNotifyTimeoutS))
          email.timeout = std::chrono::seconds(*v);
      } else {
        unknown(key, "notify.email", kKeys);
      }
    }
    auto at = [&t](std::string_view key) { return t.get(key) ? t.get(key)->source() : t.source(); };
    if (email.enabled && email.url.empty() && !t.get("url"))
      problem(at("enabled"), "notify.email.url", "is required when notify.email.enabled is true");
    if (email.enabled && email.from.empty() && !t.get("from"))
      problem(at("enabled"), "notify.email.from", "is required when notify.email.enabled is true");
    if (!email.username.empty() && !email.password_file && !t.get("password_file"))
      problem(at("username"), "notify.email.password_file", "is required with notify.email.username");
    if (email.username.empty() && email.password_file)
      problem(at("password_file"), "notify.email.username", "is required with notify.email.password_file");
    // A password over a connection that may stay plain text is readable by anyone on the path.
    if (!email.username.empty() && email.url.rfind("smtp://", 0) == 0 && email.starttls != StartTls::required)
      problem(at("starttls"), "notify.email.starttls",
              "must be \"required\" when a username is set on an smtp:// URL (or use smtps://)");
  }

  void read_notify_webhook(const toml::table& t) {
    static constexpr std::string_view kKeys[] = {"enabled", "secret_file", "timeout_s"};
    auto& webhook = cfg_.notify.webhook;
    for (auto&& [key, node] : t) {
      const std::string dotted = join_key("notify.webhook", key.str());
      if (key.str() == "enabled") {
        if (auto b = notify_bool(node, dotted)) webhook.enabled = *b;
      } else if (key.str() == "secret_file") {
        if (auto p = path_of(node, dotted)) webhook.secret_file = *p;
      } else if (key.str() == "timeout_s") {
        if (auto v = int_in_range(node, dotted, 1, kMaxNotifyTimeoutS))
          webhook.timeout = std::chrono::seconds(*v);
      } else {
        unknown(key, "notify.webhook", kKeys);
      }
    }
    if (webhook.enabled && !webhook.secret_file && !t.get("secret_file")) {
      const toml::node* enabled = t.get("enabled");
      problem(enabled ? enabled->source() : t.source(), "notify.webhook.secret_file",
              "is required when notify.webhook.enabled is true (every request is signed)");
    }
  }

  void read_notify_log(const toml::table& t) {
    static constexpr std::string_view kKeys[] = {"enabled"};
    for (auto&& [key, node] : t) {
      const std::string dotted = join_key("notify.log", key.str());
      if (key.str() == "enabled") {
        if (auto b = notify_bool(node, dotted)) cfg_.notify.log.enabled = *b;
      } else {
        unknown(key, "notify.log", kKeys);
      }
    }
  }

  void read_logging(const toml::table& t) {
    static constexpr std::string_view kKeys[] = {"level", "file"};
    static constexpr std::string_view kLevels[] = {"trace", "debug", "info", "warn", "error", "off"};
    for (auto&& [key, node] : t) {
      const std::string dotted = join_key("logging", key.str());
      if (key.str() == "level") {
        auto level = string_of(node, dotted);
        if (!level) continue;
        if (std::find(std::begin(kLevels), std::end(kLevels), *level) == std::end(kLevels)) {
          problem(node.source(), dotted, "must be one of trace, debug, info, warn, error, off");
          continue;
        }
        cfg_.logging.level = *level;
      } else if (key.str() == "file") {
        if (auto p = path_of(node, dotted)) cfg_.logging.file = *p;
      } else {
        unknown(key, "logging", kKeys);
      }
    }
  }

  std::optional<double> rate_of(const toml::node& node, const std::string& key) {
    double v = 0;
    if (const auto* i = node.as_integer()) {
      v = static_cast<double>(i->get());
    } else if (const auto* f = node.as_floating_point()) {
      v = f->get();
    } else {
      wrong_type(node, key, "a number");
      return std::nullopt;
    }
    if (!std::isfinite(v) || v < 0 || v > 1e6) {
      problem(node.source(), key, "must be between 0 and 1000000");
      return std::nullopt;
    }
    return v;
  }

  void read_api(const toml::table& t) {
    static constexpr std::string_view kKeys[] = {
        "enabled",          "listen",          "port",      "tls_cert",          "tls_key",
        "max_body_bytes",   "max_header_bytes", "tokens",   "rate_limit_per_second",
        "rate_limit_burst", "request_timeout_s", "keep_alive_timeout_s", "max_connections"};
    ApiConfig& api = cfg_.api;
    const toml::node* cert_node = nullptr;
    const toml::node* key_node = nullptr;
    for (auto&& [key, node] : t) {
      const std::string dotted = join_key("api", key.str());
      const std::string_view k = key.str();
      if (k == "enabled") {
        if (const auto* b = node.as_boolean())
          api.enabled = b->get();
        else
          wrong_type(node, dotted, "true or false");
      } else if (k == "listen") {
        auto address = string_of(node, dotted);
        if (!address) continue;
        in6_addr buffer{};
        if (inet_pton(AF_INET, address->c_str(), &buffer) != 1 &&
            inet_pton(AF_INET6, address->c_str(), &buffer) != 1) {
          problem(node.source(), dotted, "must be an IPv4 or IPv6 address, e.g. 127.0.0.1");
          continue;
        }
        api.listen = *address;
      } else if (k == "port") {
        if (auto v = int_in_range(node, dotted, 0, 65535)) api.port = static_cast<std::uint16_t>(*v);
      } else if (k == "tls_cert") {
        cert_node = &node;
        if (auto p = path_of(node, dotted)) api.tls_cert = *p;
      } else if (k == "tls_key") {
        key_node = &node;
        if (auto p = path_of(node, dotted)) api.tls_key = *p;
      } else if (k == "max_body_bytes") {
        if (auto v = int_in_range(node, dotted, 1024, std::int64_t{1} << 30))
          api.max_body_bytes = static_cast<std::uint64_t>(*v);
      } else if (k == "max_header_bytes") {
        if (auto v = int_in_range(node, dotted, 1024, 1024 * 1024))
          api.max_header_bytes = static_cast<std::uint32_t>(*v);
      } else if (k == "rate_limit_per_second") {
        if (auto v = rate_of(node, dotted)) api.rate_limit_per_second = *v;
      } else if (k == "rate_limit_burst") {
        if (auto v = rate_of(node, dotted)) api.rate_limit_burst = *v;
      } else if (k == "request_timeout_s") {
        if (auto v = int_in_range(node, dotted, 1, 3600)) api.request_timeout = std::chrono::seconds(*v);
      } else if (k == "keep_alive_timeout_s") {
        if (auto v = int_in_range(node, dotted, 1, 3600)) api.keep_alive_timeout = std::chrono::seconds(*v);
      } else if (k == "max_connections") {
        if (auto v = int_in_range(node, dotted, 1, 100000)) api.max_connections = static_cast<std::uint32_t>(*v);
      } else if (k == "tokens") {
        read_api_tokens(node, dotted);
      } else {
        unknown(key, "api", kKeys);
      }
    }
    if (api.tls_cert.has_value() != api.tls_key.has_value()) {
      const toml::node* set = cert_node ? cert_node : key_node;
      if (set)
        problem(set->source(), cert_node ? "api.tls_key" : "api.tls_cert",
                "tls_cert and tls_key must be set together");
    }
    if (api.rate_limit_per_second > 0 && api.rate_limit_burst < 1) {
      if (const toml::node* n = t.get("rate_limit_burst"))
        problem(n->source(), "api.rate_limit_burst", "must be at least 1 when rate_limit_per_second is set");
    }
  }

  void read_api_tokens(const toml::node& node, const std::string& dotted) {
    const auto* array = node.as_array();
    if (!array || !array->is_array_of_tables()) {
      wrong_type(node, dotted, "an array of tables ([[api.tokens]])");
      return;
    }
    std::vector<ApiTokenConfig> tokens;
    for (std::size_t i = 0; i < array->size(); ++i) {
      const toml::table& table = *array->get(i)->as_table();
      const std::string prefix = dotted + "[" + std::to_string(i) + "]";
      static constexpr std::string_view kTokenKeys[] = {"name", "roles", "sha256"};
      ApiTokenConfig token;
      bool ok = true;
      for (auto&& [key, item] : table) {
        const std::string item_key = join_key(prefix, key.str());
        if (key.str() == "name") {
          auto name = string_of(item, item_key);
          const bool valid = name && !name->empty() && name->size() <= 64 &&
                             std::all_of(name->begin(), name->end(), [](char c) {
                               return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' ||
                                      c == '.';
                             });
          if (name && !valid)
            problem(item.source(), item_key, "must be 1-64 letters, digits, '-', '_' or '.'");
          if (valid)
            token.name = *name;
          else
            ok = false;
        } else if (key.str() == "roles") {
          const auto* roles = item.as_array();
          if (!roles || roles->empty()) {
            problem(item.source(), item_key, "must be a non-empty array of roles (ingest, read, act, admin)");
            ok = false;
            continue;
          }
          for (std::size_t r = 0; r < roles->size(); ++r) {
            const std::string role_key = item_key + "[" + std::to_string(r) + "]";
            auto role = string_of(*roles->get(r), role_key);
            if (!role) {
              ok = false;
            } else if (std::find(std::begin(kApiRoles), std::end(kApiRoles), *role) == std::end(kApiRoles)) {
              problem(roles->get(r)->source(), role_key, "must be one of ingest, read, act, admin");
              ok = false;
            } else {
              token.roles.push_back(*role);
            }
          }
        } else if (key.str() == "sha256") {
          auto hash = string_of(item, item_key);
          if (!hash) {
            ok = false;
            continue;
          }
          std::string lower;
          for (const char c : *hash) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
          if (lower.size() != 64 || lower.find_first_not_of("0123456789abcdef") != std::string::npos) {
            problem(item.source(), item_key,
                    "must be 64 hex digits (the output of `carewatch token new` or `carewatch token hash`)");
            ok = false;
            continue;
          }
          token.sha256 = lower;
        } else {
          unknown(key, prefix, kTokenKeys);
        }
      }
      for (std::string_view required : {"name", "roles", "sha256"}) {
        if (!table.contains(required)) {
          problem(table.source(), join_key(prefix, required), "is required");
          ok = false;
        }
      }
      for (const auto& other : tokens) {
        if (ok && other.name == token.name) {
          problem(table.source(), prefix + ".name", "another token is already named '" + token.name + "'");
          ok = false;
        } else if (ok && other.sha256 == token.sha256) {
          problem(table.source(), prefix + ".sha256", "the same hash as token '" + other.name + "'");
          ok = false;
        }
      }
      if (ok) tokens.push_back(std::move(token));
    }
    cfg_.api.tokens = std::move(tokens);
  }

  // --- [contacts], [routing], [[routes]] (daemon/routing/README.md) ---

  std::optional<std::vector<std::string>> string_list(const toml::node& node, const std::string& key) {
    const auto* array = node.as_array();
    if (!array) {
      wrong_type(node, key, "an array of strings");
      return std::nullopt;
    }
    std::vector<std::string> out;
    bool ok = true;
    for (std::size_t i = 0; i < array->size(); ++i) {
      const toml::node& item = *array->get(i);
      const std::string item_key = key + "[" + std::to_string(i) + "]";
      auto s = string_of(item, item_key);
      if (!s || s->empty()) {
        if (s) problem(item.source(), item_key, "must not be empty");
        ok = false;
        continue;
      }
      out.push_back(std::move(*s));
    }
    if (!ok) return std::nullopt;
    return out;
  }

  static bool valid_email(std::string_view s) {
    const auto at = s.find('@');
    return at != std::string_view::npos && at > 0 && at + 1 < s.size() &&
           s.find('@', at + 1) == std::string_view::npos &&
           s.find_first_of(" \t\r\n<>,;\"") == std::string_view::npos;
  }

  static bool valid_url(std::string_view s) {
    for (std::string_view scheme : {std::string_view("http://"), std::string_view("https://")})
      if (s.substr(0, scheme.size()) == scheme)
        return s.size() > scheme.size() && s.find_first_of(" \t\r\n") == std::string_view::npos;
    return false;
  }

  void read_role_contacts(const toml::node& node, const std::string& prefix, RoleContacts& out) {
    const auto* table = node.as_table();
    if (!table) {
      wrong_type(node, prefix, "a table of roles");
      return;
    }
    for (auto&& [role, cnode] : *table) {
      const std::string dotted = join_key(prefix, role.str());
      if (std::find(std::begin(kRoles), std::end(kRoles), role.str()) == std::end(kRoles)) {
        problem(role.source(), dotted, "unknown role" + suggestion(role.str(), kRoles));
        continue;
      }
      const auto* ct = cnode.as_table();
      if (!ct) {
        wrong_type(cnode, dotted, "a table such as { email = \"...\", webhook = \"...\" }");
        continue;
      }
      static constexpr std::string_view kKeys[] = {"email", "webhook"};
      Contact contact;
      for (auto&& [k, v] : *ct) {
        const std::string ck = join_key(dotted, k.str());
        if (k.str() == "email") {
          auto s = string_of(v, ck);
          if (s && !valid_email(*s))
            problem(v.source(), ck, "not an email address (expected name@domain)");
          else if (s)
            contact.email = *s;
        } else if (k.str() == "webhook") {
          auto s = string_of(v, ck);
          if (s && !valid_url(*s))
            problem(v.source(), ck, "not a webhook URL (expected http:// or https://)");
          else if (s)
            contact.webhook = *s;
        } else {
          problem(k.source(), ck, "unknown key" + suggestion(k.str(), kKeys));
        }
      }
      if (contact.email.empty() && contact.webhook.empty()) {
        if (ct->empty()) problem(cnode.source(), dotted, "needs an email, a webhook or both");
        continue;
      }
      out[std::string(role.str())] = std::move(contact);
    }
  }

  void read_contacts(const toml::table& t) {
    static constexpr std::string_view kKeys[] = {"default", "home", "authority"};
    for (auto&& [key, node] : t) {
      const std::string dotted = join_key("contacts", key.str());
      if (key.str() == "default") {
        read_role_contacts(node, dotted, cfg_.contacts.defaults);
      } else if (key.str() == "home" || key.str() == "authority") {
        const auto* ids = node.as_table();
        if (!ids) {
          wrong_type(node, dotted, "a table of ids");
          continue;
        }
        auto& by_id = key.str() == "home" ? cfg_.contacts.homes : cfg_.contacts.authorities;
        for (auto&& [id, inode] : *ids)
          read_role_contacts(inode, join_key(dotted, id.str()), by_id[std::string(id.str())]);
      } else {
        unknown(key, "contacts", kKeys);
      }
    }
  }

  std::optional<std::chrono::seconds> duration_of(const toml::node& node, const std::string& key,
                                                  bool allow_off) {
    auto s = string_of(node, key);
    if (!s) return std::nullopt;
    if (allow_off && (*s == "off" || *s == "0")) return std::chrono::seconds(0);
    auto d = parse_duration(*s);
    if (!d)
      problem(node.source(), key,
              std::string("expected a duration such as \"30m\", \"4h\", \"2d\" or \"1h30m\"") +
                  (allow_off ? " (or \"off\")" : ""));
    return d;
  }

  // One route: [[routes]] entries (with matchers) or [routing.default] (without).
  void read_route(const toml::table& t, const std::string& prefix, Route& route, bool matchers) {
    static constexpr std::string_view kKeys[] = {"name",  "rules",  "families",       "min_severity",
                                                 "homes", "levels", "repeat_interval"};
    bool have_levels = false;
    for (auto&& [key, node] : t) {
      const std::string dotted = join_key(prefix, key.str());
      const std::string_view k = key.str();
      const bool matcher = k == "rules" || k == "families" || k == "homes" || k == "min_severity";
      if (matcher && !matchers) {
        problem(key.source(), dotted,
                "the default route matches everything; put matchers in a [[routes]] entry");
      } else if (k == "name" && matchers) {
        if (auto s = string_of(node, dotted)) {
          if (s->empty())
            problem(node.source(), dotted, "must not be empty");
          else
            route.name = *s;
        }
      } else if (k == "rules" || k == "families" || k == "homes") {
        if (auto list = string_list(node, dotted))
          (k == "rules" ? route.rules : k == "families" ? route.families : route.homes) = std::move(*list);
      } else if (k == "min_severity") {
        auto s = string_of(node, dotted);
        if (!s) continue;
        route.min_severity = sdk::parse_severity(*s);
        if (!route.min_severity) problem(node.source(), dotted, "must be one of low, medium, high, critical");
      } else if (k == "repeat_interval") {
        if (auto d = duration_of(node, dotted, true)) route.repeat_interval = *d;
      } else if (k == "levels") {
        have_levels = true;
        read_levels(node, dotted, route);
      } else {
        unknown(key, prefix, kKeys);
      }
    }
    if (!have_levels)
      problem(t.source(), join_key(prefix, "levels"), "required: at least one [[...levels]] entry");
  }

  void read_levels(const toml::node& node, const std::string& dotted, Route& route) {
    const auto* array = node.as_array();
    if (!array || array->empty()) {
      if (array)
        problem(node.source(), dotted, "must have at least one level");
      else
        wrong_type(node, dotted, "an array of tables ([[...levels]])");
      return;
    }
    static constexpr std::string_view kKeys[] = {"roles", "timeout"};
    for (std::size_t i = 0; i < array->size(); ++i) {
      const toml::node& item = *array->get(i);
      const std::string lk = dotted + "[" + std::to_string(i) + "]";
      const auto* lt = item.as_table();
      if (!lt) {
        wrong_type(item, lk, "a table");
        continue;
      }
      RouteLevel level;
      bool have_roles = false;
      for (auto&& [key, v] : *lt) {
        const std::string k = join_key(lk, key.str());
        if (key.str() == "roles") {
          have_roles = true;
          auto roles = string_list(v, k);
          if (!roles) continue;
          if (roles->empty()) problem(v.source(), k, "must name at least one role");
          for (std::size_t r = 0; r < roles->size(); ++r) {
            const std::string& role = (*roles)[r];
            if (role != kEscalateToRole &&
                std::find(std::begin(kRoles), std::end(kRoles), role) == std::end(kRoles))
              problem(v.source(), k + "[" + std::to_string(r) + "]",
                      "unknown role \"" + role + "\"" + suggestion(role, kRoles) +
                          "; use a role name or \"escalate_to\"");
          }
          level.roles = std::move(*roles);
        } else if (key.str() == "timeout") {
          if (auto d = duration_of(v, k, false)) level.timeout = *d;
        } else {
          unknown(key, lk, kKeys);
        }
      }
      if (!have_roles) problem(lt->source(), join_key(lk, "roles"), "required");
      if (i + 1 < array->size() && level.timeout.count() == 0 && !lt->contains("timeout"))
        problem(lt->source(), join_key(lk, "timeout"), "required on every level but the last");
      route.levels.push_back(std::move(level));
    }
  }

  void read_routing(const toml::table& t) {
    static constexpr std::string_view kKeys[] = {"act_url", "default"};
    for (auto&& [key, node] : t) {
      const std::string dotted = join_key("routing", key.str());
      if (key.str() == "act_url") {
        auto s = string_of(node, dotted);
        if (s && !valid_url(*s))
          problem(node.source(), dotted, "must be an http:// or https:// URL");
        else if (s)
          cfg_.routing.act_url = *s;
      } else if (key.str() == "default") {
        const auto* rt = node.as_table();
        if (!rt) {
          wrong_type(node, dotted, "a table");
          continue;
        }
        Route route;
        route.name = "default";
        route.repeat_interval = builtin_default_route().repeat_interval;
        read_route(*rt, dotted, route, false);
        cfg_.routing.default_route = std::move(route);
      } else {
        unknown(key, "routing", kKeys);
      }
    }
  }

  void read_routes(const toml::node& node) {
    const auto* array = node.as_array();
    if (!array || !array->is_array_of_tables()) {
      wrong_type(node, "routes", "an array of tables ([[routes]])");
      return;
    }
    for (std::size_t i = 0; i < array->size(); ++i) {
      const std::string prefix = "routes[" + std::to_string(i) + "]";
      const auto& t = *array->get(i)->as_table();
      Route route;
      route.repeat_interval = builtin_default_route().repeat_interval;
      read_route(t, prefix, route, true);
      if (route.name.empty()) route.name = "route " + std::to_string(i + 1);
      for (const auto& other : cfg_.routing.routes)
        if (other.name == route.name)
          problem(t.source(), join_key(prefix, "name"), "\"" + route.name + "\" names an earlier route too");
      cfg_.routing.routes.push_back(std::move(route));
    }
  }

  std::filesystem::path file_;
  std::filesystem::path base_;
  Config& cfg_;
  std::vector<ConfigProblem> problems_;
};

std::string join_problems(const std::vector<ConfigProblem>& problems) {
  std::string out;
  for (const auto& p : problems) {
    if (!out.empty()) out += '\n';
    out += p.to_string();
  }
  return out;
}

}  // namespace

std::string ConfigProblem::to_string() const {
  std::string out = file.string();
  if (line > 0) out += ":" + std::to_string(line);
  out += ": ";
  if (!key.empty()) out += key + ": ";
  out += reason;
  return out;
}

ConfigError::ConfigError(std::vector<ConfigProblem> problems)
    : std::runtime_error(join_problems(problems)), problems_(std::move(problems)) {}

Config default_config() {
  Config cfg;
  cfg.store.database = CAREWATCH_DEFAULT_DB;
  cfg.plugins.directory = CAREWATCH_DEFAULT_PLUGIN_DIR;
  cfg.calendar.bank_holidays = CAREWATCH_DEFAULT_BANK_HOLIDAYS;
  cfg.routing.default_route = builtin_default_route();
  return cfg;
}

Config parse_config(std::string_view text, const std::filesystem::path& file) {
  Config cfg = default_config();
  cfg.source = file;
  toml::table root;
  try {
    root = toml::parse(text, file.string());
  } catch (const toml::parse_error& e) {
    throw ConfigError({ConfigProblem{file, e.source().begin.line, "", std::string(e.description())}});
  }
  Reader reader(file, cfg);
  reader.read(root);
  auto& problems = reader.problems();
  // toml++ keeps a table's keys sorted, not in file order; report in the order a reader meets them.
  std::stable_sort(problems.begin(), problems.end(),
                   [](const ConfigProblem& a, const ConfigProblem& b) { return a.line < b.line; });
  if (!problems.empty()) throw ConfigError(std::move(problems));
  return cfg;
}

Config load_config(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    const int err = errno;
    throw ConfigError({ConfigProblem{file, 0, "", "cannot read: " + std::generic_category().message(err)}});
  }
  std::ostringstream ss;
  ss << in.rdbuf();
  return parse_config(ss.str(), file);
}

Route builtin_default_route() {
  Route route;
  route.name = "default";
  route.levels.push_back({{std::string(kEscalateToRole)}, std::chrono::seconds(0)});
  route.repeat_interval = std::chrono::hours(24);
  return route;
}

std::optional<std::chrono::seconds> parse_duration(std::string_view text) {
  if (text.empty()) return std::nullopt;
  std::int64_t total = 0;
  std::size_t i = 0;
  while (i < text.size()) {
    std::int64_t n = 0;
    const std::size_t start = i;
    while (i < text.size() && text[i] >= '0' && text[i] <= '9') {
      if (n > std::int64_t{1} << 40) return std::nullopt;
      n = n * 10 + (text[i] - '0');
      ++i;
    }
    if (i == start || i == text.size()) return std::nullopt;
    std::int64_t unit = 0;
    switch (text[i]) {
      case 's':
        unit = 1;
        break;
      case 'm':
        unit = 60;
        break;
      case 'h':
        unit = 3600;
        break;
      case 'd':
        unit = 86400;
        break;
      default:
        return std::nullopt;
    }
    ++i;
    total += n * unit;
    if (total > std::int64_t{366} * 86400 * 10) return std::nullopt;
  }
  if (total <= 0) return std::nullopt;
  return std::chrono::seconds(total);
}

sdk::Calendar load_calendar(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw ConfigError("cannot read bank-holiday data " + file.string());
  std::ostringstream ss;
  ss << in.rdbuf();
  std::string error;
  auto calendar = sdk::Calendar::parse(ss.str(), &error);
  if (!calendar) throw ConfigError(file.string() + ": " + error);
  return *calendar;
}

}  // namespace carewatch::config
