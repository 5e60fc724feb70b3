#pragma once
// Placement: the child's placement record (RECORDS.md `child`) as the care_planning rules read it. A
// child-scoped timeline carries it as its reference record; without it (not on file as of T, or
// without a readable admitted_at) the rules that count from admission cannot run.

#include <optional>
#include <string>
#include <string_view>

#include <carewatch/sdk/timeline.hpp>

namespace carewatch::plugins::care_planning {

class Placement {
 public:
  // The subject child's placement, or nullopt when the timeline has no usable one.
  static std::optional<Placement> of(const sdk::Timeline& timeline);

  const sdk::Record& record() const noexcept { return *record_; }
  const std::string& child() const noexcept { return record_->id(); }
  sdk::TimePoint admitted_at() const noexcept { return admitted_at_; }
  std::optional<sdk::TimePoint> left_at() const noexcept { return left_at_; }
  std::optional<sdk::Date> looked_after_since() const noexcept { return looked_after_since_; }
  bool intended_until_18() const noexcept { return intended_until_18_; }
  // RECORDS.md: verbal, limited or non_verbal ("" when unreadable).
  const std::string& communication() const noexcept { return communication_; }
  // Limited or non_verbal communication: the child cannot easily speak for themselves.
  bool needs_help_to_be_heard() const noexcept {
    return communication_ == "limited" || communication_ == "non_verbal";
  }
  // An advocate is named (a blank id is none).
  bool has_advocate() const noexcept { return has_advocate_; }

  // Whether a duty falling due at `deadline` is owed to this placement: the child had not left by then.
  // A child who leaves at or before a deadline is no longer the home's to visit or review; what fell due
  // while the child was placed stays due.
  bool placed_at(sdk::TimePoint deadline) const noexcept { return !left_at_ || deadline < *left_at_; }

 private:
  explicit Placement(const sdk::Record& record) : record_(&record) {}

  const sdk::Record* record_;
  sdk::TimePoint admitted_at_{};
  std::optional<sdk::TimePoint> left_at_;
  std::optional<sdk::Date> looked_after_since_;
  bool intended_until_18_ = false;
  std::string communication_;
  bool has_advocate_ = false;
};

// True when `field` is absent, null, or a string of blanks only.
bool blank(const sdk::Record& record, std::string_view field);

}  // namespace carewatch::plugins::care_planning
