#include "api/token_table.hpp"

#include <openssl/crypto.h>

#include <stdexcept>

namespace carewatch::api {

std::optional<Role> parse_role(std::string_view text) noexcept {
  if (text == "ingest") return Role::ingest;
  if (text == "read") return Role::read;
  if (text == "act") return Role::act;
  if (text == "admin") return Role::admin;
  return std::nullopt;
}

std::string_view to_string(Role role) noexcept {
  switch (role) {
    case Role::ingest:
      return "ingest";
    case Role::read:
      return "read";
    case Role::act:
      return "act";
    case Role::admin:
      return "admin";
  }
  return "unknown";
}

TokenTable::TokenTable(const std::vector<config::ApiTokenConfig>& tokens) {
  for (const auto& t : tokens) {
    auto hash = parse_hex_digest(t.sha256);
    if (!hash) throw std::invalid_argument("api token '" + t.name + "': sha256 is not 64 hex digits");
    Entry entry{*hash, Principal{t.name, 0}};
    for (const auto& r : t.roles) {
      auto role = parse_role(r);
      if (!role) throw std::invalid_argument("api token '" + t.name + "': unknown role '" + r + "'");
      entry.principal.roles |= static_cast<unsigned>(*role);
    }
    entries_.push_back(std::move(entry));
  }
}

std::optional<Principal> TokenTable::authenticate(std::string_view presented) const {
  const Digest hash = sha256(presented);
  const Entry* found = nullptr;
  for (const auto& e : entries_) {
    // No early exit: every configured hash is compared.
    if (CRYPTO_memcmp(e.hash.data(), hash.data(), hash.size()) == 0) found = &e;
  }
  if (!found) return std::nullopt;
  return found->principal;
}

}  // namespace carewatch::api
