#pragma once
// MissingPlugin: the missing rule family (RULES.md) — children missing from care — as two child-scoped
// checkers: return_interviews (MISS-RHI-72H) and missing_reports (MISS-REPORT).

#include <memory>
#include <string>
#include <vector>

#include <carewatch/sdk/plugin.hpp>

namespace carewatch::plugins::missing {

class MissingPlugin final : public sdk::Plugin {
 public:
  std::string name() const override { return "missing"; }
  std::string description() const override;
  std::vector<std::unique_ptr<sdk::Checker>> make_checkers() const override;
};

}  // namespace carewatch::plugins::missing
