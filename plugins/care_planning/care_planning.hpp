#pragma once
// CarePlanningPlugin: the care_planning rule family (RULES.md) — the social worker's statutory visits
// (CPPCR regs 28-29), answering a child's request for a visit, looked-after child reviews (CPPCR
// reg 33) and the child's voice and advocacy (CHR reg 7) — as four child-scoped checkers: visits,
// visit_requests, reviews, advocacy.

#include <memory>
#include <string>
#include <vector>

#include <carewatch/sdk/plugin.hpp>

namespace carewatch::plugins::care_planning {

class CarePlanningPlugin final : public sdk::Plugin {
 public:
  std::string name() const override { return "care_planning"; }
  std::string description() const override;
  std::vector<std::unique_ptr<sdk::Checker>> make_checkers() const override;
};

}  // namespace carewatch::plugins::care_planning
