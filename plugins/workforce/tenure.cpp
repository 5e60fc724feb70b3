#include "tenure.hpp"

namespace carewatch::plugins::workforce {

sdk::TimePoint end_of_day(sdk::Date d) noexcept {
  return sdk::Calendar::start_of_day(sdk::Date{std::chrono::sys_days{d} + sdk::days{1}});
}

sdk::TimePoint service_start(const sdk::Record& staff) noexcept {
  const auto started = staff.date("started_at");
  return started ? sdk::Calendar::start_of_day(*started) : staff.recorded_at();
}

std::optional<sdk::TimePoint> service_end(const sdk::Record& staff) noexcept {
  const auto left = staff.date("left_at");
  if (!left) return std::nullopt;
  return end_of_day(*left);
}

}  // namespace carewatch::plugins::workforce
