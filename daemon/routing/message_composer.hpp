#pragma once
// The messages the ladder writes to the outbox: one per (escalation, kind, level, recipient, sequence).
//
// Content (privacy, DESIGN.md): rule id, clause, severity, home, child and staff ids, evidence record
// ids, deadline, the finding's summary (written by the checker without names or record text),
// escalation id, state, level, and where to act: the CLI command, and "<act_url>/<id>" when
// [routing] act_url is set. Never a person's reason text (it may name people): only their id.
//
// Webhook payload: a JSON object with the RECORDS.md finding fields (rule, severity, regulation, home,
// child, staff, evidence, due_at, summary, escalate_to, fingerprint) plus escalation, state, level
// (0 = the first), levels, route, kind, role, sequence, sent_at, actor (closed only) and act
// {command, url}.

#include <cstddef>
#include <string>
#include <string_view>

#include <carewatch/sdk/time.hpp>

#include "escalation/escalation_store.hpp"
#include "outbox/message.hpp"
#include "routing/router.hpp"

namespace carewatch::routing {

// Message kinds (outbox::Message::kind).
inline constexpr std::string_view kOpened = "opened";        // level 0 told (or told late, after a silence)
inline constexpr std::string_view kEscalated = "escalated";  // a higher level told
inline constexpr std::string_view kReminder = "reminder";    // still open, not acknowledged
inline constexpr std::string_view kResolved = "resolved";    // the data closed it
inline constexpr std::string_view kClosed = "closed";        // a person resolved it

struct MessageContext {
  std::string_view kind;
  std::size_t level = 0;   // 0 = the first
  std::size_t levels = 1;  // how many the route has
  std::string_view route;
  int sequence = 0;  // the reminder's number; 0 otherwise
  sdk::TimePoint now{};
  std::string_view actor;  // closed: the person's id
  std::string_view act_url;
};

// "cw/<eid>/<kind>/L<level>/<sequence>/<channel>:<address>": deterministic, so writing the same
// message twice (a repeated transition, a re-run of the ladder) enqueues it once.
std::string idempotency_key(std::int64_t escalation, std::string_view kind, std::size_t level,
                            const Recipient& recipient, int sequence);

// "carewatch escalations ack <id> --by YOUR_ID --reason \"...\"" (or show, once it is closed).
std::string act_command(const escalation::Escalation& e, std::string_view kind);

outbox::Message compose(const escalation::Escalation& e, const Recipient& recipient,
                        const MessageContext& ctx);

}  // namespace carewatch::routing
