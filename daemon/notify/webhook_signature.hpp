#pragma once
// The webhook signature scheme, shared by WebhookNotifier and anyone verifying its requests.
//
// Every webhook POST carries
//   X-Carewatch-Timestamp: <seconds since the Unix epoch, decimal>
//   X-Carewatch-Signature: sha256=<lower-case hex HMAC-SHA256>
// where the HMAC key is the configured secret (the bytes of the secret file, trailing newline removed)
// and the signed bytes are   <timestamp> "." <request body>   (the header's digits, one full stop,
// then the body exactly as sent). A receiver recomputes the HMAC, compares in constant time, and
// refuses timestamps more than a few minutes from its own clock, which bounds replays.

#include <string>
#include <string_view>

namespace carewatch::notify {

inline constexpr std::string_view kTimestampHeader = "X-Carewatch-Timestamp";
inline constexpr std::string_view kSignatureHeader = "X-Carewatch-Signature";
inline constexpr std::string_view kSignaturePrefix = "sha256=";

// Lower-case hex HMAC-SHA256 of `timestamp + "." + body` under `secret` (without the "sha256=" prefix).
std::string webhook_signature(std::string_view secret, std::string_view timestamp, std::string_view body);

// Lower-case hex of `bytes`.
std::string to_hex(std::string_view bytes);

}  // namespace carewatch::notify
