#pragma once
// Router: which route an escalation follows and who is told at each of its levels (DESIGN.md step 5:
// "routing maps rule, severity and home to roles and their contacts").
//
//   route    the first [[routes]] entry whose matchers all match (rules/families: either list may
//            name it), else [routing.default]
//   level    its roles, with "escalate_to" replaced by the finding's own roles
//   role     a contact, looked up in order:
//              placing_authority, iro, social_worker: contacts.authority.<child's placing authority>,
//                                                     contacts.home.<home>, contacts.default
//              host_authority, lado:                  contacts.authority.<home's host authority>,
//                                                     contacts.home.<home>, contacts.default
//              the others:                            contacts.home.<home>, contacts.default
//   contact  one recipient per channel it has (email address, webhook URL)
//
// A role with no contact is not dropped: its recipient is the daemon's log (channel log), so nothing
// is unrouted and the operator sees which contact is missing. Recipients are de-duplicated by
// (channel, address) within a level; one holding several roles is told once, as "role1,role2".
//
// Immutable after construction; safe to share between threads.

#include <chrono>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <carewatch/sdk/finding.hpp>

#include "config/config.hpp"
#include "escalation/escalation_store.hpp"
#include "outbox/message.hpp"
#include "routing/authorities.hpp"

namespace carewatch::routing {

// The log recipient for roles with no contact.
inline constexpr std::string_view kLogRecipient = "carewatchd";

// What routing needs to know about an escalation.
struct Target {
  std::string rule;
  std::string family;  // the plugin that owns the rule ("carewatch" for health findings)
  sdk::Severity severity = sdk::Severity::medium;
  std::string home;   // empty: none
  std::string child;  // empty: none
  std::vector<std::string> escalate_to;

  static Target of(const escalation::Escalation& e);
};

struct Recipient {
  std::string role;  // the role(s) it is told as, comma-separated when one contact holds several
  outbox::Channel channel = outbox::Channel::log;
  std::string address;  // email address, webhook URL, or kLogRecipient
  std::string source;   // where the contact was found, e.g. "contacts.authority.LA01"; "" for the log
};

struct LevelRecipients {
  std::size_t level = 0;            // 0 = the first
  std::chrono::seconds timeout{0};  // 0: the last level
  std::vector<std::string> roles;   // expanded, in order, without duplicates
  std::vector<Recipient> recipients;
  std::vector<std::string> unreached;  // roles with no contact (told through the log)
};

class Router {
 public:
  Router(config::ContactsConfig contacts, config::RoutingConfig routing);

  // The route `target` follows.
  const config::Route& route_for(const Target& target) const;
  // A route by name (the default route is "default"); null when the configuration has none by that
  // name (e.g. after a reload).
  const config::Route* find_route(std::string_view name) const;
  // Who is told at `level` of `route` (level < route.levels.size()).
  LevelRecipients recipients(const config::Route& route, std::size_t level, const Target& target,
                             const Authorities& authorities) const;

  const std::string& act_url() const noexcept { return routing_.act_url; }
  const config::RoutingConfig& routing() const noexcept { return routing_; }

 private:
  std::optional<config::Contact> contact(std::string_view role, const Target& target,
                                         const Authorities& authorities, std::string& source) const;

  config::ContactsConfig contacts_;
  config::RoutingConfig routing_;
};

}  // namespace carewatch::routing
