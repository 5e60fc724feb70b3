#pragma once
// NotificationIndex: a home's notifications by the record they are about (`notification.about`), so a
// rule can ask "was X notified to Ofsted?" without scanning the timeline for every record.

#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include <carewatch/sdk/timeline.hpp>

namespace carewatch::plugins::serious_events {

class NotificationIndex {
 public:
  // Decides whether one notification counts towards a duty (e.g. its stage and when it was sent).
  using Accept = std::function<bool(const sdk::Record& notification)>;

  // Indexes the notifications of `timeline`, which must outlive the index.
  explicit NotificationIndex(const sdk::Timeline& timeline);

  // The notifications about `about` to `recipient` that `accept` admits (all when empty), earliest
  // sent_at first, ties broken by id.
  std::vector<const sdk::Record*> find(std::string_view about, std::string_view recipient,
                                       const Accept& accept = {}) const;

 private:
  std::multimap<std::string, const sdk::Record*, std::less<>> by_about_;
};

}  // namespace carewatch::plugins::serious_events
