#pragma once
// ComplaintsPlugin: the complaints rule family (RULES.md) — reg 39 of the Children's Homes (England)
// Regulations 2015 — as a home-scoped checker of complaint records and a child-scoped reprisal check.

#include <memory>
#include <string>
#include <vector>

#include <carewatch/sdk/plugin.hpp>

namespace carewatch::plugins::complaints {

class ComplaintsPlugin final : public sdk::Plugin {
 public:
  std::string name() const override { return "complaints"; }
  std::string description() const override;
  std::vector<std::unique_ptr<sdk::Checker>> make_checkers() const override;
};

}  // namespace carewatch::plugins::complaints
