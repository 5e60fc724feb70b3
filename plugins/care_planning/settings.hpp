#pragma once
// The plugin's parameters ([plugins.care_planning] in the configuration), validated once.
//
// Every interval RULES.md gives is a parameter with its default; the request target is one because its
// clause is believed (RULES.md), the others so that a deployment can follow a stricter local policy.
// Unknown keys are refused: a misspelt key would otherwise leave a deadline silently at its default.

#include <cstdint>
#include <string_view>

#include <carewatch/sdk/checker.hpp>

namespace carewatch::plugins::care_planning {

class Settings {
 public:
  static constexpr std::string_view kFirstVisitDays = "first_visit_days";
  static constexpr std::string_view kVisitIntervalWeeks = "visit_interval_weeks";
  static constexpr std::string_view kLongTermVisitIntervalMonths = "long_term_visit_interval_months";
  static constexpr std::string_view kFirstYearMonths = "first_year_months";
  static constexpr std::string_view kRequestWorkingDays = "request_working_days";
  static constexpr std::string_view kFirstReviewWorkingDays = "first_review_working_days";
  static constexpr std::string_view kSecondReviewMonths = "second_review_months";
  static constexpr std::string_view kReviewIntervalMonths = "review_interval_months";
  static constexpr std::string_view kAdvocacyWorkingDays = "advocacy_working_days";

  // CPPCR reg 28(2)(a): within one week of the placement.
  static constexpr std::int64_t kDefaultFirstVisitDays = 7;
  // CPPCR reg 28(2)(b)-(c): six weeks in the first year, then three months for a placement intended to
  // last until the child is 18.
  static constexpr std::int64_t kDefaultVisitIntervalWeeks = 6;
  static constexpr std::int64_t kDefaultLongTermVisitIntervalMonths = 3;
  static constexpr std::int64_t kDefaultFirstYearMonths = 12;
  // RULES.md's practice default for a child's request (clause believed).
  static constexpr std::int64_t kDefaultRequestWorkingDays = 10;
  // CPPCR reg 33: 20 working days, then 3 months, then every 6 months.
  static constexpr std::int64_t kDefaultFirstReviewWorkingDays = 20;
  static constexpr std::int64_t kDefaultSecondReviewMonths = 3;
  static constexpr std::int64_t kDefaultReviewIntervalMonths = 6;
  // RULES.md: an advocate, or the offer of one, within 20 working days of admission.
  static constexpr std::int64_t kDefaultAdvocacyWorkingDays = 20;

  static constexpr std::int64_t kMaxDays = 28;
  static constexpr std::int64_t kMaxWeeks = 26;
  static constexpr std::int64_t kMaxMonths = 24;
  static constexpr std::int64_t kMaxWorkingDays = 60;

  // The defaults.
  Settings() = default;

  // Reads and validates `params`; throws sdk::ParameterError naming the key on a bad or unknown one.
  static Settings from(const sdk::Parameters& params);

  int first_visit_days() const noexcept { return first_visit_days_; }
  int visit_interval_weeks() const noexcept { return visit_interval_weeks_; }
  int long_term_visit_interval_months() const noexcept { return long_term_visit_interval_months_; }
  int first_year_months() const noexcept { return first_year_months_; }
  int request_working_days() const noexcept { return request_working_days_; }
  int first_review_working_days() const noexcept { return first_review_working_days_; }
  int second_review_months() const noexcept { return second_review_months_; }
  int review_interval_months() const noexcept { return review_interval_months_; }
  int advocacy_working_days() const noexcept { return advocacy_working_days_; }

 private:
  int first_visit_days_ = static_cast<int>(kDefaultFirstVisitDays);
  int visit_interval_weeks_ = static_cast<int>(kDefaultVisitIntervalWeeks);
  int long_term_visit_interval_months_ = static_cast<int>(kDefaultLongTermVisitIntervalMonths);
  int first_year_months_ = static_cast<int>(kDefaultFirstYearMonths);
  int request_working_days_ = static_cast<int>(kDefaultRequestWorkingDays);
  int first_review_working_days_ = static_cast<int>(kDefaultFirstReviewWorkingDays);
  int second_review_months_ = static_cast<int>(kDefaultSecondReviewMonths);
  int review_interval_months_ = static_cast<int>(kDefaultReviewIntervalMonths);
  int advocacy_working_days_ = static_cast<int>(kDefaultAdvocacyWorkingDays);
};

}  // namespace carewatch::plugins::care_planning
