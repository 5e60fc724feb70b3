#pragma once
// The authorities an escalation's authority roles resolve through: the child's placing authority
// (placing_authority, iro, social_worker) and the home's host authority (host_authority, lado).

#include <string>
#include <string_view>

#include <carewatch/sdk/time.hpp>

#include "store/database.hpp"

namespace carewatch::routing {

struct Authorities {
  std::string placing;  // the child's placing authority id; empty when unknown or no child
  std::string host;     // the home's host authority id; empty when unknown or no home
};

// Reads both from the store as of `now` (RECORDS.md as-of semantics: the newest revision of the child
// and home records recorded at or before `now`; a withdrawn record counts as unknown). Reading at the
// moment of telling, not at opening, means a child moved to another placing authority between two
// levels is routed to the new authority at the next level. Begins no transaction.
Authorities lookup_authorities(store::Database& db, std::string_view home, std::string_view child,
                               sdk::TimePoint now);

}  // namespace carewatch::routing
