#include "settings.hpp"

#include <algorithm>
#include <array>
#include <string>

namespace carewatch::plugins::care_planning {

namespace {

int read(const sdk::Parameters& params, std::string_view key, std::int64_t fallback, std::int64_t max) {
  return static_cast<int>(params.get_int(key, fallback, 1, max));
}

}  // namespace

Settings Settings::from(const sdk::Parameters& params) {
  static constexpr std::array kKnown = {
      kFirstVisitDays,     kVisitIntervalWeeks,   kLongTermVisitIntervalMonths,
      kFirstYearMonths,    kRequestWorkingDays,   kFirstReviewWorkingDays,
      kSecondReviewMonths, kReviewIntervalMonths, kAdvocacyWorkingDays};
  for (const auto& [key, value] : params.values()) {
    if (std::find(kKnown.begin(), kKnown.end(), key) != kKnown.end()) continue;
    std::string expected;
    for (const std::string_view k : kKnown) expected += (expected.empty() ? "" : ", ") + std::string(k);
    throw sdk::ParameterError(key, "unknown parameter; expected one of " + expected);
  }
  Settings s;
  s.first_visit_days_ = read(params, kFirstVisitDays, kDefaultFirstVisitDays, kMaxDays);
  s.visit_interval_weeks_ = read(params, kVisitIntervalWeeks, kDefaultVisitIntervalWeeks, kMaxWeeks);
  s.long_term_visit_interval_months_ =
      read(params, kLongTermVisitIntervalMonths, kDefaultLongTermVisitIntervalMonths, kMaxMonths);
  s.first_year_months_ = read(params, kFirstYearMonths, kDefaultFirstYearMonths, kMaxMonths);
  s.request_working_days_ = read(params, kRequestWorkingDays, kDefaultRequestWorkingDays, kMaxWorkingDays);
  s.first_review_working_days_ =
      read(params, kFirstReviewWorkingDays, kDefaultFirstReviewWorkingDays, kMaxWorkingDays);
  s.second_review_months_ = read(params, kSecondReviewMonths, kDefaultSecondReviewMonths, kMaxMonths);
  s.review_interval_months_ = read(params, kReviewIntervalMonths, kDefaultReviewIntervalMonths, kMaxMonths);
  s.advocacy_working_days_ = read(params, kAdvocacyWorkingDays, kDefaultAdvocacyWorkingDays, kMaxWorkingDays);
  return s;
}

}  // namespace carewatch::plugins::care_planning
