// Checks the shipped config/bank-holidays-england-wales.txt against the standing rules of the Banking
// and Financial Dealings Act 1971, recomputed here independently, plus the one-off proclamations.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <carewatch/sdk/calendar.hpp>
#include <carewatch/sdk/testing/harness.hpp>

namespace carewatch::sdk {
namespace {

using std::chrono::sys_days;

Date ymd(int y, unsigned m, unsigned d) {
  return Date{std::chrono::year{y}, std::chrono::month{m}, std::chrono::day{d}};
}

// Easter Sunday by Lichtenberg's form of Gauss's algorithm (a different method from the one used to
// write the data file, so the two check each other).
Date easter_sunday(int y) {
  const int k = y / 100;
  const int m = 15 + (3 * k + 3) / 4 - (8 * k + 13) / 25;
  const int s = 2 - (3 * k + 3) / 4;
  const int a = y % 19;
  const int d = (19 * a + m) % 30;
  const int r = (d + a / 11) / 29;
  const int og = 21 + d - r;
  const int sz = 7 - (y + y / 4 + s) % 7;
  const int oe = 7 - (og - sz) % 7;
  const int march_day = og + oe;
  return sys_days{ymd(y, 3, 1)} + days{march_day - 1};
}

Date first_monday(int y, unsigned month) {
  return sys_days{std::chrono::year{y} / std::chrono::month{month} / std::chrono::Monday[1]};
}

Date last_monday(int y, unsigned month) {
  return sys_days{std::chrono::year{y} / std::chrono::month{month} / std::chrono::Monday[std::chrono::last]};
}

// The one-off changes by proclamation inside 2015-2030: {date moved from, date moved to}; an empty
// "from" is an extra day. Keep in step with the header of the data file.
struct Proclamation {
  std::optional<Date> from;
  Date to;
};
const std::vector<Proclamation>& proclamations() {
  static const std::vector<Proclamation> kList = {
      {ymd(2020, 5, 4), ymd(2020, 5, 8)},   // early May moved to VE day
      {ymd(2022, 5, 30), ymd(2022, 6, 2)},  // spring bank holiday moved
      {std::nullopt, ymd(2022, 6, 3)},      // Platinum Jubilee
      {std::nullopt, ymd(2022, 9, 19)},     // State Funeral of Queen Elizabeth II
      {std::nullopt, ymd(2023, 5, 8)},      // coronation of King Charles III
  };
  return kList;
}

bool weekend(Date d) {
  return Calendar::is_weekend(d);
}

// The standing rules: fixed-date holidays on a weekend are replaced, in date order, by the next weekday
// that is not already a holiday.
std::set<Date> standing_rules(int y) {
  const Date easter = easter_sunday(y);
  std::vector<Date> moving = {sys_days{easter} - days{2}, sys_days{easter} + days{1}, first_monday(y, 5),
                              last_monday(y, 5), last_monday(y, 8)};
  std::vector<Date> fixed = {ymd(y, 1, 1), ymd(y, 12, 25), ymd(y, 12, 26)};
  std::set<Date> out(moving.begin(), moving.end());
  for (const Date d : fixed)
    if (!weekend(d)) out.insert(d);
  for (const Date d : fixed) {
    if (!weekend(d)) continue;
    sys_days s{d};
    while (weekend(Date{s}) || out.count(Date{s})) s += days{1};
    out.insert(Date{s});
  }
  return out;
}

const Calendar& shipped() {
  return testing::default_calendar();
}

// The algorithm used here agrees with Easter Sundays known from published tables.
TEST(CalendarDataTest, EasterAlgorithmMatchesKnownDates) {
  EXPECT_EQ(easter_sunday(2016), ymd(2016, 3, 27));
  EXPECT_EQ(easter_sunday(2019), ymd(2019, 4, 21));
  EXPECT_EQ(easter_sunday(2024), ymd(2024, 3, 31));
  EXPECT_EQ(easter_sunday(2025), ymd(2025, 4, 20));
  EXPECT_EQ(easter_sunday(2038), ymd(2038, 4, 25));
  EXPECT_EQ(easter_sunday(2285), ymd(2285, 3, 22));
}

// The shipped file parses and covers 2015 to 2030.
TEST(CalendarDataTest, ShippedFileParsesAndCovers2015To2030) {
  std::string error;
  const auto cal = Calendar::parse(testing::read_file(CAREWATCH_SDK_BANK_HOLIDAYS_FILE), &error);
  ASSERT_TRUE(cal) << error;
  EXPECT_EQ(cal->first_year(), 2015);
  EXPECT_EQ(cal->last_year(), 2030);
  EXPECT_TRUE(cal->covers(ymd(2015, 1, 1)));
  EXPECT_TRUE(cal->covers(ymd(2030, 12, 31)));
  EXPECT_FALSE(cal->covers(ymd(2031, 1, 1)));
  EXPECT_EQ(cal->bank_holidays(), shipped().bank_holidays());
}

// Every year is exactly the standing rules with the proclamations applied.
TEST(CalendarDataTest, EveryYearFollowsTheRulesAndProclamations) {
  std::map<int, std::set<Date>> file;
  for (const Date d : shipped().bank_holidays()) file[static_cast<int>(d.year())].insert(d);
  for (int y = 2015; y <= 2030; ++y) {
    std::set<Date> expected = standing_rules(y);
    for (const auto& p : proclamations()) {
      if (static_cast<int>(p.to.year()) != y) continue;
      if (p.from) {
        EXPECT_EQ(expected.erase(*p.from), 1u) << format_date(*p.from);
      }
      expected.insert(p.to);
    }
    std::vector<std::string> missing, extra;
    for (const Date d : expected)
      if (!file[y].count(d)) missing.push_back(format_date(d));
    for (const Date d : file[y])
      if (!expected.count(d)) extra.push_back(format_date(d));
    EXPECT_TRUE(missing.empty() && extra.empty()) << y << ": missing " << ::testing::PrintToString(missing)
                                                  << ", unexpected " << ::testing::PrintToString(extra);
  }
  EXPECT_EQ(file.size(), 16u);
}

// The irregular and substitute dates that are easiest to get wrong are present; the days they
// replaced are ordinary working days.
TEST(CalendarDataTest, ContainsTheIrregularDates) {
  const Calendar& cal = shipped();
  for (const Date d :
       {ymd(2020, 5, 8), ymd(2020, 12, 28), ymd(2021, 12, 27), ymd(2021, 12, 28), ymd(2022, 1, 3),
        ymd(2022, 6, 2), ymd(2022, 6, 3), ymd(2022, 9, 19), ymd(2022, 12, 26), ymd(2022, 12, 27),
        ymd(2023, 1, 2), ymd(2023, 5, 8), ymd(2026, 12, 28), ymd(2027, 12, 27), ymd(2027, 12, 28),
        ymd(2015, 12, 28), ymd(2017, 1, 2), ymd(2028, 1, 3)})
    EXPECT_TRUE(cal.is_bank_holiday(d)) << format_date(d);
  for (const Date d : {ymd(2020, 5, 4), ymd(2022, 5, 30), ymd(2023, 5, 2), ymd(2020, 12, 29)})
    EXPECT_TRUE(cal.is_working_day(d)) << format_date(d);
  EXPECT_TRUE(cal.is_bank_holiday(ymd(2023, 5, 1)));  // the coronation was an extra day, not a move
}

// A bank holiday never falls on a weekend (the weekend day's substitute is listed instead), and each
// year has eight, except 2022 (ten) and 2023 (nine).
TEST(CalendarDataTest, HolidaysAreWeekdaysAndCountsAreRight) {
  std::map<int, int> per_year;
  for (const Date d : shipped().bank_holidays()) {
    EXPECT_FALSE(weekend(d)) << format_date(d);
    ++per_year[static_cast<int>(d.year())];
  }
  for (int y = 2015; y <= 2030; ++y) EXPECT_EQ(per_year[y], y == 2022 ? 10 : y == 2023 ? 9 : 8) << y;
}

}  // namespace
}  // namespace carewatch::sdk
