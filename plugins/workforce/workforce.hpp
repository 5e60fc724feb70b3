#pragma once
// WorkforcePlugin: the workforce rule family (RULES.md) — pre-start checks and the level 3 qualification
// (reg 32, Schedule 2), supervision, appraisal and restraint training (reg 33) and the registered
// manager's absences (reg 48) — as four staff-scoped checkers.

#include <memory>
#include <string>
#include <vector>

#include <carewatch/sdk/plugin.hpp>

namespace carewatch::plugins::workforce {

class WorkforcePlugin final : public sdk::Plugin {
 public:
  std::string name() const override { return "workforce"; }
  std::string description() const override;
  std::vector<std::unique_ptr<sdk::Checker>> make_checkers() const override;
};

}  // namespace carewatch::plugins::workforce
