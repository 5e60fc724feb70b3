#pragma once
// RestraintChecker: what each restraint record must show — its reg 35(3)(a) content within 24 hours
// (CHR-35-RECORD-CONTENT), the user spoken to and the record signed within 48 hours (CHR-35-USER-48H),
// the child spoken to within 5 days (CHR-35-CHILD-5D), the EHC plan it relies on (CHR-35-EHCP), and a
// lawful purpose (CHR-20-PURPOSE). Restraint planned in the child's EHC plan is exempt from reg 35(3)
// (reg 35(4)) once the record names the plan. Scope: one child, reading restraints; the child's
// timeline carries the home record, whose `secure` flag CHR-20-PURPOSE needs.

#include <string>
#include <vector>

#include <carewatch/sdk/checker.hpp>

#include "settings.hpp"

namespace carewatch::plugins::restraint {

class RestraintChecker final : public sdk::Checker {
 public:
  std::string name() const override { return "restraints"; }
  std::vector<sdk::RuleInfo> rules() const override;
  sdk::Scope scope() const override { return sdk::Scope::child; }
  std::vector<std::string> kinds() const override { return {"restraint"}; }
  void configure(const sdk::Parameters& params) override { settings_ = Settings::from(params); }
  void check(const sdk::Timeline& timeline, const sdk::Context& context, sdk::Sink& sink) const override;

 private:
  void check_content(const sdk::Record& restraint, const sdk::Timeline& timeline, const sdk::Context& context,
                     sdk::Sink& sink) const;
  void check_review(const sdk::Record& restraint, const sdk::Timeline& timeline, const sdk::Context& context,
                    sdk::Sink& sink) const;
  void check_child_spoken_to(const sdk::Record& restraint, const sdk::Timeline& timeline,
                             const sdk::Context& context, sdk::Sink& sink) const;
  void check_ehcp(const sdk::Record& restraint, const sdk::Timeline& timeline, const sdk::Context& context,
                  sdk::Sink& sink) const;
  void check_purpose(const sdk::Record& restraint, const sdk::Timeline& timeline, const sdk::Context& context,
                     sdk::Sink& sink) const;

  Settings settings_;
};

}  // namespace carewatch::plugins::restraint
