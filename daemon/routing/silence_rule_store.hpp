#pragma once
// SilenceRuleStore: silence rules (table silence_rules, schema v4). A rule silences every live
// escalation matching all of its matchers (rule id, home, child, fingerprint; at least one) until it
// expires or a person ends it. The Ladder applies rules to escalations; this class only keeps them.
//
// Transactions: none begun; call the writing methods inside the caller's store::Transaction.
// Thread-safety: none; one per Database connection.

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include <carewatch/sdk/time.hpp>

#include "escalation/escalation_store.hpp"
#include "store/database.hpp"

namespace carewatch::routing {

struct SilenceRule {
  std::int64_t id = 0;
  // Matchers: empty means any. At least one must be set.
  std::string rule;
  std::string home;
  std::string child;
  std::string fingerprint;
  std::string reason;  // required
  std::string author;  // required; a person's id, never "carewatch"
  sdk::TimePoint created_at{};
  sdk::TimePoint expires_at{};
  std::optional<sdk::TimePoint> ended_at;  // set when a person ended it early
  std::string ended_by;
  std::string end_reason;

  bool matches(const escalation::Escalation& e) const;
  // Not ended and not yet expired: a rule applies until (not at) its expiry.
  bool active(sdk::TimePoint now) const { return !ended_at && now < expires_at; }
  // "rule=CHR-35-RECORD-24H home=H1" (the matchers that are set).
  std::string describe() const;
};

// A rule that is not acceptable (no matcher, no reason or author, an expiry not in the future), or an
// unknown or already-ended rule. The message is meant for the person who asked.
class SilenceRuleError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class SilenceRuleStore {
 public:
  explicit SilenceRuleStore(store::Database& db);

  // Validates and stores `rule` (its id, created_at and end fields are ignored); returns the new id.
  std::int64_t add(const SilenceRule& rule, sdk::TimePoint now);
  // Ends a rule early. Throws SilenceRuleError when unknown, already ended or expired, or by/reason empty.
  SilenceRule end(std::int64_t id, std::string_view by, std::string_view reason, sdk::TimePoint now);

  std::optional<SilenceRule> get(std::int64_t id);
  // Active rules (or every rule with `all`), oldest first.
  std::vector<SilenceRule> list(sdk::TimePoint now, bool all = false);
  // The active rules matching `e`, oldest first.
  std::vector<SilenceRule> matching(const escalation::Escalation& e, sdk::TimePoint now);

 private:
  store::Database& db_;
};

}  // namespace carewatch::routing
