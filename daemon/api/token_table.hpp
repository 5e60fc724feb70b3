#pragma once
// TokenTable: the configured API tokens, looked up by the SHA-256 of a presented bearer token.
//
// Roles (daemon/api/README.md has the endpoint table):
//   ingest - POST /v1/records
//   read   - GET /v1/escalations, /v1/escalations/{id}, /v1/rules, /v1/plugins, /metrics
//   act    - POST /v1/escalations/{id}/ack|resolve|silence
//   admin  - everything
// Roles do not imply one another (except admin): a person who acknowledges escalations usually holds
// ["read", "act"]; an ingest feed holds only ["ingest"].

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "api/tokens.hpp"
#include "config/config.hpp"

namespace carewatch::api {

enum class Role : unsigned { ingest = 1, read = 2, act = 4, admin = 8 };

std::optional<Role> parse_role(std::string_view text) noexcept;
std::string_view to_string(Role role) noexcept;

struct Principal {
  std::string name;
  unsigned roles = 0;  // bit set of Role
  bool allows(Role role) const noexcept {
    return (roles & static_cast<unsigned>(Role::admin)) != 0 || (roles & static_cast<unsigned>(role)) != 0;
  }
};

class TokenTable {
 public:
  TokenTable() = default;
  // Tokens as validated by the configuration reader; throws std::invalid_argument on a bad hash or
  // role (a configuration built without the reader).
  explicit TokenTable(const std::vector<config::ApiTokenConfig>& tokens);

  // The token whose hash matches SHA-256(`presented`). Compares against every configured hash with
  // CRYPTO_memcmp and without stopping at a match, so the time taken does not depend on which
  // token (if any) matched or where the first differing byte is.
  std::optional<Principal> authenticate(std::string_view presented) const;

  std::size_t size() const noexcept { return entries_.size(); }

 private:
  struct Entry {
    Digest hash;
    Principal principal;
  };
  std::vector<Entry> entries_;
};

}  // namespace carewatch::api
