#pragma once
// IndependentMonitoringPlanter: plants breaches of the independent_monitoring rules (RULES.md; CHR 44,
// 45) into the plans of the home's reg 44 visits and reg 45 reviews inside the period. Each leaves out
// one step, chosen so that exactly one rule fires, and only where the rule's deadline has passed by the
// audit a week after the period (`audit_at`):
//   CHR-44-VISIT           a visit not made; the finding is its month's (trigger `H1#2025-03`, so the
//                          manifest's evidence is the home and its stage the month).
//   CHR-44-PRIVATE         no child spoken to privately at the period's last two visits, both while two
//                          or more children were placed (a later visit speaking to one would close the
//                          finding): the first is planted with no manifest line, the last visit
//                          completes the pair and is the evidence. A first half whose next visit finds
//                          fewer than two children placed is left alone (a single such visit raises
//                          nothing).
//   CHR-44-DISPATCH        the report not sent to Ofsted, or not to the responsible individual (always
//                          required; the placing authorities only when a child was placed).
//   CHR-44-RECOMMENDATION  one recommendation's decision (evidence the visit, stage the ref).
//   CHR-45-REVIEW-6M       the period's last review not carried out (evidence the previous review).
//   CHR-45-REPORT-28D      the review's report not sent to Ofsted.
//   CHR-45-CONSULTATION    parents not consulted.

#include "generator/breach_planter.hpp"

namespace carewatch::generator {

class IndependentMonitoringPlanter final : public BreachPlanter {
 public:
  using BreachPlanter::plant;  // the other event types: not eligible
  std::string_view family() const override { return "independent_monitoring"; }
  std::optional<PlantedBreach> plant(Reg44VisitPlan& plan, double rate, Rng& rng) override;
  std::optional<PlantedBreach> plant(Reg45ReviewPlan& plan, double rate, Rng& rng) override;
};

}  // namespace carewatch::generator
