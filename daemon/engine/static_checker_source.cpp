#include "engine/static_checker_source.hpp"

#include <algorithm>
#include <utility>

namespace carewatch::engine {

StaticCheckerSource& StaticCheckerSource::add(const std::string& plugin,
                                              std::unique_ptr<sdk::CheckerHandle> handle,
                                              sdk::Parameters parameters) {
  auto& params = parameters_[plugin];
  if (!params) params = std::make_shared<const sdk::Parameters>(std::move(parameters));
  // The entry owns the handle through keep_alive, as a plugin entry owns its library.
  std::shared_ptr<sdk::CheckerHandle> owned(std::move(handle));
  CheckerEntry entry;
  entry.plugin = plugin;
  entry.file = plugin;
  entry.name = plugin + "/" + owned->info().name;
  entry.handle = owned.get();
  entry.parameters = params;
  entry.keep_alive = std::move(owned);
  entries_.push_back(std::move(entry));
  return *this;
}

StaticCheckerSource& StaticCheckerSource::add(const std::string& plugin,
                                              std::unique_ptr<sdk::Checker> checker,
                                              sdk::Parameters parameters) {
  return add(plugin, std::make_unique<sdk::detail::CheckerAdapter>(std::move(checker)),
             std::move(parameters));
}

StaticCheckerSource& StaticCheckerSource::add_problem(CheckerProblem problem) {
  problems_.push_back(std::move(problem));
  return *this;
}

std::vector<CheckerEntry> StaticCheckerSource::checkers() const {
  std::vector<CheckerEntry> out;
  for (const auto& e : entries_)
    if (!disabled_.count(e.plugin)) out.push_back(e);
  return out;
}

void StaticCheckerSource::disable(const CheckerEntry& entry, const std::string& reason) {
  if (!disabled_.insert(entry.plugin).second) return;
  problems_.push_back({entry.file, entry.plugin, reason});
}

std::vector<CheckerProblem> StaticCheckerSource::problems() const {
  return problems_;
}

}  // namespace carewatch::engine
