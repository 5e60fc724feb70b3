#pragma once
// ReturnInterviewChecker: MISS-RHI-72H — after a missing episode, a return home interview held by an
// independent person within 72 hours of the child's return, unless the child declined one (statutory
// guidance on children who run away or go missing from home or care, 2014). Scope: one child, reading
// the child's missing_episodes.

#include <string>
#include <vector>

#include <carewatch/sdk/checker.hpp>

#include "settings.hpp"

namespace carewatch::plugins::missing {

class ReturnInterviewChecker final : public sdk::Checker {
 public:
  std::string name() const override { return "return_interviews"; }
  std::vector<sdk::RuleInfo> rules() const override;
  sdk::Scope scope() const override { return sdk::Scope::child; }
  std::vector<std::string> kinds() const override { return {"missing_episode"}; }
  void configure(const sdk::Parameters& params) override { settings_ = Settings::from(params); }
  void check(const sdk::Timeline& timeline, const sdk::Context& context, sdk::Sink& sink) const override;

 private:
  void check_episode(const sdk::Record& episode, std::string_view child, const sdk::Context& context,
                     sdk::Sink& sink) const;

  Settings settings_;
};

}  // namespace carewatch::plugins::missing
