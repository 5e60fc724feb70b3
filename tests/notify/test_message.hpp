#pragma once
// A message as the escalation pipeline would write it: ids, rule ids, roles and deadlines only.

#include <string>

#include "outbox/message.hpp"

namespace carewatch::notify::testing {

inline outbox::Message test_message(outbox::Channel channel, std::string recipient,
                                    std::string key = "esc-42-opened-0-rm") {
  outbox::Message m;
  m.id = 7;
  m.idempotency_key = std::move(key);
  m.channel = channel;
  m.recipient = std::move(recipient);
  m.role = "registered_manager";
  m.home = "H001";
  m.kind = "opened";
  m.level = 0;
  m.escalations = {42};
  m.subject = "[Carewatch] high CHR-35-RECORD-24H home H001 child C017: due 2026-11-25T21:40:00Z";
  m.body =
      "Escalation 42 opened.\n"
      "Rule: CHR-35-RECORD-24H (Children's Homes (England) Regulations 2015 reg 35(3)(a))\n"
      "Home: H001  Child: C017\n"
      "Due: 2026-11-25T21:40:00Z\n";
  m.payload =
      R"({"escalation":42,"kind":"opened","rule":"CHR-35-RECORD-24H","severity":"high","home":"H001",)"
      R"("child":"C017","due_at":"2026-11-25T21:40:00Z"})";
  m.created_at =
      sdk::TimePoint(std::chrono::sys_days(std::chrono::year{2026} / 11 / 26)) + std::chrono::hours(9);
  return m;
}

}  // namespace carewatch::notify::testing
