#pragma once
// Bearer tokens of the HTTP API: how they are made and hashed. The configuration holds only the
// SHA-256 of each token ([[api.tokens]] sha256), so a leaked configuration file grants nothing.

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace carewatch::api {

using Digest = std::array<std::uint8_t, 32>;

// SHA-256 of `text` (OpenSSL).
Digest sha256(std::string_view text);
// 64 lowercase hex digits.
std::string to_hex(const Digest& digest);
// Parses 64 hex digits (either case); nullopt otherwise.
std::optional<Digest> parse_hex_digest(std::string_view hex);

// A new random token: "cw_" followed by 43 base64url characters (256 bits from OpenSSL's CSPRNG).
// Throws std::runtime_error if the generator fails.
std::string new_token();

}  // namespace carewatch::api
