#pragma once
// CaseRecordsPlugin: the case_records rule family (RULES.md) — signed daily logs and the child's case
// record (CHR reg 36 and Schedule 3) — as two child-scoped checkers: daily_logs and profiles.
// CHR-37-VISITORS is reserved in RULES.md and not declared (see rule_catalogue.hpp).

#include <memory>
#include <string>
#include <vector>

#include <carewatch/sdk/plugin.hpp>

namespace carewatch::plugins::case_records {

class CaseRecordsPlugin final : public sdk::Plugin {
 public:
  std::string name() const override { return "case_records"; }
  std::string description() const override;
  std::vector<std::unique_ptr<sdk::Checker>> make_checkers() const override;
};

}  // namespace carewatch::plugins::case_records
