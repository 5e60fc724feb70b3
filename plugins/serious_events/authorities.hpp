#pragma once
// Which local authorities a child's serious event concerns: the child's placing authority always, and
// the home's host authority as well where it is a different authority (reg 40(1), reg 34(2)(c)).

#include <string_view>

#include <carewatch/sdk/timeline.hpp>

namespace carewatch::plugins::serious_events {

// Whether the home's `host_authority` differs from `child`'s `placing_authority`. When either is not
// known as of T (no home or child record in the timeline) the answer is yes: asking for the host
// authority too is the reading that cannot silently drop a statutory notification.
bool host_differs_from_placing(const sdk::Timeline& timeline, std::string_view child);

}  // namespace carewatch::plugins::serious_events
