#pragma once
// Plans: what the generator intends to write about one event, before it is turned into records.
// Breach planters edit a plan's closing steps (drop a notification, a referral, a decision) and the
// generator then renders whatever is left, so a planted breach is exactly "the compliant records minus
// one closing step". Every random choice (including each record's recording delay) is drawn into the
// plan before planters see it and rendering draws nothing, so planting never shifts anything else.

#include <optional>
#include <string>
#include <string_view>
#include <utility>
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

// --- restraint: restraints and measures (CHR 19, 20, 35) ---

// A restraint, its reg 35(3)(a) record, the manager's review with the person who used it (35(3)(b))
// and the conversation with the child (35(3)(c)).
struct RestraintPlan {
  std::string id;
  std::string home;
  ChildFacts child;
  bool child_has_ehcp = false;  // the child has an education, health and care plan
  sdk::TimePoint started_at{};
  sdk::TimePoint ended_at{};
  std::optional<std::string> purpose;  // prevent_injury | prevent_property_damage
  std::string used_by;
  std::vector<std::string> others_present;
  bool ehcp_planned = false;  // no reference is ever written: only a planter sets this
  // The free-text items of the record (behaviour, alternatives_tried, effectiveness, injuries, ...), by
  // field name; a planter may drop one.
  std::vector<std::pair<std::string, std::string>> content;
  struct Review {
    std::string reviewed_by;
    sdk::TimePoint user_spoken_to_at{};
    sdk::TimePoint reviewer_signed_at{};
  };
  std::optional<Review> review;
  struct ChildSpokenTo {
    sdk::TimePoint at{};
    std::string by;
    std::string views;
  };
  std::optional<ChildSpokenTo> child_spoken_to;

  // Rendering detail; planters leave it alone.
  sdk::TimePoint recorded_at{};         // first revision
  sdk::TimePoint review_recorded_at{};  // the revision after the review
};

// A sanction or consequence (measure).
struct MeasurePlan {
  std::string id;
  std::string home;
  ChildFacts child;
  sdk::TimePoint applied_at{};
  std::string type;  // loss_of_privilege | reparation | other
  std::string applied_by;
  std::string description;
  sdk::TimePoint recorded_at{};  // the record is written once
};

// --- missing: missing episodes (MISS; CHR 34(4)) ---

struct MissingEpisodePlan {
  std::string id;
  std::string home;
  ChildFacts child;
  sdk::TimePoint missing_from{};
  std::optional<sdk::TimePoint> reported_to_police_at;
  std::optional<sdk::TimePoint> placing_authority_notified_at;
  sdk::TimePoint returned_at{};
  sdk::TimePoint rhi_offered_at{};
  std::optional<sdk::TimePoint> rhi_completed_at;  // by an independent person

  // Rendering detail; planters leave it alone.
  std::string author;
  std::vector<sdk::TimePoint> revisions;  // recorded_at of each revision
};

// --- complaints: complaints (CHR 39) ---

struct ComplaintPlan {
  std::string id;
  std::string home;
  std::optional<ChildFacts> child;  // the child the complaint concerns, if any
  std::string complainant;          // child | family | advocate | staff
  sdk::TimePoint received_at{};
  std::string handled_by;
  std::vector<std::string> about_staff;
  bool closed = true;  // outcome, actions and closed_at recorded at closed_at
  sdk::TimePoint closed_at{};
  // Start of the day after the period: a planter plants only breaches whose deadline has passed an
  // audit a week after it.
  sdk::TimePoint period_end{};
  // A measure on the complaining child soon after the complaint (CHR-39-REPRISAL). The compliant data
  // has none; a planter may add one, with the id reserved for it here.
  struct Measure {
    sdk::TimePoint applied_at{};
    sdk::TimePoint recorded_at{};
    std::string type;
  };
  std::string measure_id;
  std::optional<Measure> measure_after;

  // Rendering detail; planters leave it alone.
  std::string author;
  std::string theme;
  std::string outcome;
  std::string actions;
  sdk::TimePoint recorded_at{};
  sdk::TimePoint closed_recorded_at{};
};

// --- medication: one child's doses on one day (CHR 23) ---

struct DosePlan {
  std::string id;
  std::string medicine;
  bool prn = false;
  bool psychotropic = false;
  std::optional<sdk::TimePoint> scheduled_at;  // regular doses only
  std::string status;                          // given | refused | omitted
  std::optional<sdk::TimePoint> administered_at;
  std::optional<std::string> administered_by;
  std::string reason;  // empty: none recorded

  // Rendering detail; planters leave it alone.
  std::string author;
  sdk::TimePoint recorded_at{};
};

struct MedicationRoundPlan {
  std::string home;
  ChildFacts child;
  int day = 0;                  // days since the period's first day
  std::vector<DosePlan> doses;  // in the order they are written
};

}  // namespace carewatch::generator
