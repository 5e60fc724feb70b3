#include "notification_duty.hpp"

#include <algorithm>
#include <tuple>

#include "obligation.hpp"
#include "wording.hpp"

namespace carewatch::plugins::serious_events {

void enforce(const NotificationDuty& duty, const NotificationIndex& index, std::string_view home,
             const sdk::Context& context, sdk::Sink& sink) {
  const sdk::TimePoint as_of = context.as_of();
  Obligation obligation(duty.deadline);
  obligation.lapse_at(duty.lapses_at);
  std::vector<const sdk::Record*> found;
  for (const std::string_view recipient : duty.recipients) {
    const auto sent = index.find(duty.about, recipient, duty.accept);
    obligation.require(recipient_label(recipient), sent.empty() ? std::nullopt : sent.front()->ts("sent_at"));
    for (const sdk::Record* n : sent)
      if (*n->ts("sent_at") <= as_of) found.push_back(n);
  }
  obligation.schedule(as_of, sink);
  if (obligation.state(as_of) != Obligation::State::overdue) return;

  std::sort(found.begin(), found.end(), [](const sdk::Record* a, const sdk::Record* b) {
    return std::tuple(*a->ts("sent_at"), a->id()) < std::tuple(*b->ts("sent_at"), b->id());
  });
  std::vector<std::string> evidence{duty.trigger};
  for (const sdk::Record* n : found) evidence.push_back(n->id());
  std::string summary = duty.what + " was not notified to " + join_and(obligation.outstanding(as_of)) + " " +
                        without_delay(duty.target, duty.deadline) + ".";
  sink.emit(overdue_finding(duty.rule, home, duty.child, duty.staff, std::move(evidence), duty.deadline,
                            std::move(summary)));
}

}  // namespace carewatch::plugins::serious_events
