#pragma once
// RestraintPlugin: the restraint rule family (RULES.md) — behaviour management under regs 19, 20 and 35
// of the Children's Homes (England) Regulations 2015 — as three child-scoped checkers: late records,
// restraint records, and measures.

#include <memory>
#include <string>
#include <vector>

#include <carewatch/sdk/plugin.hpp>

namespace carewatch::plugins::restraint {

class RestraintPlugin final : public sdk::Plugin {
 public:
  std::string name() const override { return "restraint"; }
  std::string description() const override;
  std::vector<std::unique_ptr<sdk::Checker>> make_checkers() const override;
};

}  // namespace carewatch::plugins::restraint
