#pragma once
// StaticCheckerSource: checkers handed over directly, without a plugin library (tests, built-ins).

#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "engine/checker_source.hpp"

namespace carewatch::engine {

class StaticCheckerSource final : public CheckerSource {
 public:
  // Adds `handle` as a checker of `plugin` (named "<plugin>/<handle->info().name>"). Checkers of one
  // plugin share `parameters` (those of its first add) and are disabled together.
  StaticCheckerSource& add(const std::string& plugin, std::unique_ptr<sdk::CheckerHandle> handle,
                           sdk::Parameters parameters = {});
  // Wraps an sdk::Checker in the SDK's exception-catching adapter, as a plugin library would.
  StaticCheckerSource& add(const std::string& plugin, std::unique_ptr<sdk::Checker> checker,
                           sdk::Parameters parameters = {});
  // Records a plugin that failed to load.
  StaticCheckerSource& add_problem(CheckerProblem problem);

  std::vector<CheckerEntry> checkers() const override;
  void disable(const CheckerEntry& entry, const std::string& reason) override;
  std::vector<CheckerProblem> problems() const override;

 private:
  std::vector<CheckerEntry> entries_;
  std::map<std::string, std::shared_ptr<const sdk::Parameters>> parameters_;
  std::set<std::string> disabled_;
  std::vector<CheckerProblem> problems_;
};

}  // namespace carewatch::engine
