#pragma once
// MedicationPlugin: the medication rule family (RULES.md, reg 23, clause believed) — omitted doses and
// incomplete records of given doses — as two child-scoped checkers.

#include <memory>
#include <string>
#include <vector>

#include <carewatch/sdk/plugin.hpp>

namespace carewatch::plugins::medication {

class MedicationPlugin final : public sdk::Plugin {
 public:
  std::string name() const override { return "medication"; }
  std::string description() const override;
  std::vector<std::unique_ptr<sdk::Checker>> make_checkers() const override;
};

}  // namespace carewatch::plugins::medication
