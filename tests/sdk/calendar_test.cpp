#include <carewatch/sdk/calendar.hpp>

#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

#include <carewatch/sdk/testing/harness.hpp>

namespace carewatch::sdk {
namespace {

using std::chrono::local_days;
using std::chrono::local_seconds;
using testing::at;

Date ymd(int y, unsigned m, unsigned d) {
  return Date{std::chrono::year{y}, std::chrono::month{m}, std::chrono::day{d}};
}

local_seconds local(int y, unsigned m, unsigned d, int hh, int mm, int ss = 0) {
  return local_days{std::chrono::sys_days{ymd(y, m, d)}.time_since_epoch()} + hours{hh} + minutes{mm} +
         Seconds{ss};
}

// The shipped England and Wales data, as the daemon loads it.
const Calendar& england() {
  return testing::default_calendar();
}

// BST starts at 01:00 UTC on the last Sunday of March and ends at 01:00 UTC on the last Sunday of
// October: the instant of each change is the first instant of the new offset.
TEST(CalendarTest, IsBstAtTheExactBoundaries) {
  EXPECT_FALSE(Calendar::is_bst(at("2025-03-30T00:59:59Z")));
  EXPECT_TRUE(Calendar::is_bst(at("2025-03-30T01:00:00Z")));
  EXPECT_TRUE(Calendar::is_bst(at("2025-10-26T00:59:59Z")));
  EXPECT_FALSE(Calendar::is_bst(at("2025-10-26T01:00:00Z")));
  EXPECT_EQ(Calendar::utc_offset(at("2025-07-01T12:00:00Z")), Seconds{3600});
  EXPECT_EQ(Calendar::utc_offset(at("2025-12-01T12:00:00Z")), Seconds{0});
}

// The change instants for every year the data covers, taken from the tz database (Europe/London).
TEST(CalendarTest, ClockChangesMatchTheTzDatabase) {
  const std::vector<std::pair<const char*, const char*>> changes = {
      {"2015-03-29T01:00:00Z", "2015-10-25T01:00:00Z"}, {"2016-03-27T01:00:00Z", "2016-10-30T01:00:00Z"},
      {"2017-03-26T01:00:00Z", "2017-10-29T01:00:00Z"}, {"2018-03-25T01:00:00Z", "2018-10-28T01:00:00Z"},
      {"2019-03-31T01:00:00Z", "2019-10-27T01:00:00Z"}, {"2020-03-29T01:00:00Z", "2020-10-25T01:00:00Z"},
      {"2021-03-28T01:00:00Z", "2021-10-31T01:00:00Z"}, {"2022-03-27T01:00:00Z", "2022-10-30T01:00:00Z"},
      {"2023-03-26T01:00:00Z", "2023-10-29T01:00:00Z"}, {"2024-03-31T01:00:00Z", "2024-10-27T01:00:00Z"},
      {"2025-03-30T01:00:00Z", "2025-10-26T01:00:00Z"}, {"2026-03-29T01:00:00Z", "2026-10-25T01:00:00Z"},
      {"2027-03-28T01:00:00Z", "2027-10-31T01:00:00Z"}, {"2028-03-26T01:00:00Z", "2028-10-29T01:00:00Z"},
      {"2029-03-25T01:00:00Z", "2029-10-28T01:00:00Z"}, {"2030-03-31T01:00:00Z", "2030-10-27T01:00:00Z"}};
  for (const auto& [start, end] : changes) {
    EXPECT_FALSE(Calendar::is_bst(at(start) - Seconds{1})) << start;
    EXPECT_TRUE(Calendar::is_bst(at(start))) << start;
    EXPECT_TRUE(Calendar::is_bst(at(end) - Seconds{1})) << end;
    EXPECT_FALSE(Calendar::is_bst(at(end))) << end;
  }
}

// The local date changes at local midnight, which in summer is 23:00 UTC the day before.
TEST(CalendarTest, LocalDateChangesAtLocalMidnight) {
  EXPECT_EQ(Calendar::local_date(at("2025-06-30T22:59:59Z")), ymd(2025, 6, 30));
  EXPECT_EQ(Calendar::local_date(at("2025-06-30T23:00:00Z")), ymd(2025, 7, 1));
  EXPECT_EQ(Calendar::local_date(at("2025-01-31T23:59:59Z")), ymd(2025, 1, 31));
  EXPECT_EQ(Calendar::local_date(at("2025-02-01T00:00:00Z")), ymd(2025, 2, 1));
  EXPECT_EQ(Calendar::local_date(at("2025-12-31T23:30:00Z")), ymd(2025, 12, 31));
  EXPECT_EQ(Calendar::to_local(at("2025-06-30T23:00:00Z")), local(2025, 7, 1, 0, 0));
  EXPECT_EQ(Calendar::to_local(at("2025-01-15T09:00:00Z")), local(2025, 1, 15, 9, 0));
}

// A local time inside the spring gap (01:00-02:00 on 30 March 2025) moves forward by the skipped hour.
TEST(CalendarTest, FromLocalMovesForwardInTheSpringGap) {
  EXPECT_EQ(Calendar::from_local(local(2025, 3, 30, 0, 59, 59)), at("2025-03-30T00:59:59Z"));
  EXPECT_EQ(Calendar::from_local(local(2025, 3, 30, 1, 0)), at("2025-03-30T01:00:00Z"));
  EXPECT_EQ(Calendar::from_local(local(2025, 3, 30, 1, 30)), at("2025-03-30T01:30:00Z"));
  EXPECT_EQ(Calendar::to_local(Calendar::from_local(local(2025, 3, 30, 1, 30))), local(2025, 3, 30, 2, 30));
  EXPECT_EQ(Calendar::from_local(local(2025, 3, 30, 2, 0)), at("2025-03-30T01:00:00Z"));
  EXPECT_EQ(Calendar::from_local(local(2025, 3, 30, 2, 30)), at("2025-03-30T01:30:00Z"));
}

// A local time that happens twice (01:00-02:00 on 26 October 2025) means the first, BST, instant.
TEST(CalendarTest, FromLocalTakesTheFirstInstantInTheAutumnOverlap) {
  EXPECT_EQ(Calendar::from_local(local(2025, 10, 26, 0, 59)), at("2025-10-25T23:59:00Z"));
  EXPECT_EQ(Calendar::from_local(local(2025, 10, 26, 1, 0)), at("2025-10-26T00:00:00Z"));
  EXPECT_EQ(Calendar::from_local(local(2025, 10, 26, 1, 30)), at("2025-10-26T00:30:00Z"));
  EXPECT_EQ(Calendar::from_local(local(2025, 10, 26, 1, 59, 59)), at("2025-10-26T00:59:59Z"));
  EXPECT_EQ(Calendar::from_local(local(2025, 10, 26, 2, 0)), at("2025-10-26T02:00:00Z"));
  // Both instants read as 01:30 locally.
  EXPECT_EQ(Calendar::to_local(at("2025-10-26T00:30:00Z")), local(2025, 10, 26, 1, 30));
  EXPECT_EQ(Calendar::to_local(at("2025-10-26T01:30:00Z")), local(2025, 10, 26, 1, 30));
}

// Every instant except the second pass through the autumn overlap converts to local time and back.
TEST(CalendarTest, FromLocalInvertsToLocal) {
  for (const char* s :
       {"2025-01-15T09:00:00Z", "2025-07-01T00:00:00Z", "2025-06-30T23:00:00Z", "2025-03-30T00:59:59Z",
        "2025-03-30T01:00:00Z", "2025-10-26T00:59:59Z", "2025-10-26T02:00:00Z"})
    EXPECT_EQ(Calendar::from_local(Calendar::to_local(at(s))), at(s)) << s;
  // 01:00 GMT after the change reads as local 01:00, which means the earlier BST instant.
  EXPECT_EQ(Calendar::from_local(Calendar::to_local(at("2025-10-26T01:00:00Z"))), at("2025-10-26T00:00:00Z"));
}

// The start of a local day is local midnight, an hour before UTC midnight in summer.
TEST(CalendarTest, StartOfDayIsLocalMidnight) {
  EXPECT_EQ(Calendar::start_of_day(ymd(2025, 1, 1)), at("2025-01-01T00:00:00Z"));
  EXPECT_EQ(Calendar::start_of_day(ymd(2025, 6, 1)), at("2025-05-31T23:00:00Z"));
  EXPECT_EQ(Calendar::start_of_day(ymd(2025, 3, 30)), at("2025-03-30T00:00:00Z"));
  EXPECT_EQ(Calendar::start_of_day(ymd(2025, 3, 31)), at("2025-03-30T23:00:00Z"));
  EXPECT_EQ(Calendar::start_of_day(ymd(2025, 10, 26)), at("2025-10-25T23:00:00Z"));
  EXPECT_EQ(Calendar::start_of_day(ymd(2025, 10, 27)), at("2025-10-27T00:00:00Z"));
}

// Adding days keeps the local wall-clock time across a clock change, so a day is 23 or 25 hours.
TEST(CalendarTest, AddDaysKeepsLocalWallTimeAcrossClockChanges) {
  EXPECT_EQ(Calendar::add_days(at("2025-03-29T10:00:00Z"), 1), at("2025-03-30T09:00:00Z"));
  EXPECT_EQ(Calendar::add_days(at("2025-10-25T09:00:00Z"), 1), at("2025-10-26T10:00:00Z"));
  EXPECT_EQ(Calendar::add_days(at("2025-03-25T10:00:00Z"), 7), at("2025-04-01T09:00:00Z"));
  EXPECT_EQ(Calendar::add_days(at("2025-03-30T09:00:00Z"), -1), at("2025-03-29T10:00:00Z"));
  EXPECT_EQ(Calendar::add_days(at("2025-06-10T23:30:00Z"), 0), at("2025-06-10T23:30:00Z"));
  // 01:30 GMT on the 29th lands in the gap on the 30th and moves forward to 02:30 BST.
  EXPECT_EQ(Calendar::add_days(at("2025-03-29T01:30:00Z"), 1), at("2025-03-30T01:30:00Z"));
}

// Adding months keeps the wall time and clamps to the end of a shorter month.
TEST(CalendarTest, AddMonthsClampsToTheEndOfTheMonth) {
  EXPECT_EQ(Calendar::add_months(ymd(2025, 1, 31), 1), ymd(2025, 2, 28));
  EXPECT_EQ(Calendar::add_months(ymd(2024, 1, 31), 1), ymd(2024, 2, 29));
  EXPECT_EQ(Calendar::add_months(ymd(2025, 3, 31), 1), ymd(2025, 4, 30));
  EXPECT_EQ(Calendar::add_months(ymd(2025, 3, 31), -1), ymd(2025, 2, 28));
  EXPECT_EQ(Calendar::add_months(ymd(2025, 12, 31), 2), ymd(2026, 2, 28));
  EXPECT_EQ(Calendar::add_months(ymd(2025, 1, 15), 12), ymd(2026, 1, 15));
  EXPECT_EQ(Calendar::add_months(ymd(2025, 1, 15), -13), ymd(2023, 12, 15));
  EXPECT_EQ(Calendar::add_months(at("2025-01-31T10:00:00Z"), 1), at("2025-02-28T10:00:00Z"));
  EXPECT_EQ(Calendar::add_months(at("2025-03-01T10:00:00Z"), 1), at("2025-04-01T09:00:00Z"));
  // 00:30 BST on 1 April is 23:30 UTC on 31 March: the month is April, locally.
  EXPECT_EQ(Calendar::add_months(at("2025-03-31T23:30:00Z"), 1), at("2025-04-30T23:30:00Z"));
  EXPECT_EQ(Calendar::add_months(at("2025-10-31T12:00:00Z"), 1), at("2025-11-30T12:00:00Z"));
}

// Month boundaries are local midnights, including a month that starts in BST.
TEST(CalendarTest, MonthStartsAreLocalMidnights) {
  const TimePoint just_into_july = at("2025-06-30T23:30:00Z");  // 00:30 BST on 1 July
  EXPECT_EQ(Calendar::month_start(just_into_july), at("2025-06-30T23:00:00Z"));
  EXPECT_EQ(Calendar::next_month_start(just_into_july), at("2025-07-31T23:00:00Z"));
  const TimePoint end_of_june = at("2025-06-30T22:59:59Z");  // 23:59:59 BST on 30 June
  EXPECT_EQ(Calendar::month_start(end_of_june), at("2025-05-31T23:00:00Z"));
  EXPECT_EQ(Calendar::next_month_start(end_of_june), at("2025-06-30T23:00:00Z"));
  EXPECT_EQ(Calendar::month_start(at("2025-10-15T12:00:00Z")), at("2025-09-30T23:00:00Z"));
  EXPECT_EQ(Calendar::next_month_start(at("2025-10-15T12:00:00Z")), at("2025-11-01T00:00:00Z"));
  EXPECT_EQ(Calendar::next_month_start(at("2025-03-15T12:00:00Z")), at("2025-03-31T23:00:00Z"));
  EXPECT_EQ(Calendar::next_month_start(at("2025-12-31T23:59:59Z")), at("2026-01-01T00:00:00Z"));
}

// Saturdays and Sundays are weekends; with no data there are no bank holidays.
TEST(CalendarTest, KnowsWeekendsWithoutData) {
  EXPECT_TRUE(Calendar::is_weekend(ymd(2025, 3, 8)));
  EXPECT_TRUE(Calendar::is_weekend(ymd(2025, 3, 9)));
  EXPECT_FALSE(Calendar::is_weekend(ymd(2025, 3, 10)));
  const Calendar weekends_only;
  EXPECT_FALSE(weekends_only.is_bank_holiday(ymd(2025, 12, 25)));
  EXPECT_TRUE(weekends_only.is_working_day(ymd(2025, 12, 25)));
  EXPECT_FALSE(weekends_only.covers(ymd(2025, 1, 1)));
}

// Working days skip the weekend.
TEST(CalendarTest, WorkingDaysSkipTheWeekend) {
  const Calendar& cal = england();
  EXPECT_EQ(cal.add_working_days(ymd(2025, 3, 7), 1), ymd(2025, 3, 10));
  EXPECT_EQ(cal.add_working_days(ymd(2025, 3, 7), 0), ymd(2025, 3, 7));
  EXPECT_EQ(cal.add_working_days(ymd(2025, 3, 5), 5), ymd(2025, 3, 12));
  EXPECT_EQ(cal.add_working_days(at("2025-03-07T15:00:00Z"), 1), at("2025-03-10T15:00:00Z"));
  EXPECT_EQ(cal.add_working_days(at("2025-03-07T15:00:00Z"), 0), at("2025-03-07T15:00:00Z"));
}

// Working days skip bank holidays: Easter 2025 and the late May bank holiday.
TEST(CalendarTest, WorkingDaysSkipBankHolidays) {
  const Calendar& cal = england();
  EXPECT_EQ(cal.add_working_days(ymd(2025, 4, 17), 1), ymd(2025, 4, 22));
  EXPECT_EQ(cal.add_working_days(ymd(2025, 5, 23), 1), ymd(2025, 5, 27));
  EXPECT_EQ(cal.add_working_days(at("2025-04-17T09:00:00Z"), 1), at("2025-04-22T09:00:00Z"));
  // The same dates without the data are only a weekend apart.
  EXPECT_EQ(Calendar().add_working_days(ymd(2025, 4, 17), 1), ymd(2025, 4, 18));
}

// Christmas and New Year 2021-22: Christmas and Boxing Day on a weekend, New Year's Day on a Saturday,
// give substitute days on 27 and 28 December and 3 January.
TEST(CalendarTest, WorkingDaysOverChristmasAndNewYear2021) {
  const Calendar& cal = england();
  EXPECT_EQ(cal.add_working_days(ymd(2021, 12, 24), 1), ymd(2021, 12, 29));
  EXPECT_EQ(cal.add_working_days(ymd(2021, 12, 23), 3), ymd(2021, 12, 30));
  EXPECT_EQ(cal.add_working_days(ymd(2021, 12, 31), 1), ymd(2022, 1, 4));
  EXPECT_EQ(cal.add_working_days(ymd(2021, 12, 24), 5), ymd(2022, 1, 5));
  for (const Date d : {ymd(2021, 12, 25), ymd(2021, 12, 26), ymd(2021, 12, 27), ymd(2021, 12, 28),
                       ymd(2022, 1, 1), ymd(2022, 1, 2), ymd(2022, 1, 3)})
    EXPECT_FALSE(cal.is_working_day(d)) << format_date(d);
  EXPECT_TRUE(cal.is_working_day(ymd(2021, 12, 24)));
  EXPECT_TRUE(cal.is_working_day(ymd(2021, 12, 29)));
}

// From a non-working day the clock starts at the start of the next working day: received on a
// Saturday, one working day runs to the end of Monday (the start of Tuesday).
TEST(CalendarTest, WorkingDaysFromANonWorkingDayStartAtTheNextWorkingDay) {
  const Calendar& cal = england();
  EXPECT_EQ(cal.add_working_days(at("2025-03-08T10:00:00Z"), 1), at("2025-03-11T00:00:00Z"));
  EXPECT_EQ(cal.add_working_days(at("2025-03-09T23:59:59Z"), 1), at("2025-03-11T00:00:00Z"));
  EXPECT_EQ(cal.add_working_days(at("2025-03-08T10:00:00Z"), 0), at("2025-03-10T00:00:00Z"));
  EXPECT_EQ(cal.add_working_days(at("2025-03-08T10:00:00Z"), 2), at("2025-03-12T00:00:00Z"));
  // Early May bank holiday 2025 (Monday 5 May, BST): the deadline is local midnight starting Wednesday.
  EXPECT_EQ(cal.add_working_days(at("2025-05-05T09:00:00Z"), 1), at("2025-05-06T23:00:00Z"));
  // 00:30 BST on Saturday is still Friday in UTC, but it is the local date that counts.
  EXPECT_EQ(cal.add_working_days(at("2025-06-06T23:30:00Z"), 1), at("2025-06-09T23:00:00Z"));
  EXPECT_EQ(cal.add_working_days(at("2025-06-06T22:30:00Z"), 1), at("2025-06-09T22:30:00Z"));
}

// A working-day deadline across the spring clock change keeps the local wall time.
TEST(CalendarTest, WorkingDaysKeepWallTimeAcrossClockChange) {
  const Calendar& cal = england();
  EXPECT_EQ(cal.add_working_days(at("2025-03-28T10:00:00Z"), 1), at("2025-03-31T09:00:00Z"));
  EXPECT_EQ(cal.add_working_days(at("2025-10-24T09:00:00Z"), 1), at("2025-10-27T10:00:00Z"));
}

// covers() is true exactly for the years the data declares.
TEST(CalendarTest, CoversTheDeclaredYears) {
  const Calendar cal({ymd(2020, 12, 25)}, 2015, 2030);
  EXPECT_TRUE(cal.covers(ymd(2015, 1, 1)));
  EXPECT_TRUE(cal.covers(ymd(2030, 12, 31)));
  EXPECT_FALSE(cal.covers(ymd(2014, 12, 31)));
  EXPECT_FALSE(cal.covers(ymd(2031, 1, 1)));
  EXPECT_EQ(cal.first_year(), 2015);
  EXPECT_EQ(cal.last_year(), 2030);
}

// The constructor accepts dates in any order, with repeats.
TEST(CalendarTest, ConstructorSortsAndDeduplicates) {
  const Calendar cal({ymd(2025, 12, 26), ymd(2025, 1, 1), ymd(2025, 12, 26), ymd(2025, 5, 5)}, 2025, 2025);
  EXPECT_EQ(cal.bank_holidays(), (std::vector<Date>{ymd(2025, 1, 1), ymd(2025, 5, 5), ymd(2025, 12, 26)}));
  EXPECT_TRUE(cal.is_bank_holiday(ymd(2025, 5, 5)));
  EXPECT_FALSE(cal.is_bank_holiday(ymd(2025, 5, 6)));
}

// The data format: dates with names, comments, blank lines, CRLF, and one covers line anywhere.
TEST(CalendarTest, ParsesTheDataFormat) {
  std::string error;
  const auto cal = Calendar::parse(
      "# comment\r\n"
      "\n"
      "2025-12-25 Christmas Day # trailing comment\r\n"
      "  2025-12-26\tBoxing Day\n"
      "2026-01-01\n"
      "covers 2025 2026\n",
      &error);
  ASSERT_TRUE(cal) << error;
  EXPECT_EQ(cal->bank_holidays(), (std::vector<Date>{ymd(2025, 12, 25), ymd(2025, 12, 26), ymd(2026, 1, 1)}));
  EXPECT_EQ(cal->first_year(), 2025);
  EXPECT_EQ(cal->last_year(), 2026);
}

// Every parse error names the line it is on.
TEST(CalendarTest, ParseErrorsNameTheLine) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"covers 2025 2025\n2025-02-29 Not a day\n", "line 2: expected a YYYY-MM-DD date"},
      {"covers 2025 2025\n\n# x\n25-12-2025 Christmas\n", "line 4: expected a YYYY-MM-DD date"},
      {"covers 2025 2025\n2025-12-25x\n", "line 2: expected a YYYY-MM-DD date"},
      {"covers 2025 2025\ncovers 2025 2025\n", "line 2: a second 'covers' line"},
      {"covers 25 2025\n", "line 1: expected 'covers FIRST_YEAR LAST_YEAR'"},
      {"covers 2026 2025\n", "line 1: expected 'covers FIRST_YEAR LAST_YEAR'"},
      {"covers 2025 2025 2026\n", "line 1: expected 'covers FIRST_YEAR LAST_YEAR'"},
      {"covers 2025 2026\n2025-12-25 a\n2027-01-01 New Year\n",
       "line 3: 2027-01-01 lies outside the covered years"},
      {"2025-12-25 a\n2025-12-26 b\n", "line 2: missing the 'covers FIRST_YEAR LAST_YEAR' line"},
      {"", "line 1: missing the 'covers FIRST_YEAR LAST_YEAR' line"},
  };
  for (const auto& [text, expected] : cases) {
    std::string error;
    EXPECT_FALSE(Calendar::parse(text, &error)) << text;
    EXPECT_EQ(error.substr(0, expected.size()), expected) << "input: " << text << "\nerror: " << error;
  }
  EXPECT_FALSE(Calendar::parse("nonsense"));  // no error string requested: still fails cleanly
}

}  // namespace
}  // namespace carewatch::sdk
