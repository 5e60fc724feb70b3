#pragma once
// When a staff member's service begins and ends, as instants. RECORDS.md gives `started_at` and `left_at`
// as dates, read as Europe/London local days: service begins at local midnight starting `started_at` and
// ends at local midnight ending `left_at` (the leaving day is still a working day).

#include <optional>

#include <carewatch/sdk/calendar.hpp>
#include <carewatch/sdk/record.hpp>

namespace carewatch::plugins::workforce {

// Local midnight at the end of `d` (the start of the next day).
sdk::TimePoint end_of_day(sdk::Date d) noexcept;

// The start of `started_at`; the record's recorded_at if the date is unreadable (it is required, so
// only a record that bypassed validation lacks it).
sdk::TimePoint service_start(const sdk::Record& staff) noexcept;

// The end of `left_at`, after which the staff member is no longer checked; nullopt while in post.
std::optional<sdk::TimePoint> service_end(const sdk::Record& staff) noexcept;

}  // namespace carewatch::plugins::workforce
