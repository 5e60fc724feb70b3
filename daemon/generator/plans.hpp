#pragma once
// Plans: what the generator intends to write about one event, before it is turned into records.
// Breach planters edit a plan's closing steps (drop a notification, a referral, a decision) and the
// generator then renders whatever is left, so a planted breach is exactly "the compliant records minus
// one closing step". Every random choice (including each record's recording delay) is drawn into the
// plan before planters see it and rendering draws nothing, so planting never shifts anything else.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <carewatch/sdk/time.hpp>

namespace carewatch::generator {

// A notification the home intends to send about an incident, allegation or cp_enquiry.
struct PlannedNotification {
  std::string id;
  std::string recipient;  // RECORDS.md notification.recipient
  std::string stage;      // initial | outcome
  sdk::TimePoint sent_at{};
  sdk::TimePoint recorded_at{};
  std::string reference;  // may be empty
};

// The facts about the child an event concerns that a planter needs to reason about the rules.
struct ChildFacts {
  std::string id;
  std::string placing_authority;
  bool out_of_area = false;  // placing authority differs from the home's host authority
};

struct IncidentPlan {
  std::string id;
  std::string home;
  ChildFacts child;
  sdk::TimePoint occurred_at{};
  std::vector<std::string> categories;
  bool police_involved = false;
  bool injury_to_child = false;
  std::optional<std::string> seriousness;  // serious | not_serious; nullopt: no decision recorded
  sdk::TimePoint decided_at{};
  std::vector<PlannedNotification> notifications;

  // Rendering detail; planters leave it alone.
  std::string author;
  std::string decided_by;
  std::string description;
  std::vector<std::string> staff_involved;
  sdk::TimePoint recorded_at{};           // first revision
  sdk::TimePoint decision_recorded_at{};  // the revision that adds the decision
  struct Injury {
    std::string id;
    sdk::TimePoint observed_at{};
    sdk::TimePoint recorded_at{};
    std::string body_site;
    std::string explanation;
  };
  std::optional<Injury> injury;

  bool has_category(std::string_view c) const {
    for (const auto& x : categories)
      if (x == c) return true;
    return false;
  }
};

struct AllegationPlan {
  std::string id;
  std::string home;
  std::optional<ChildFacts> child;  // the child the allegation concerns, if any
  std::optional<std::string> against_staff;
  bool against_home = false;
  std::vector<std::string> limbs;  // harmed | offence | risk | unsuitable
  sdk::TimePoint received_at{};
  std::optional<sdk::TimePoint> lado_referred_at;
  std::optional<sdk::TimePoint> placing_authority_referred_at;
  std::optional<sdk::TimePoint> host_authority_referred_at;
  std::vector<PlannedNotification> notifications;

  // Rendering detail; planters leave it alone.
  std::string author;
  sdk::TimePoint recorded_at{};              // first revision
  sdk::Seconds referral_delay{};             // the revision adding the referrals follows the last one by this
  std::optional<sdk::TimePoint> outcome_at;  // set only when the outcome falls inside the period
  std::string outcome;
  sdk::TimePoint outcome_recorded_at{};
};

struct CpEnquiryPlan {
  std::string id;
  std::string home;
  std::optional<ChildFacts> child;
  std::optional<std::string> staff;
  sdk::TimePoint started_at{};
  std::vector<PlannedNotification> initial_notifications;
  std::optional<sdk::TimePoint> outcome_at;  // set only when the outcome falls inside the period
  std::vector<PlannedNotification> outcome_notifications;

  // Rendering detail; planters leave it alone.
  std::string author;
  sdk::TimePoint recorded_at{};
  std::string outcome;
  sdk::TimePoint outcome_recorded_at{};
};

}  // namespace carewatch::generator
