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
  // Whether the user's restraint training may be shown lapsed the day before (they hold in-date
  // training and used no restraint earlier that day); a planter that does so sets training_lapsed, and
  // the staff record is then corrected after the period unless the user restrains again (CHR 33(4)(a)).
  bool training_lapse_eligible = false;
  bool training_lapsed = false;
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

// --- independent_monitoring: the independent person's monthly visit (CHR 44) and the six-monthly
// review of the quality of care (CHR 45). `audit_at` (a week after the period) is when a planted breach
// must show: a planter plants only breaches whose deadline has passed by then.

struct Reg44Recommendation {
  std::string ref;
  sdk::Date consider_by{};
  std::string decision;                      // accepted | rejected
  std::optional<sdk::TimePoint> decided_at;  // nullopt: no decision recorded
};

struct Reg44VisitPlan {
  std::string id;
  std::string home;
  sdk::TimePoint visited_at{};
  bool made = true;          // false: the visit is not made and nothing about it is written
  int children_placed = 0;   // children placed the morning of the visit
  int children_spoken_privately = 0;
  // How many visits in a row, up to this one, spoke to no child privately (1: the planted first half of
  // a CHR-44-PRIVATE pair); and how many later months of the period have a visit (counted up to 2).
  int unspoken_before = 0;
  int later_visits = 0;
  std::optional<sdk::TimePoint> report_sent_ofsted_at;
  std::optional<sdk::TimePoint> report_sent_placing_authorities_at;
  std::optional<sdk::TimePoint> report_sent_ri_at;
  std::vector<Reg44Recommendation> recommendations;
  sdk::TimePoint audit_at{};

  // Rendering detail; planters leave it alone.
  std::string visitor;
  bool announced = false;
  std::string opinion;
  sdk::TimePoint report_received_at{};
  sdk::TimePoint recorded_at{}, report_recorded_at{}, last_recorded_at{};
};

struct Reg45ReviewPlan {
  std::string id;
  std::string home;
  bool made = true;  // false: the review is not carried out and nothing about it is written
  sdk::Date period_start{}, period_end{};
  sdk::TimePoint completed_at{};
  std::optional<sdk::TimePoint> sent_to_ofsted_at;
  std::vector<std::string> consulted;
  // The last review completed before it (none: the home has no review on record), and whether a later
  // review is completed inside the period.
  std::string previous_id;
  sdk::TimePoint previous_completed_at{};
  bool last_in_period = false;
  sdk::TimePoint audit_at{};

  // Rendering detail; planters leave it alone.
  sdk::TimePoint recorded_at{}, sent_recorded_at{};
};

// --- workforce: recruitment checks and qualification (CHR 32, Schedule 2) on the staff record, and
// supervision and appraisal (CHR 33).

struct StaffRecordPlan {
  std::string id;  // the staff id
  std::string home;
  bool care_role = true;
  sdk::Date started_at{};
  sdk::TimePoint first_shift_at{};
  int references_received = 2;
  bool employment_history_checked = true;
  std::optional<sdk::Date> l3_achieved_at;
  std::optional<sdk::Date> restraint_training_expires;
  sdk::TimePoint audit_at{};

  // Rendering detail; planters leave it alone.
  sdk::TimePoint recorded_at{};
};

// A registered manager's absence of 28 days or more (CHR 48): Ofsted told a month before it starts
// (or, for an emergency, within a week of the start) and of the return within a week of it. The
// absence lies inside the period; while absent the manager is off the rota.
struct ManagerAbsencePlan {
  std::string id;
  std::string home;
  std::string staff;                 // the registered manager
  sdk::Date starts_on{}, ends_on{};  // ends_on: the last day of absence
  bool emergency = false;
  std::optional<sdk::TimePoint> ofsted_notified_at;
  std::optional<sdk::TimePoint> return_notified_at;
  sdk::TimePoint audit_at{};

  // Rendering detail; planters leave it alone.
  std::string author;  // the responsible individual, who tells Ofsted
  sdk::TimePoint recorded_at{}, return_recorded_at{};
};

struct StaffMeetingPlan {
  std::string kind;  // supervision | appraisal
  std::string id;
  std::string home;
  std::string staff;
  sdk::TimePoint held_at{};
  bool made = true;  // false: the meeting is not held and nothing about it is written
  // The member's last meeting of this kind written before it (none: empty), and whether no later one
  // falls inside the period.
  std::string previous_id;
  sdk::TimePoint previous_held_at{};
  bool last_in_period = false;
  sdk::TimePoint audit_at{};

  // Rendering detail; planters leave it alone.
  std::string supervisor;  // supervisions only
  std::string author;
  sdk::TimePoint recorded_at{};
};

// --- case_records and care_planning: the child's placement record (Schedule 3; CHR 7 advocacy) and
// daily records (CHR 36).

struct PlacementPlan {
  std::string id;  // the child id (the placement is the child record)
  std::string home;
  sdk::TimePoint admitted_at{};
  std::string communication;  // verbal | limited | non_verbal
  bool social_worker_recorded = true;
  bool iro_recorded = true;
  bool advocate_recorded = false;
  sdk::TimePoint audit_at{};
};

struct DailyLogPlan {
  std::string id;
  std::string home;
  std::string child;
  sdk::TimePoint occurred_at{};
  std::optional<sdk::TimePoint> signed_at;

  // Rendering detail; planters leave it alone.
  std::string author;
  std::string text;
  sdk::TimePoint recorded_at{};
};

// --- care_planning: visits to a child (CPPCR 28-29, requests) and looked-after reviews (CPPCR 33,
// CHR 7). A planter that leaves a visit or review out sets `due` (when the duty it left falls due): the
// simulator withdraws the breach if a later visit closes the duty in time after all, or the child
// leaves before it falls due (the plugin raises nothing then).

struct VisitPlan {
  std::string id;
  std::string home;
  std::string child;
  std::string role;  // RECORDS.md visit.visitor_role
  sdk::TimePoint visited_at{};
  bool made = true;  // false: the visit is not made and nothing about it is written
  std::optional<bool> seen_alone;  // social-worker visits
  std::string seen_alone_exception;
  // A visit answering a visit_request: its id and time ('' when not an answer).
  std::string request;
  sdk::TimePoint requested_at{};
  // The role has not visited the child since the request was made (so the answer is what closes it).
  bool request_open = false;
  // Regular social-worker visits: the n-th of the placement (0: the first; -1: not a regular one),
  // the placement, the last social-worker visit written before it and the day the next regular one falls.
  int index = -1;
  bool admitted_in_period = false;
  sdk::TimePoint admitted_at{};
  bool intended_until_18 = false;
  std::string previous_id;
  sdk::TimePoint previous_visited_at{};
  sdk::Date next_regular{};
  std::optional<sdk::TimePoint> due;
  sdk::TimePoint audit_at{};

  // Rendering detail; planters leave it alone.
  bool announced = false;
  sdk::TimePoint recorded_at{};
};

struct ReviewPlan {
  std::string id;
  std::string home;
  std::string child;
  sdk::TimePoint held_at{};
  bool made = true;  // false: the review is not held and nothing about it is written
  std::string participation;
  std::optional<std::string> child_views;
  // The reviews of the placement before it, the last one written and the day the next one falls.
  int index = 0;
  std::string previous_id;
  sdk::TimePoint previous_held_at{};
  sdk::Date next_review{};
  std::optional<sdk::TimePoint> due;
  sdk::TimePoint audit_at{};

  // Rendering detail; planters leave it alone.
  std::string chaired_by;
  sdk::TimePoint recorded_at{};
};

}  // namespace carewatch::generator
