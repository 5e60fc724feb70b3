#pragma once
// ComplaintChecker: what each complaint record must show — its outcome and the action taken, recorded
// within the practice target of 28 days (CHR-39-RECORD, reg 39(3)), and a handler who is not one of the
// staff it is about (CHR-39-INDEPENDENCE, reg 39(2)). Scope: one home, reading its complaints, so that
// complaints naming no child are checked too.

#include <string>
#include <vector>

#include <carewatch/sdk/checker.hpp>

#include "settings.hpp"

namespace carewatch::plugins::complaints {

class ComplaintChecker final : public sdk::Checker {
 public:
  std::string name() const override { return "complaints"; }
  std::vector<sdk::RuleInfo> rules() const override;
  sdk::Scope scope() const override { return sdk::Scope::home; }
  std::vector<std::string> kinds() const override { return {"complaint"}; }
  void configure(const sdk::Parameters& params) override { settings_ = Settings::from(params); }
  void check(const sdk::Timeline& timeline, const sdk::Context& context, sdk::Sink& sink) const override;

 private:
  void check_record(const sdk::Record& complaint, const sdk::Timeline& timeline, const sdk::Context& context,
                    sdk::Sink& sink) const;
  void check_independence(const sdk::Record& complaint, const sdk::Timeline& timeline,
                          const sdk::Context& context, sdk::Sink& sink) const;

  Settings settings_;
};

}  // namespace carewatch::plugins::complaints
