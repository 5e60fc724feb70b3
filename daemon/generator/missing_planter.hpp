#pragma once
// MissingPlanter: plants breaches of the missing rules (RULES.md; MISS; CHR 34(4)).
//
//   MISS-RHI-72H  the return-home interview never held: rhi_completed_at (and rhi_independent) left out;
//                 the offer stays, and nothing says the child declined.
//   MISS-REPORT   the episode not reported to the police (reported_to_police_at left out), or the placing
//                 authority not told (placing_authority_notified_at left out).
// Each breach is an omission; the episode's incident and its serious_events duties are untouched.

#include "generator/breach_planter.hpp"

namespace carewatch::generator {

class MissingPlanter final : public BreachPlanter {
 public:
  using BreachPlanter::plant;  // the other event types: not eligible
  std::string_view family() const override { return "missing"; }
  std::optional<PlantedBreach> plant(MissingEpisodePlan& plan, double rate, Rng& rng) override;
};

}  // namespace carewatch::generator
