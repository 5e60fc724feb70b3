#include "notify/email_message.hpp"

#include <algorithm>
#include <array>
#include <ctime>

#include <openssl/sha.h>

#include "notify/webhook_signature.hpp"

namespace carewatch::notify {
namespace {

bool has_control(std::string_view value) {
  return std::any_of(value.begin(), value.end(), [](char c) {
    const auto b = static_cast<unsigned char>(c);
    return b < 0x20 || b == 0x7f;
  });
}

bool is_ascii_printable(std::string_view value) {
  return std::all_of(value.begin(), value.end(), [](char c) {
    const auto b = static_cast<unsigned char>(c);
    return b >= 0x20 && b < 0x7f;
  });
}

bool dot_atom_safe(std::string_view value) {
  if (value.empty() || value.front() == '.' || value.back() == '.' ||
      value.find("..") != std::string_view::npos)
    return false;
  return std::all_of(value.begin(), value.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
           c == '-' || c == '_';
  });
}

std::string base64(std::string_view bytes) {
  static constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  std::size_t i = 0;
  auto at = [&](std::size_t k) { return static_cast<unsigned char>(bytes[k]); };
  for (; i + 2 < bytes.size(); i += 3) {
    const unsigned v = (at(i) << 16) | (at(i + 1) << 8) | at(i + 2);
    out += kAlphabet[(v >> 18) & 63];
    out += kAlphabet[(v >> 12) & 63];
    out += kAlphabet[(v >> 6) & 63];
    out += kAlphabet[v & 63];
  }
  if (i + 1 == bytes.size()) {
    const unsigned v = at(i) << 16;
    out += kAlphabet[(v >> 18) & 63];
    out += kAlphabet[(v >> 12) & 63];
    out += "==";
  } else if (i + 2 == bytes.size()) {
    const unsigned v = (at(i) << 16) | (at(i + 1) << 8);
    out += kAlphabet[(v >> 18) & 63];
    out += kAlphabet[(v >> 12) & 63];
    out += kAlphabet[(v >> 6) & 63];
    out += '=';
  }
  return out;
}

// The Subject value: as is when printable ASCII, otherwise RFC 2047 "B" encoded-words of at most 39
// bytes each (64 characters encoded: within the 75-character limit, and the first line with
// "Subject: " stays under 78), split only between UTF-8 sequences and folded onto continuation lines.
std::string encode_subject(std::string_view subject) {
  if (is_ascii_printable(subject) && subject.size() <= 900) return std::string(subject);
  std::string out;
  std::size_t start = 0;
  while (start < subject.size()) {
    std::size_t end = std::min(subject.size(), start + 39);
    while (end < subject.size() && end > start + 1 &&
           (static_cast<unsigned char>(subject[end]) & 0xC0) == 0x80)
      --end;
    if (!out.empty()) out += "\r\n ";
    out += "=?UTF-8?B?" + base64(subject.substr(start, end - start)) + "?=";
    start = end;
  }
  return out;
}

std::string message_id(std::string_view key, std::string_view from) {
  std::string local;
  if (dot_atom_safe(key) && key.size() <= 128) {
    local = key;
  } else {
    std::array<unsigned char, SHA256_DIGEST_LENGTH> digest{};
    SHA256(reinterpret_cast<const unsigned char*>(key.data()), key.size(), digest.data());
    local = to_hex(std::string_view(reinterpret_cast<const char*>(digest.data()), digest.size()));
  }
  std::string_view domain = from.substr(from.rfind('@') + 1);
  if (!dot_atom_safe(domain)) domain = "carewatch.invalid";
  return "<carewatch." + local + "@" + std::string(domain) + ">";
}

}  // namespace

bool plausible_address(std::string_view address) {
  const auto at = address.rfind('@');
  if (at == std::string_view::npos || at == 0 || at + 1 == address.size() || address.size() > 254)
    return false;
  return std::none_of(address.begin(), address.end(), [](char c) {
    const auto b = static_cast<unsigned char>(c);
    return b <= 0x20 || b == 0x7f || c == '<' || c == '>' || c == ',' || c == ';' || c == '"' || c == '(' ||
           c == ')' || c == '\\';
  });
}

std::string rfc5322_date(sdk::TimePoint when) {
  const std::time_t t = std::chrono::system_clock::to_time_t(when);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buffer[64];
  // %a and %b are locale-dependent; RFC 5322 wants the English names, so they are spelt out here.
  static constexpr const char* kDays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                            "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  std::snprintf(buffer, sizeof buffer, "%s, %02d %s %04d %02d:%02d:%02d +0000", kDays[tm.tm_wday], tm.tm_mday,
                kMonths[tm.tm_mon], tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec);
  return buffer;
}

std::string quoted_printable(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  std::size_t column = 0;
  auto emit = [&](std::string_view piece) {
    if (column + piece.size() > 75) {  // soft line break: "=" then CRLF, the "=" counting as the 76th
      out += "=\r\n";
      column = 0;
    }
    out += piece;
    column += piece.size();
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '\r' || c == '\n') {
      if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
      out += "\r\n";
      column = 0;
      continue;
    }
    const auto b = static_cast<unsigned char>(c);
    const bool line_end = i + 1 == text.size() || text[i + 1] == '\r' || text[i + 1] == '\n';
    // Where a literal character would land: at the start of a line after a soft line break too.
    const bool line_start = column == 0 || column + 1 > 75;
    // Literal: printable ASCII except "="; a space or tab only when not the last on its line (mail
    // software strips trailing white space); a "." starting a line is encoded for old relays.
    const bool literal = (b >= 33 && b <= 126 && c != '=' && !(c == '.' && line_start)) ||
                         ((c == ' ' || c == '\t') && !line_end);
    if (literal) {
      emit(std::string_view(&text[i], 1));
    } else {
      const char encoded[3] = {'=', kHex[b >> 4], kHex[b & 15]};
      emit(std::string_view(encoded, 3));
    }
  }
  if (out.size() < 2 || out.compare(out.size() - 2, 2, "\r\n") != 0) out += "\r\n";
  return out;
}

ComposedEmail compose_email(const outbox::Message& message, std::string_view from, sdk::TimePoint date) {
  ComposedEmail email;
  if (!plausible_address(from)) {
    email.error = "the from address is not a plain address";
    return email;
  }
  if (!plausible_address(message.recipient)) {
    email.error = "the recipient is not a plain address";
    return email;
  }
  if (has_control(message.subject)) {
    email.error = "the subject contains a line break or control character";
    return email;
  }
  if (message.idempotency_key.empty() || has_control(message.idempotency_key) ||
      !is_ascii_printable(message.idempotency_key)) {
    email.error = "the idempotency key is empty or not printable ASCII";
    return email;
  }
  const sdk::TimePoint when = message.created_at == sdk::TimePoint{} ? date : message.created_at;
  std::string& t = email.text;
  t += "Date: " + rfc5322_date(when) + "\r\n";
  t += "From: " + std::string(from) + "\r\n";
  t += "To: " + message.recipient + "\r\n";
  t += "Subject: " + encode_subject(message.subject) + "\r\n";
  t += "Message-ID: " + message_id(message.idempotency_key, from) + "\r\n";
  t += "X-Carewatch-Idempotency-Key: " + message.idempotency_key + "\r\n";
  t += "Auto-Submitted: auto-generated\r\n";
  t += "MIME-Version: 1.0\r\n";
  t += "Content-Type: text/plain; charset=UTF-8\r\n";
  t += "Content-Transfer-Encoding: quoted-printable\r\n";
  t += "\r\n";
  t += quoted_printable(message.body);
  return email;
}

}  // namespace carewatch::notify
