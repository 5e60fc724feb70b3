#pragma once
// The calendar every deadline is computed in: Europe/London local time, weekends, and England and Wales
// bank holidays loaded from a shipped, updatable data file.
//
// Conventions a reader would otherwise get wrong:
// - Europe/London is GMT in winter and BST (UTC+1) from 01:00 UTC on the last Sunday of March to
//   01:00 UTC on the last Sunday of October (the rule in force since 1996; records start in 2015).
// - Hour deadlines (24 h, 48 h, 72 h) are plain durations and ignore clock changes; day, month and
//   working-day deadlines move on the local wall clock, so "5 days after 10:00" is 10:00 local time.
// - A local time that does not exist (the spring gap) moves forward an hour; one that exists twice
//   (the autumn overlap) means the first, BST, instant.
// - "n working days from t": if t falls on a working day, the same local time on the n-th following
//   working day; otherwise the clock starts at the start of the next working day, so an allegation
//   received on a Saturday has until the end of Monday (start of Tuesday) for one working day.

#include <algorithm>
#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <carewatch/sdk/time.hpp>

namespace carewatch::sdk {

class Calendar {
 public:
  // Weekends only: no bank holidays known. Useful in tests; the daemon always loads the data file.
  Calendar() = default;
  // `bank_holidays` need not be sorted; `first_year`..`last_year` is the span the data is known to cover.
  Calendar(std::vector<Date> bank_holidays, int first_year, int last_year)
      : holidays_(std::move(bank_holidays)), first_year_(first_year), last_year_(last_year) {
    std::sort(holidays_.begin(), holidays_.end());
    holidays_.erase(std::unique(holidays_.begin(), holidays_.end()), holidays_.end());
  }

  // Parses the bank-holiday data format: one `YYYY-MM-DD name` per line, `#` comments, blank lines,
  // and exactly one `covers FIRST_YEAR LAST_YEAR` line. On error returns nullopt and sets `error` to
  // "line N: reason".
  static std::optional<Calendar> parse(std::string_view text, std::string* error = nullptr);

  // --- Europe/London ---
  static bool is_bst(TimePoint t) noexcept;
  static Seconds utc_offset(TimePoint t) noexcept { return is_bst(t) ? Seconds{3600} : Seconds{0}; }
  static std::chrono::local_seconds to_local(TimePoint t) noexcept;
  static TimePoint from_local(std::chrono::local_seconds local) noexcept;
  static Date local_date(TimePoint t) noexcept;
  // Local midnight at the start of `d`, as a UTC instant.
  static TimePoint start_of_day(Date d) noexcept;
  // Local midnight at the start of the month that contains `t`, and of the month after it.
  static TimePoint month_start(TimePoint t) noexcept;
  static TimePoint next_month_start(TimePoint t) noexcept;
  // The same local wall-clock time `n` calendar days / months later (day clamped to the month's end).
  static TimePoint add_days(TimePoint t, int n) noexcept;
  static TimePoint add_months(TimePoint t, int n) noexcept;
  static Date add_months(Date d, int n) noexcept;

  // --- working days ---
  static bool is_weekend(Date d) noexcept;
  bool is_bank_holiday(Date d) const noexcept;
  bool is_working_day(Date d) const noexcept { return !is_weekend(d) && !is_bank_holiday(d); }
  // The n-th working day strictly after `d` (n >= 1); `d` itself for n == 0.
  Date add_working_days(Date d, int n) const noexcept;
  // See the header comment for how a start on a non-working day is treated.
  TimePoint add_working_days(TimePoint t, int n) const noexcept;

  // Whether the bank-holiday data covers the year of `d`; outside it only weekends are known.
  bool covers(Date d) const noexcept {
    const int y = static_cast<int>(d.year());
    return y >= first_year_ && y <= last_year_;
  }
  int first_year() const noexcept { return first_year_; }
  int last_year() const noexcept { return last_year_; }
  const std::vector<Date>& bank_holidays() const noexcept { return holidays_; }

 private:
  static TimePoint last_sunday_0100_utc(int year, unsigned month) noexcept;

  std::vector<Date> holidays_;
  int first_year_ = 0;
  int last_year_ = -1;
};

// ---------------------------------------------------------------------------------------------------

inline TimePoint Calendar::last_sunday_0100_utc(int year, unsigned month) noexcept {
  using namespace std::chrono;
  const sys_days last = year_month_day_last{std::chrono::year{year}, month_day_last{std::chrono::month{month}}};
  const weekday wd{last};
  const sys_days sunday = last - (wd - Sunday);
  return sunday + hours{1};
}

inline bool Calendar::is_bst(TimePoint t) noexcept {
  const int year = static_cast<int>(Date{std::chrono::floor<days>(t)}.year());
  return t >= last_sunday_0100_utc(year, 3) && t < last_sunday_0100_utc(year, 10);
}

inline std::chrono::local_seconds Calendar::to_local(TimePoint t) noexcept {
  return std::chrono::local_seconds{(t + utc_offset(t)).time_since_epoch()};
}

inline TimePoint Calendar::from_local(std::chrono::local_seconds local) noexcept {
  // Try the BST reading first so that an ambiguous autumn time resolves to its first instant.
  const TimePoint as_utc{local.time_since_epoch()};
  const TimePoint bst = as_utc - hours{1};
  if (is_bst(bst)) return bst;
  if (!is_bst(as_utc)) return as_utc;
  // In the spring gap: neither reading round-trips; move forward by the hour that was skipped.
  return as_utc;
}

inline Date Calendar::local_date(TimePoint t) noexcept {
  return Date{std::chrono::floor<days>(to_local(t)).time_since_epoch() + std::chrono::sys_days{}};
}

inline TimePoint Calendar::start_of_day(Date d) noexcept {
  return from_local(std::chrono::local_days{std::chrono::sys_days{d}.time_since_epoch()});
}

inline TimePoint Calendar::month_start(TimePoint t) noexcept {
  const Date d = local_date(t);
  return start_of_day(d.year() / d.month() / std::chrono::day{1});
}

inline TimePoint Calendar::next_month_start(TimePoint t) noexcept {
  const Date d = local_date(t);
  const Date first = d.year() / d.month() / std::chrono::day{1};
  return start_of_day(first + std::chrono::months{1});
}

inline TimePoint Calendar::add_days(TimePoint t, int n) noexcept {
  return from_local(to_local(t) + days{n});
}

inline Date Calendar::add_months(Date d, int n) noexcept {
  const std::chrono::year_month ym = std::chrono::year_month{d.year(), d.month()} + std::chrono::months{n};
  const Date last = std::chrono::year_month_day_last{ym.year(), std::chrono::month_day_last{ym.month()}};
  return d.day() > last.day() ? last : Date{ym.year(), ym.month(), d.day()};
}

inline TimePoint Calendar::add_months(TimePoint t, int n) noexcept {
  const auto local = to_local(t);
  const auto local_day = std::chrono::floor<days>(local);
  const Date d{std::chrono::sys_days{local_day.time_since_epoch()}};
  const Date target = add_months(d, n);
  return from_local(std::chrono::local_days{std::chrono::sys_days{target}.time_since_epoch()} +
                    (local - local_day));
}

inline bool Calendar::is_weekend(Date d) noexcept {
  const std::chrono::weekday wd{std::chrono::sys_days{d}};
  return wd == std::chrono::Saturday || wd == std::chrono::Sunday;
}

inline bool Calendar::is_bank_holiday(Date d) const noexcept {
  return std::binary_search(holidays_.begin(), holidays_.end(), d);
}

inline Date Calendar::add_working_days(Date d, int n) const noexcept {
  std::chrono::sys_days day{d};
  for (int i = 0; i < n;) {
    day += days{1};
    if (is_working_day(Date{day})) ++i;
  }
  return Date{day};
}

inline TimePoint Calendar::add_working_days(TimePoint t, int n) const noexcept {
  const Date d = local_date(t);
  if (is_working_day(d)) {
    const auto local = to_local(t);
    const auto time_of_day = local - std::chrono::floor<days>(local);
    const Date target = add_working_days(d, n);
    return from_local(std::chrono::local_days{std::chrono::sys_days{target}.time_since_epoch()} +
                      time_of_day);
  }
  const Date first = add_working_days(d, 1);
  return start_of_day(add_working_days(first, n));
}

inline std::optional<Calendar> Calendar::parse(std::string_view text, std::string* error) {
  std::vector<Date> dates;
  std::vector<std::size_t> date_lines;  // where each date was read, to name it if it lies outside `covers`
  std::optional<std::pair<int, int>> covers;
  std::size_t line_no = 0;
  auto fail_at = [&](std::size_t at, const std::string& reason) -> std::optional<Calendar> {
    if (error) *error = "line " + std::to_string(at) + ": " + reason;
    return std::nullopt;
  };
  auto fail = [&](const std::string& reason) { return fail_at(line_no, reason); };
  while (!text.empty()) {
    ++line_no;
    const std::size_t nl = text.find('\n');
    std::string_view line = text.substr(0, nl);
    text = nl == std::string_view::npos ? std::string_view{} : text.substr(nl + 1);
    if (const auto hash = line.find('#'); hash != std::string_view::npos) line = line.substr(0, hash);
    while (!line.empty() && (line.front() == ' ' || line.front() == '\t')) line.remove_prefix(1);
    while (!line.empty() && (line.back() == ' ' || line.back() == '\t' || line.back() == '\r'))
      line.remove_suffix(1);
    if (line.empty()) continue;
    if (line.substr(0, 7) == "covers ") {
      if (covers) return fail("a second 'covers' line");
      int first = 0, last = 0;
      const std::string_view rest = line.substr(7);
      const auto space = rest.find(' ');
      if (space == std::string_view::npos || !detail::parse_digits(rest, 0, 4, first) || space != 4 ||
          !detail::parse_digits(rest, space + 1, 4, last) || rest.size() != space + 5 || last < first)
        return fail("expected 'covers FIRST_YEAR LAST_YEAR'");
      covers = std::pair{first, last};
      continue;
    }
    const auto date = parse_date(line.substr(0, 10));
    if (!date || (line.size() > 10 && line[10] != ' ' && line[10] != '\t'))
      return fail("expected a YYYY-MM-DD date at the start of the line");
    dates.push_back(*date);
    date_lines.push_back(line_no);
  }
  // Named at the last line (line 1 for empty text): the line is missing, so no line is to blame.
  if (!covers)
    return fail_at(std::max<std::size_t>(line_no, 1), "missing the 'covers FIRST_YEAR LAST_YEAR' line");
  for (std::size_t i = 0; i < dates.size(); ++i) {
    const int y = static_cast<int>(dates[i].year());
    if (y < covers->first || y > covers->second)
      return fail_at(date_lines[i], format_date(dates[i]) + " lies outside the covered years " +
                                        std::to_string(covers->first) + "-" + std::to_string(covers->second));
  }
  return Calendar(std::move(dates), covers->first, covers->second);
}

}  // namespace carewatch::sdk
