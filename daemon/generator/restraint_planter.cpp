#include "generator/restraint_planter.hpp"

#include <algorithm>
#include <array>
#include <chrono>

#include "generator/breach_option.hpp"

namespace carewatch::generator {

namespace {

constexpr std::string_view kFamily = "restraint";

// Items of reg 35(3)(a) whose absence only CHR-35-RECORD-CONTENT reads.
constexpr std::array<std::string_view, 4> kContentItems{"behaviour", "alternatives_tried", "effectiveness",
                                                        "injuries"};
// A subset of the plugin's default prohibited_measures (CHR 19).
constexpr std::array<std::string_view, 4> kProhibited{"fine", "withheld_food", "restricted_contact",
                                                      "group_punishment"};

}  // namespace

std::optional<PlantedBreach> RestraintPlanter::plant(RestraintPlan& plan, double rate, Rng& rng) {
  if (plan.ehcp_planned) return std::nullopt;
  std::vector<BreachOption> options;
  auto add = [&](std::string_view rule, std::string what, std::function<void()> apply) {
    options.push_back({std::string(rule), std::move(what), plan.id, plan.started_at, {}, std::move(apply)});
  };
  std::vector<std::string_view> present;
  for (const auto item : kContentItems)
    if (std::any_of(plan.content.begin(), plan.content.end(), [&](const auto& c) { return c.first == item; }))
      present.push_back(item);
  if (!present.empty()) {
    // Drawn now, for every eligible restraint, so that the stream stays aligned.
    const std::string item(present[static_cast<std::size_t>(
        rng.between(0, static_cast<std::int64_t>(present.size()) - 1))]);
    add("CHR-35-RECORD-CONTENT", item,
        [&plan, item] { std::erase_if(plan.content, [&](const auto& c) { return c.first == item; }); });
  }
  if (plan.review) add("CHR-35-USER-48H", "user_spoken_to_at, reviewer_signed_at, reviewed_by", [&] {
      plan.review.reset();
    });
  if (plan.child_spoken_to)
    add("CHR-35-CHILD-5D", "child_spoken_to_at", [&] { plan.child_spoken_to.reset(); });
  if (plan.purpose) add("CHR-20-PURPOSE", "purpose", [&] { plan.purpose.reset(); });
  if (plan.child_has_ehcp)
    add("CHR-35-EHCP", "ehcp_reference (ehcp_planned true)", [&] { plan.ehcp_planned = true; });
  return choose_breach(options, rate, rng, kFamily, plan.home, plan.child.id);
}

std::optional<PlantedBreach> RestraintPlanter::plant(MeasurePlan& plan, double rate, Rng& rng) {
  const bool permitted =
      std::find(kProhibited.begin(), kProhibited.end(), plan.type) == kProhibited.end();
  if (!permitted) return std::nullopt;
  // Drawn for every eligible measure, planted or not.
  const auto late_by = std::chrono::minutes{rng.between(24 * 60 + 30, 48 * 60)};
  const std::string prohibited(
      kProhibited[static_cast<std::size_t>(rng.between(0, static_cast<std::int64_t>(kProhibited.size()) - 1))]);
  std::vector<BreachOption> options;
  options.push_back({"CHR-35-RECORD-24H", "recorded_at (first revision over 24 h late)", plan.id, plan.applied_at, {},
                     [&plan, late_by] { plan.recorded_at = plan.applied_at + late_by; }});
  options.push_back({"CHR-19-PROHIBITED", "type (" + prohibited + ")", plan.id,
                     plan.applied_at, {}, [&plan, prohibited] { plan.type = prohibited; }});
  return choose_breach(options, rate, rng, kFamily, plan.home, plan.child.id);
}

}  // namespace carewatch::generator
