#include "routing/router.hpp"

#include <algorithm>
#include <utility>

namespace carewatch::routing {
namespace {

bool listed(const std::vector<std::string>& list, std::string_view value) {
  return std::find(list.begin(), list.end(), value) != list.end();
}

bool matches(const config::Route& route, const Target& t) {
  if (!route.rules.empty() || !route.families.empty()) {
    if (!listed(route.rules, t.rule) && !listed(route.families, t.family)) return false;
  }
  if (route.min_severity && t.severity < *route.min_severity) return false;
  if (!route.homes.empty() && !listed(route.homes, t.home)) return false;
  return true;
}

enum class Scope { home, placing, host };

Scope scope_of(std::string_view role) {
  if (role == "placing_authority" || role == "iro" || role == "social_worker") return Scope::placing;
  if (role == "host_authority" || role == "lado") return Scope::host;
  return Scope::home;
}

const config::Contact* find_in(const std::map<std::string, config::RoleContacts>& by_id,
                               const std::string& id, std::string_view role) {
  if (id.empty()) return nullptr;
  auto it = by_id.find(id);
  if (it == by_id.end()) return nullptr;
  auto c = it->second.find(std::string(role));
  return c == it->second.end() ? nullptr : &c->second;
}

}  // namespace

Target Target::of(const escalation::Escalation& e) {
  Target t;
  t.rule = e.rule;
  t.family = e.checker.substr(0, e.checker.find('/'));
  t.severity = e.severity;
  t.home = e.home;
  t.child = e.child;
  t.escalate_to = e.escalate_to;
  return t;
}

Router::Router(config::ContactsConfig contacts, config::RoutingConfig routing)
    : contacts_(std::move(contacts)), routing_(std::move(routing)) {
  // A configuration built in code (tests, defaults) may leave the default route empty.
  if (routing_.default_route.levels.empty()) routing_.default_route = config::builtin_default_route();
}

const config::Route& Router::route_for(const Target& target) const {
  for (const auto& route : routing_.routes)
    if (matches(route, target)) return route;
  return routing_.default_route;
}

const config::Route* Router::find_route(std::string_view name) const {
  for (const auto& route : routing_.routes)
    if (route.name == name) return &route;
  if (routing_.default_route.name == name || name == "default") return &routing_.default_route;
  return nullptr;
}

std::optional<config::Contact> Router::contact(std::string_view role, const Target& target,
                                               const Authorities& authorities, std::string& source) const {
  const Scope scope = scope_of(role);
  if (scope != Scope::home) {
    const std::string& authority = scope == Scope::placing ? authorities.placing : authorities.host;
    if (const auto* c = find_in(contacts_.authorities, authority, role)) {
      source = "contacts.authority." + authority;
      return *c;
    }
  }
  if (const auto* c = find_in(contacts_.homes, target.home, role)) {
    source = "contacts.home." + target.home;
    return *c;
  }
  if (auto it = contacts_.defaults.find(std::string(role)); it != contacts_.defaults.end()) {
    source = "contacts.default";
    return it->second;
  }
  return std::nullopt;
}

LevelRecipients Router::recipients(const config::Route& route, std::size_t level, const Target& target,
                                   const Authorities& authorities) const {
  LevelRecipients out;
  out.level = level;
  if (level >= route.levels.size()) return out;
  const config::RouteLevel& rung = route.levels[level];
  out.timeout = level + 1 < route.levels.size() ? rung.timeout : std::chrono::seconds(0);
  for (const auto& role : rung.roles) {
    if (role == config::kEscalateToRole) {
      for (const auto& r : target.escalate_to)
        if (!listed(out.roles, r)) out.roles.push_back(r);
    } else if (!listed(out.roles, role)) {
      out.roles.push_back(role);
    }
  }
  auto add = [&out](const std::string& role, outbox::Channel channel, const std::string& address,
                    const std::string& source) {
    for (auto& r : out.recipients)
      if (r.channel == channel && r.address == address) {
        r.role += "," + role;
        return;
      }
    out.recipients.push_back({role, channel, address, source});
  };
  for (const auto& role : out.roles) {
    std::string source;
    const auto c = contact(role, target, authorities, source);
    if (!c) {
      out.unreached.push_back(role);
      add(role, outbox::Channel::log, std::string(kLogRecipient), "");
      continue;
    }
    if (!c->email.empty()) add(role, outbox::Channel::email, c->email, source);
    if (!c->webhook.empty()) add(role, outbox::Channel::webhook, c->webhook, source);
  }
  return out;
}

}  // namespace carewatch::routing
