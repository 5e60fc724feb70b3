#pragma once
// Instants and dates as RECORDS.md defines them: RFC 3339 timestamps with an explicit offset, held as
// UTC seconds, and YYYY-MM-DD dates. Fractions of a second are accepted and truncated: no deadline in
// the regulations is finer than a second.

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace carewatch::sdk {

using TimePoint = std::chrono::sys_seconds;
using Date = std::chrono::year_month_day;
using Seconds = std::chrono::seconds;
using std::chrono::days;
using std::chrono::hours;
using std::chrono::minutes;

namespace detail {

constexpr bool parse_digits(std::string_view s, std::size_t pos, std::size_t n, int& out) noexcept {
  if (pos + n > s.size()) return false;
  int v = 0;
  for (std::size_t i = pos; i < pos + n; ++i) {
    const char c = s[i];
    if (c < '0' || c > '9') return false;
    v = v * 10 + (c - '0');
  }
  out = v;
  return true;
}

inline void append_digits(std::string& out, long long v, int width) {
  std::string digits = std::to_string(v < 0 ? -v : v);
  if (v < 0) out.push_back('-');
  for (int i = static_cast<int>(digits.size()); i < width; ++i) out.push_back('0');
  out += digits;
}

}  // namespace detail

// Parses YYYY-MM-DD; nullopt when malformed or not a real calendar date.
inline std::optional<Date> parse_date(std::string_view s) noexcept {
  int y = 0, m = 0, d = 0;
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
  if (!detail::parse_digits(s, 0, 4, y) || !detail::parse_digits(s, 5, 2, m) ||
      !detail::parse_digits(s, 8, 2, d))
    return std::nullopt;
  const Date date{std::chrono::year{y}, std::chrono::month{static_cast<unsigned>(m)},
                  std::chrono::day{static_cast<unsigned>(d)}};
  if (!date.ok()) return std::nullopt;
  return date;
}

// Parses an RFC 3339 timestamp that carries an explicit offset ("Z" or "+HH:MM"/"-HH:MM").
inline std::optional<TimePoint> parse_timestamp(std::string_view s) noexcept {
  if (s.size() < 20) return std::nullopt;
  const auto date = parse_date(s.substr(0, 10));
  if (!date) return std::nullopt;
  if (s[10] != 'T' && s[10] != 't') return std::nullopt;
  int hh = 0, mm = 0, ss = 0;
  if (!detail::parse_digits(s, 11, 2, hh) || s[13] != ':' || !detail::parse_digits(s, 14, 2, mm) ||
      s[16] != ':' || !detail::parse_digits(s, 17, 2, ss))
    return std::nullopt;
  // A leap second (60) is folded into the second before it.
  if (hh > 23 || mm > 59 || ss > 60) return std::nullopt;
  if (ss == 60) ss = 59;
  std::size_t pos = 19;
  if (pos < s.size() && s[pos] == '.') {
    ++pos;
    const std::size_t start = pos;
    while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') ++pos;
    if (pos == start) return std::nullopt;
  }
  if (pos >= s.size()) return std::nullopt;
  int offset_minutes = 0;
  if (s[pos] == 'Z' || s[pos] == 'z') {
    ++pos;
  } else if (s[pos] == '+' || s[pos] == '-') {
    int oh = 0, om = 0;
    if (!detail::parse_digits(s, pos + 1, 2, oh) || pos + 3 >= s.size() || s[pos + 3] != ':' ||
        !detail::parse_digits(s, pos + 4, 2, om))
      return std::nullopt;
    if (oh > 23 || om > 59) return std::nullopt;
    offset_minutes = (oh * 60 + om) * (s[pos] == '-' ? -1 : 1);
    pos += 6;
  } else {
    return std::nullopt;
  }
  if (pos != s.size()) return std::nullopt;
  const auto local = std::chrono::sys_days{*date} + hours{hh} + minutes{mm} + Seconds{ss};
  return std::chrono::time_point_cast<Seconds>(local - minutes{offset_minutes});
}

// Formats as UTC, e.g. 2025-03-01T21:40:00Z.
inline std::string format_timestamp(TimePoint t) {
  const auto day = std::chrono::floor<days>(t);
  const Date date{day};
  const std::chrono::hh_mm_ss hms{t - day};
  std::string out;
  out.reserve(20);
  detail::append_digits(out, static_cast<int>(date.year()), 4);
  out.push_back('-');
  detail::append_digits(out, static_cast<unsigned>(date.month()), 2);
  out.push_back('-');
  detail::append_digits(out, static_cast<unsigned>(date.day()), 2);
  out.push_back('T');
  detail::append_digits(out, hms.hours().count(), 2);
  out.push_back(':');
  detail::append_digits(out, hms.minutes().count(), 2);
  out.push_back(':');
  detail::append_digits(out, hms.seconds().count(), 2);
  out.push_back('Z');
  return out;
}

inline std::string format_date(Date d) {
  std::string out;
  out.reserve(10);
  detail::append_digits(out, static_cast<int>(d.year()), 4);
  out.push_back('-');
  detail::append_digits(out, static_cast<unsigned>(d.month()), 2);
  out.push_back('-');
  detail::append_digits(out, static_cast<unsigned>(d.day()), 2);
  return out;
}

inline std::int64_t to_unix(TimePoint t) noexcept { return t.time_since_epoch().count(); }
inline TimePoint from_unix(std::int64_t s) noexcept { return TimePoint{Seconds{s}}; }

}  // namespace carewatch::sdk
