#pragma once
// HomeSimulator: one children's home over the period (its staff and rota, its children, and what
// happens to them) turned into records one simulated day at a time. Reference data and a short
// history (the latest statutory visits, reviews, supervisions and reports before the period) are
// written by setup(); each simulate_day() writes one day's events and their follow-ups.
//
// Everything is compliant by construction (every closing record lands well inside its deadline)
// except what a BreachPlanter removes from an event's plan before it is rendered.

#include <deque>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include <carewatch/sdk/time.hpp>
#include <carewatch/sdk/value.hpp>

#include "generator/breach_planter.hpp"
#include "generator/options.hpp"
#include "generator/plans.hpp"
#include "generator/planted_breach.hpp"
#include "generator/record_queue.hpp"
#include "generator/rng.hpp"
#include "generator/staged_record.hpp"

namespace carewatch::generator {

class HomeSimulator {
 public:
  // What every home shares. All references must outlive the simulator.
  struct Shared {
    const Options& options;
    std::span<const std::string> authorities;  // every authority id
    RecordQueue& queue;
    std::span<const std::unique_ptr<BreachPlanter>> planters;
    std::vector<PlantedBreach>& breaches;
  };

  HomeSimulator(const Shared& shared, int index, std::string host_authority);

  const std::string& id() const noexcept { return id_; }
  // The home, its staff and children, the night shift before the period, and recent history.
  void setup();
  // Day 0 is options.start. Days must be simulated in order.
  void simulate_day(int day);
  // Follow-ups scheduled after the period for events inside it (a visit answering a late request).
  void finish();

 private:
  struct StaffMember {
    std::string id;
    std::string role;
    std::string employment;
    bool care_role = true;
    sdk::Date next_supervision{};
    sdk::Date next_appraisal{};
    std::string last_supervision_id, last_appraisal_id;  // the latest written, and when each was held
    sdk::TimePoint last_supervision_at{}, last_appraisal_at{};
    // The staff record as written (for a later revision), the day of the member's last restraint, and
    // the restraint whose planted training lapse is kept while the member restrains no one again.
    std::optional<StagedRecord> record;
    std::optional<sdk::Date> last_restraint_day;
    std::optional<RestraintPlan> lapsed_at;
  };
  struct Child {
    ChildFacts facts;
    std::string communication;
    bool has_advocate = false;
    std::string advocate, social_worker, iro;
    sdk::Value record;  // the first revision's body, to which leaving adds left_at
    sdk::TimePoint admitted_at{};
    int family_per_month = 1;
    std::vector<int> medicines;  // indices into the regular-medicine table
    sdk::Date next_social_worker{}, next_family{}, next_advocate{}, next_iro{}, next_review{};
    int reviews_held = 0;
    sdk::TimePoint no_sanction_until{};  // after a complaint by the child (CHR 39(4))
    std::deque<sdk::TimePoint> missing, restraints;
    bool present = true;
    bool intended_until_18 = false;
    bool admitted_in_period = false;
    int social_worker_visits = 0;  // regular ones since admission
    std::string last_social_worker_visit, last_review;  // the latest written, and when
    sdk::TimePoint last_social_worker_visit_at{}, last_review_at{};
    std::map<std::string, sdk::TimePoint> last_visit_by_role;
  };
  // A planted breach of a visit or review left out, until it is settled: withdrawn when a later visit
  // closes the duty in time, or the child leaves before it falls due.
  struct PendingDuty {
    int child = 0;
    std::string role;  // the visitor role that closes it; empty for a review
    std::string rule, evidence;
    sdk::TimePoint opened_at{}, due{};
  };
  struct RequestedVisit {
    sdk::Date day{};
    int child = 0;
    std::string role;
    std::string request;
    sdk::TimePoint requested_at{};
  };
  struct Reg45Plan {
    sdk::Date period_start{}, period_end{}, completed_on{};
  };
  struct DayFlags {
    bool restraint = false, injury = false, missing = false;
  };

  // --- time and people ---
  sdk::Date day_date(int day) const;
  int day_index(sdk::Date d) const;
  sdk::TimePoint at(sdk::Date d, int minute_of_day) const;
  sdk::TimePoint minutes_after(sdk::TimePoint t, int lo, int hi);
  int between(int lo, int hi) { return static_cast<int>(rng_.between(lo, hi)); }
  std::vector<int> day_team(int day) const;
  std::vector<int> night_team(int day) const;
  std::vector<int> on_duty(sdk::TimePoint t) const;
  const std::string& staff_on_duty(sdk::TimePoint t);
  const std::string& care_staff_pick();
  const std::string& manager() const { return staff_[0].id; }
  std::vector<int> present_children() const;
  std::string next_id(const std::string& prefix);
  PlannedNotification notification(const std::string& recipient, const std::string& stage,
                                   sdk::TimePoint sent_at);

  sdk::Date schedule_next(sdk::Date last, int lo, int hi, int limit_days, bool weekday);

  // --- set-up ---
  void make_staff();
  void admit_child(int slot, sdk::TimePoint admitted_at, bool before_period);
  void write_child_history(Child& child);
  void plan_reg45();
  // The registered manager's absences, drawn from their own streams (absence_rng_, absence_plant_rng_)
  // so that adding them changes no other record or planted breach.
  void plan_manager_absences();
  bool manager_absent(sdk::Date d) const;
  void render(const ManagerAbsencePlan& plan);

  // --- each day ---
  void write_shifts(int day);
  void home_events(sdk::Date date);
  void child_day(int slot, sdk::Date date);
  void admissions(sdk::Date date);

  // --- events (plan, offer to planters, render) ---
  void incident(Child& child, sdk::TimePoint occurred_at, std::vector<std::string> categories,
                std::span<const std::string_view> descriptions, bool police, bool injury, double p_serious,
                DayFlags& flags, const std::string* involved = nullptr);
  void allegation(sdk::Date date);
  void cp_enquiry(sdk::Date date);
  void render(const IncidentPlan& plan);
  void render(const AllegationPlan& plan);
  void render(const CpEnquiryPlan& plan);
  void render(const PlannedNotification& n, const std::string& about);
  template <class Plan>
  void offer(Plan& plan) {
    offer(plan, plant_rng_);
  }
  template <class Plan>
  void offer(Plan& plan, Rng& planting);

  void restraint(Child& child, sdk::Date date, DayFlags& flags);
  void missing_episode(Child& child, sdk::Date date, DayFlags& flags);
  void measure(Child& child, sdk::Date date);
  void medication(Child& child, sdk::Date date);
  void visit(Child& child, const std::string& role, sdk::TimePoint visited_at, const std::string& request = {},
             sdk::TimePoint requested_at = {});
  VisitPlan plan_visit(const Child& child, const std::string& role, sdk::TimePoint visited_at);
  void social_worker_visit(Child& child, sdk::Date date);
  void render(const VisitPlan& plan, Child& child);
  void render(const RestraintPlan& plan);
  void render(const MeasurePlan& plan);
  void render(const MissingEpisodePlan& plan);
  void render(const ComplaintPlan& plan);
  void render(const MedicationRoundPlan& plan);
  void review(Child& child, sdk::TimePoint held_at);
  void render(const ReviewPlan& plan, Child& child);
  int child_index(const Child& child) const { return static_cast<int>(&child - children_.data()); }
  void hold_pending(const Child& child, const std::string& role, std::size_t breaches_before,
                    const std::optional<sdk::TimePoint>& due, sdk::TimePoint opened_at);
  void withdraw(const PendingDuty& duty);
  void visit_request(int slot, Child& child, sdk::Date date);
  void daily_logs(const Child& child, sdk::Date date, const DayFlags& flags);
  void complaint(sdk::Date date);
  void concern(sdk::Date date);
  std::string supervisor_of(const StaffMember& member) const;
  void supervision(StaffMember& member, sdk::Date date);
  void appraisal(StaffMember& member, sdk::Date date);
  void render(const StaffMeetingPlan& plan);
  void reg44_visit(sdk::Date date);
  void reg45_review(const Reg45Plan& plan);
  void render(const Reg44VisitPlan& plan);
  void render(const Reg45ReviewPlan& plan);
  // A week after the period: the audit by which every planted breach shows (its deadline has passed).
  sdk::TimePoint audit_at() const;
  void leave(int slot, sdk::Date date);
  // CHR-33-RESTRAINT-TRAINING: a restraint by `member` cancels their earlier planted lapse; the kept
  // lapses are written after the period.
  void note_restraint(StaffMember& member, RestraintPlan& plan);
  void write_training_lapses();

  const Shared& shared_;
  int index_;
  std::string id_;
  std::string host_authority_;
  Rng rng_;        // the world
  Rng plant_rng_;  // breach planting only
  Rng absence_rng_, absence_plant_rng_;  // the manager's absences, and planting on them
  std::vector<std::pair<sdk::Date, sdk::Date>> manager_absences_;  // first and last day
  sdk::Date start_{}, end_{};
  sdk::TimePoint period_end_{};    // start of the day after the last day
  sdk::TimePoint onboarded_at_{};  // no record is written earlier (Options::onboarded_at)
  std::vector<StaffMember> staff_;
  std::vector<int> care_staff_;  // indices of staff_ on the rota
  int day_team_size_ = 0, night_team_size_ = 0;
  std::vector<Child> children_;          // everyone ever placed, in admission order
  std::vector<int> slots_;               // index into children_, or -1 while vacant
  std::vector<sdk::Date> vacant_until_;  // per slot: the day the next child is admitted
  std::map<std::string, int> counters_;  // per id prefix
  std::vector<RequestedVisit> requested_visits_;
  std::vector<PendingDuty> pending_duties_;
  std::vector<Reg45Plan> reg45_;
  int reg44_day_ = 0;  // the day of the current month the Reg 44 visit falls on
  int reg44_unspoken_run_ = 0;            // visits in a row that spoke to no child privately
  std::string last_reg45_id_;             // the last reg45_review written, and when it was completed
  sdk::TimePoint last_reg45_completed_at_{};
};

}  // namespace carewatch::generator
