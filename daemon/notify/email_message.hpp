#pragma once
// The RFC 5322 text of one notification email, built from an outbox message and nothing else.
//
//   Date: Thu, 26 Nov 2026 09:00:00 +0000          (message.created_at, UTC)
//   From: <from>
//   To: <message.recipient>
//   Subject: <message.subject>                       (RFC 2047 UTF-8 encoded-words when not ASCII)
//   Message-ID: <carewatch.<key>@<from's domain>>    (key hex-hashed when not dot-atom safe)
//   X-Carewatch-Idempotency-Key: <message.idempotency_key>
//   Auto-Submitted: auto-generated                   (RFC 3834: no auto-replies)
//   MIME-Version: 1.0
//   Content-Type: text/plain; charset=UTF-8
//   Content-Transfer-Encoding: quoted-printable
//
//   <message.body, quoted-printable, CRLF line ends>
//
// Header values come from configuration and from the message; any of them holding CR, LF or another
// control character is refused (header injection), as is an address that is not a bare addr-spec.

#include <optional>
#include <string>
#include <string_view>

#include <carewatch/sdk/time.hpp>

#include "outbox/message.hpp"

namespace carewatch::notify {

struct ComposedEmail {
  std::string text;   // the whole message, CRLF line ends; empty when refused
  std::string error;  // why it was refused; empty on success (never personal data)
  explicit operator bool() const noexcept { return error.empty(); }
};

// `date` is used when message.created_at is unset (the epoch).
ComposedEmail compose_email(const outbox::Message& message, std::string_view from, sdk::TimePoint date);

// True for a bare addr-spec "local@domain" with no spaces, angle brackets, commas or control characters.
bool plausible_address(std::string_view address);

// RFC 5322 date-time in UTC, e.g. "Thu, 26 Nov 2026 09:00:00 +0000".
std::string rfc5322_date(sdk::TimePoint when);

// Quoted-printable (RFC 2045 6.7) of UTF-8 text; line ends normalised to CRLF, lines kept under 76.
std::string quoted_printable(std::string_view text);

}  // namespace carewatch::notify
