#include "notification_index.hpp"

#include <algorithm>
#include <tuple>

namespace carewatch::plugins::serious_events {

NotificationIndex::NotificationIndex(const sdk::Timeline& timeline) {
  for (const sdk::Record* n : timeline.of_kind("notification"))
    if (const auto about = n->str("about"); about && n->ts("sent_at"))
      by_about_.emplace(std::string(*about), n);
}

std::vector<const sdk::Record*> NotificationIndex::find(std::string_view about, std::string_view recipient,
                                                        const Accept& accept) const {
  std::vector<const sdk::Record*> out;
  const auto [first, last] = by_about_.equal_range(about);
  for (auto it = first; it != last; ++it) {
    const sdk::Record& n = *it->second;
    if (n.str("recipient") != recipient) continue;
    if (accept && !accept(n)) continue;
    out.push_back(&n);
  }
  std::sort(out.begin(), out.end(), [](const sdk::Record* a, const sdk::Record* b) {
    return std::tuple(*a->ts("sent_at"), a->id()) < std::tuple(*b->ts("sent_at"), b->id());
  });
  return out;
}

}  // namespace carewatch::plugins::serious_events
