#include "authorities.hpp"

namespace carewatch::plugins::serious_events {

bool host_differs_from_placing(const sdk::Timeline& timeline, std::string_view child) {
  const sdk::Record* home = timeline.home_record();
  const sdk::Record* placement = child.empty() ? nullptr : timeline.child_record(child);
  if (!home || !placement) return true;
  const auto host = home->str("host_authority");
  const auto placing = placement->str("placing_authority");
  return !host || !placing || *host != *placing;
}

}  // namespace carewatch::plugins::serious_events
