#include "generator/home_simulator.hpp"

#include <algorithm>
#include <array>
#include <chrono>
#include <stdexcept>

#include <carewatch/sdk/calendar.hpp>

#include "generator/staged_record.hpp"
#include "generator/vocabulary.hpp"

namespace carewatch::generator {

namespace {

using sdk::Calendar;
using sdk::Date;
using sdk::TimePoint;
using sdk::Value;
using std::chrono::days;
using std::chrono::minutes;
using std::chrono::sys_days;

// Frequencies per child per day unless stated. They aim at what inspection reports describe for a
// small home: about one incident a child a month, a restraint or a missing episode every few months,
// and a handful of allegations and child protection enquiries a year per home.
constexpr double kIncidentRate = 0.035;
constexpr double kRestraintRate = 0.008;
constexpr double kMissingRate = 0.004;
constexpr double kMeasureRate = 0.01;
constexpr double kPrnRate = 0.02;
constexpr double kVisitRequestRate = 0.004;
constexpr double kLeaveRate = 1.0 / 500.0;
constexpr double kAllegationRate = 0.012;  // per home per day
constexpr double kCpEnquiryRate = 0.008;   // per home per day
constexpr double kComplaintRate = 0.015;   // per home per day
constexpr double kConcernRate = 0.02;      // per home per day
constexpr std::uint64_t kAbsenceStreams = 1000;  // first stream of the manager-absence draws

// Caps that keep chance clusters from looking like the patterns the safeguarding rules look for
// (PAT-REPEAT-MISSING: 3 in 90 days; PAT-RESTRAINT-RISE: 3 in 28 days).
constexpr int kMaxMissingIn90Days = 2;
constexpr int kMaxRestraintsIn28Days = 2;

// Periodic duties (visits, reviews, supervisions, Reg 45) are kept in step for this many days after
// the period, so an audit up to then finds them met although the data ends with the period.
constexpr int kTailDays = 14;

constexpr int kDayShiftStart = 8 * 60;
constexpr int kNightShiftStart = 20 * 60;

struct IncidentType {
  std::vector<std::string> categories;
  std::span<const std::string_view> (*descriptions)();
  bool police;
  bool injury;
  double p_serious;  // used when a decision is made
  int weight;
};

const std::vector<IncidentType>& incident_types() {
  namespace v = vocabulary;
  static const std::vector<IncidentType> types{
      {{"distress"}, v::incident_distress, false, false, 0.0, 30},
      {{"property_damage"}, v::incident_property_damage, false, false, 0.0, 12},
      {{"injury"}, v::incident_injury, false, true, 0.0, 10},
      {{"assault"}, v::incident_assault, false, false, 0.25, 8},
      {{"self_harm"}, v::incident_self_harm, false, true, 0.35, 6},
      {{"police", "assault"}, v::incident_police, true, false, 0.4, 3},
      {{"police", "alleged_offence"}, v::incident_police, true, false, 0.4, 3},
      // Police attended but nobody ticked the police category: police involvement by flag only.
      {{"property_damage"}, v::incident_police, true, false, 0.3, 2},
      {{"alleged_offence"}, v::incident_alleged_offence, false, false, 0.3, 3},
      {{"serious_injury"}, v::incident_serious_injury, false, true, 0.8, 2},
      {{"serious_illness"}, v::incident_serious_illness, false, false, 0.7, 1},
      {{"serious_accident", "injury"}, v::incident_serious_accident, false, true, 0.6, 1},
      {{"other"}, v::incident_other, false, false, 0.0, 8},
      {{"sexual_exploitation"}, v::incident_sexual_exploitation, false, false, 0.0, 2},
  };
  return types;
}

struct Medicine {
  std::string_view name;
  bool psychotropic;
  bool morning;
  bool evening;
};
constexpr std::array<Medicine, 5> kRegularMedicines{{
    {"melatonin", false, false, true},
    {"methylphenidate", true, true, false},
    {"sertraline", true, true, false},
    {"cetirizine", false, true, false},
    {"salbutamol", false, true, true},
}};

constexpr std::string_view kCandidateCategories[] = {"police",          "missing",          "serious_injury",
                                                     "serious_illness", "serious_accident", "assault",
                                                     "self_harm",       "alleged_offence"};

bool is_candidate(const std::vector<std::string>& categories) {
  for (const auto& c : categories)
    for (auto k : kCandidateCategories)
      if (c == k) return true;
  return false;
}

Date add_days(Date d, int n) {
  return Date{sys_days{d} + days{n}};
}
int days_between(Date from, Date to) {
  return static_cast<int>((sys_days{to} - sys_days{from}).count());
}
Date weekday_on_or_after(Date d) {
  while (Calendar::is_weekend(d)) d = add_days(d, 1);
  return d;
}
Date weekday_on_or_before(Date d) {
  while (Calendar::is_weekend(d)) d = add_days(d, -1);
  return d;
}
Date last_day_of_month(Date d) {
  return Date{std::chrono::year_month_day_last{d.year(), std::chrono::month_day_last{d.month()}}};
}

std::string padded(int n, int width) {
  std::string s = std::to_string(n);
  if (static_cast<int>(s.size()) < width) s.insert(0, static_cast<std::size_t>(width) - s.size(), '0');
  return s;
}

std::string text(std::span<const std::string_view> list, Rng& rng) {
  return std::string(rng.pick(list));
}

template <class T>
T mod(T a, T b) {
  return ((a % b) + b) % b;
}

}  // namespace

HomeSimulator::HomeSimulator(const Shared& shared, int index, std::string host_authority)
    : shared_(shared),
      index_(index),
      id_("H" + std::to_string(index + 1)),
      host_authority_(std::move(host_authority)),
      rng_(Rng::derive(shared.options.seed, static_cast<std::uint64_t>(index) * 2)),
      plant_rng_(Rng::derive(shared.options.seed, static_cast<std::uint64_t>(index) * 2 + 1)),
      // Streams numbered past any home's world and planting streams (2 per home, at most 200 homes).
      absence_rng_(Rng::derive(shared.options.seed, kAbsenceStreams + static_cast<std::uint64_t>(index) * 2)),
      absence_plant_rng_(
          Rng::derive(shared.options.seed, kAbsenceStreams + static_cast<std::uint64_t>(index) * 2 + 1)),
      start_(shared.options.start),
      end_(shared.options.end_date()),
      period_end_(Calendar::start_of_day(add_days(shared.options.end_date(), 1))),
      onboarded_at_(shared.options.onboarded_at()) {
  const int c = shared.options.children_per_home;
  day_team_size_ = 2 + c / 3;
  night_team_size_ = 1 + c / 4;
}

// ---------------------------------------------------------------------------------------------------
// time and people

Date HomeSimulator::day_date(int day) const {
  return add_days(start_, day);
}
int HomeSimulator::day_index(Date d) const {
  return days_between(start_, d);
}

TimePoint HomeSimulator::at(Date d, int minute_of_day) const {
  return Calendar::from_local(std::chrono::local_days{sys_days{d}.time_since_epoch()} +
                              minutes{minute_of_day});
}

TimePoint HomeSimulator::minutes_after(TimePoint t, int lo, int hi) {
  return t + minutes{between(lo, hi)};
}

// Consecutive days take consecutive slices of the rota, so a night team never works the next day shift
// and nobody works two shifts at once (there are at least day + night + 2 people on the rota).
std::vector<int> HomeSimulator::day_team(int day) const {
  const int k = static_cast<int>(care_staff_.size());
  const int offset = mod(day * (day_team_size_ + night_team_size_), k);
  std::vector<int> team;
  team.reserve(static_cast<std::size_t>(day_team_size_));
  for (int i = 0; i < day_team_size_; ++i)
    team.push_back(care_staff_[static_cast<std::size_t>((offset + i) % k)]);
  return team;
}

std::vector<int> HomeSimulator::night_team(int day) const {
  const int k = static_cast<int>(care_staff_.size());
  const int offset = mod(day * (day_team_size_ + night_team_size_) + day_team_size_, k);
  std::vector<int> team;
  team.reserve(static_cast<std::size_t>(night_team_size_));
  for (int i = 0; i < night_team_size_; ++i)
    team.push_back(care_staff_[static_cast<std::size_t>((offset + i) % k)]);
  return team;
}

std::vector<int> HomeSimulator::on_duty(TimePoint t) const {
  const Date date = Calendar::local_date(t);
  const auto local = Calendar::to_local(t);
  const auto minute =
      static_cast<int>(std::chrono::duration_cast<minutes>(local - std::chrono::floor<days>(local)).count());
  const int day = day_index(date);
  if (minute < kDayShiftStart) return night_team(day - 1);
  if (minute < kNightShiftStart) return day_team(day);
  return night_team(day);
}

const std::string& HomeSimulator::staff_on_duty(TimePoint t) {
  const auto team = on_duty(t);
  return staff_[static_cast<std::size_t>(rng_.pick(std::span<const int>(team)))].id;
}

const std::string& HomeSimulator::care_staff_pick() {
  return staff_[static_cast<std::size_t>(rng_.pick(std::span<const int>(care_staff_)))].id;
}

std::vector<int> HomeSimulator::present_children() const {
  std::vector<int> out;
  for (const int c : slots_)
    if (c >= 0) out.push_back(c);
  return out;
}

std::string HomeSimulator::next_id(const std::string& prefix) {
  return prefix + "-" + id_ + "-" + padded(++counters_[prefix], 5);
}

PlannedNotification HomeSimulator::notification(const std::string& recipient, const std::string& stage,
                                                TimePoint sent_at) {
  PlannedNotification n;
  n.id = next_id("NOT");
  n.recipient = recipient;
  n.stage = stage;
  n.sent_at = sent_at;
  n.recorded_at = minutes_after(sent_at, 2, 15);
  if (recipient == "ofsted") n.reference = "OF-" + n.id;
  return n;
}

TimePoint HomeSimulator::audit_at() const {
  return Calendar::start_of_day(add_days(end_, 8));
}

// A rule measures the gap from `last` to the next occurrence against `limit_days`. The next falls
// `lo`..`hi` days on; if that is after the period and the gap would run out within kTailDays of its
// end, it is brought forward to the period's last (week)day instead.
Date HomeSimulator::schedule_next(Date last, int lo, int hi, int limit_days, bool weekday) {
  Date next = add_days(last, between(lo, hi));
  if (weekday) next = weekday_on_or_after(next);
  if (sys_days{next} <= sys_days{end_} || days_between(last, end_) + kTailDays < limit_days) return next;
  const Date pulled = weekday ? weekday_on_or_before(end_) : end_;
  return sys_days{pulled} > sys_days{last} ? pulled : next;
}

// ---------------------------------------------------------------------------------------------------
// set-up

void HomeSimulator::setup() {
  make_staff();
  StagedRecord home("home", id_, "", "");
  home.set("name", "Home " + std::to_string(index_ + 1))
      .set("urn", "SC" + padded(900001 + index_, 6))
      .set("host_authority", host_authority_)
      .set("secure", false)
      .set("registered_manager", staff_[0].id)
      .set("responsible_individual", staff_[1].id)
      .set("provider", "Provider " + std::to_string(index_ / 5 + 1))  // five homes per provider
      .revision_at(onboarded_at_)
      .emit(shared_.queue, onboarded_at_);
  for (const int s : night_team(-1)) {
    StagedRecord shift("shift", next_id("SH"), id_, staff_[static_cast<std::size_t>(s)].id);
    const TimePoint end = at(start_, kDayShiftStart);
    shift.set("staff", staff_[static_cast<std::size_t>(s)].id)
        .set("start", timestamp_value(at(add_days(start_, -1), kNightShiftStart)))
        .set("end", timestamp_value(end))
        .revision_at(minutes_after(end, 5, 45))
        .emit(shared_.queue, onboarded_at_);
  }
  const int places = shared_.options.children_per_home;
  slots_.assign(static_cast<std::size_t>(places), -1);
  vacant_until_.assign(static_cast<std::size_t>(places), Date{});
  for (int slot = 0; slot < places; ++slot)
    admit_child(slot, at(add_days(start_, -between(14, 540)), between(14 * 60, 18 * 60)), true);
  // The latest supervision and appraisal before the period.
  for (auto& member : staff_) {
    supervision(member, weekday_on_or_after(add_days(start_, -between(3, 25))));
    const Date appraised = weekday_on_or_after(add_days(start_, -between(20, 330)));
    appraisal(member, appraised);
  }
  // Last month's Reg 44 visit and the latest Reg 45 review.
  const Date last_month = add_days(Date{start_.year(), start_.month(), std::chrono::day{1}}, -1);
  reg44_visit(
      Date{last_month.year(), last_month.month(), std::chrono::day{static_cast<unsigned>(between(3, 20))}});
  plan_reg45();
  plan_manager_absences();
}

// About one absence of 28-42 days a year: each full or partial year of the period holds one with the
// chance of its share of a year, wholly inside that year and ending before the period's last day (so
// that the return is notified, and any planted breach shows, by the audit).
void HomeSimulator::plan_manager_absences() {
  const int days = day_index(end_) + 1;
  for (int first = 0; first < days; first += 365) {
    const int length = std::min(365, days - first);
    const bool happens = absence_rng_.chance(length / 365.0);
    const int duration = static_cast<int>(absence_rng_.between(28, 42));
    // The absence ends by the block's (and so the period's) last day but one.
    const int slack = length - 1 - duration;
    const auto offset = absence_rng_.between(0, std::max(slack, 0));
    const bool emergency = absence_rng_.chance(0.25);
    const auto notice_days = static_cast<int>(absence_rng_.between(emergency ? 0 : 1, emergency ? 5 : 14));
    const auto notice_minute = static_cast<int>(absence_rng_.between(9 * 60, 16 * 60));
    const auto return_days = static_cast<int>(absence_rng_.between(1, 5));
    const auto return_minute = static_cast<int>(absence_rng_.between(9 * 60, 16 * 60));
    const auto delay = static_cast<int>(absence_rng_.between(30, 240));
    const auto return_delay = static_cast<int>(absence_rng_.between(30, 240));
    if (!happens || slack < 0) continue;

    ManagerAbsencePlan p;
    p.id = next_id("ABS");
    p.home = id_;
    p.staff = manager();
    p.author = staff_[1].id;
    p.starts_on = day_date(first + static_cast<int>(offset));
    p.ends_on = add_days(p.starts_on, duration - 1);
    p.emergency = emergency;
    // Notice a month and a day or more before the start; an emergency's within five days of it.
    const Date noticed = emergency ? add_days(p.starts_on, notice_days)
                                   : add_days(Calendar::add_months(p.starts_on, -1), -notice_days);
    p.ofsted_notified_at = at(noticed, notice_minute);
    p.recorded_at = *p.ofsted_notified_at + minutes{delay};
    p.return_notified_at = at(add_days(p.ends_on, return_days), return_minute);
    p.return_recorded_at = *p.return_notified_at + minutes{return_delay};
    p.audit_at = audit_at();
    manager_absences_.emplace_back(p.starts_on, p.ends_on);
    offer(p, absence_plant_rng_);
    render(p);
  }
}

bool HomeSimulator::manager_absent(Date d) const {
  return std::any_of(manager_absences_.begin(), manager_absences_.end(), [&](const auto& a) {
    return sys_days{a.first} <= sys_days{d} && sys_days{d} <= sys_days{a.second};
  });
}

// Written as the source system holds it: the notice (a notice before the system held the home is
// migrated when it first does), then the end and the return's notice.
void HomeSimulator::render(const ManagerAbsencePlan& p) {
  StagedRecord r("manager_absence", p.id, id_, p.author);
  r.set("staff", p.staff).set("starts_on", date_value(p.starts_on)).set("emergency", p.emergency);
  if (p.ofsted_notified_at) r.set("ofsted_notified_at", timestamp_value(*p.ofsted_notified_at));
  r.revision_at(p.recorded_at);
  r.set_at(p.return_recorded_at, "ends_on", date_value(p.ends_on));
  if (p.return_notified_at)
    r.set_at(p.return_recorded_at, "return_notified_at", timestamp_value(*p.return_notified_at));
  r.revision_at(p.return_recorded_at).emit(shared_.queue, onboarded_at_);
}

void HomeSimulator::make_staff() {
  const int count = shared_.options.staff_per_home;
  static constexpr int kEmploymentWeights[] = {65, 15, 20};
  static constexpr std::string_view kEmployment[] = {"permanent", "bank", "agency"};
  for (int i = 0; i < count; ++i) {
    StaffMember m;
    m.id = "S-" + id_ + "-" + padded(i + 1, 2);
    m.role = i == 0   ? "registered_manager"
             : i == 1 ? "responsible_individual"
             : i < 4  ? "senior"
                      : "care_worker";
    m.employment = i < 4 ? "permanent" : std::string(kEmployment[rng_.weighted(kEmploymentWeights)]);
    m.care_role = i != 1;
    const Date started =
        add_days(start_, m.employment == "permanent" ? -between(120, 2500) : -between(60, 700));
    // Schedule 2 checks all complete before the first shift (CHR 32(3)).
    const TimePoint identity = at(add_days(started, -between(20, 45)), between(600, 960));
    const TimePoint dbs = at(add_days(started, -between(5, 19)), between(600, 960));
    const TimePoint first_shift = at(add_days(started, between(0, 3)), kDayShiftStart);
    StaffRecordPlan p;
    p.id = m.id;
    p.home = id_;
    p.care_role = m.care_role;
    p.started_at = started;
    p.first_shift_at = first_shift;
    if (m.care_role) {
      Date l3 = add_days(started, between(90, 540));
      if (sys_days{l3} > sys_days{add_days(start_, -7)}) l3 = add_days(start_, -7);
      p.l3_achieved_at = l3;
      p.restraint_training_expires = add_days(end_, between(30, 500));
    }
    p.recorded_at = minutes_after(first_shift, 60, 600);
    p.audit_at = audit_at();
    offer(p);
    StagedRecord r("staff", m.id, id_, i == 0 ? "" : "S-" + id_ + "-01");
    r.set("role", m.role)
        .set("employment", m.employment)
        .set("care_role", m.care_role)
        .set("started_at", date_value(started))
        .set("first_shift_at", timestamp_value(first_shift))
        .set("identity_verified_at", timestamp_value(identity))
        .set("dbs_cleared_at", timestamp_value(dbs))
        .set("references_received", p.references_received);
    if (p.employment_history_checked) r.set("employment_history_checked", true);
    if (p.l3_achieved_at) r.set("l3_achieved_at", date_value(*p.l3_achieved_at));
    if (p.restraint_training_expires)
      r.set("restraint_training_expires", date_value(*p.restraint_training_expires));
    r.revision_at(p.recorded_at).emit(shared_.queue, onboarded_at_);
    m.record = std::move(r);
    staff_.push_back(std::move(m));
    if (i >= 2) care_staff_.push_back(i);
  }
}

void HomeSimulator::admit_child(int slot, TimePoint admitted_at, bool before_period) {
  Child c;
  const int seq = static_cast<int>(children_.size()) + 1;
  const std::string suffix = padded(index_ + 1, 3) + padded(seq, 2);
  c.facts.id = "C-" + id_ + "-" + padded(seq, 2);
  c.admitted_at = admitted_at;
  const Date admitted = Calendar::local_date(admitted_at);
  // Out-of-area placements are common: about three in five children come from another authority.
  std::vector<std::string> others;
  for (const auto& a : shared_.authorities)
    if (a != host_authority_) others.push_back(a);
  c.facts.placing_authority =
      rng_.chance(0.4) || others.empty() ? host_authority_ : rng_.pick(std::span<const std::string>(others));
  c.facts.out_of_area = c.facts.placing_authority != host_authority_;
  static constexpr int kCommunicationWeights[] = {70, 20, 10};
  static constexpr std::string_view kCommunication[] = {"verbal", "limited", "non_verbal"};
  c.communication = std::string(kCommunication[rng_.weighted(kCommunicationWeights)]);
  const bool disability = c.communication != "verbal" || rng_.chance(0.15);
  const bool ehcp = rng_.chance(disability ? 0.8 : 0.2);
  c.has_advocate = c.communication != "verbal" || rng_.chance(0.5);
  const std::string pa_code = c.facts.placing_authority;
  c.social_worker = "SW-" + pa_code + "-" + suffix;
  c.iro = "IRO-" + pa_code + "-" + suffix;
  c.advocate = c.has_advocate ? "ADV-" + suffix : std::string();
  c.family_per_month = between(1, 4);
  static constexpr int kMedicineCountWeights[] = {40, 40, 20};
  const auto medicine_count = rng_.weighted(kMedicineCountWeights);
  while (c.medicines.size() < medicine_count) {
    const int m = between(0, static_cast<int>(kRegularMedicines.size()) - 1);
    if (std::find(c.medicines.begin(), c.medicines.end(), m) == c.medicines.end()) c.medicines.push_back(m);
  }
  const Date born = add_days(admitted, -(between(8, 16) * 365 + between(0, 364)));
  // Either newly looked after and placed here (the first review falls to this home, within 20 working
  // days: CPPCR 33), or looked after well before, so the first reviews were another home's.
  Date looked_after = rng_.chance(0.2) ? admitted : add_days(admitted, -between(40, 1500));
  if (sys_days{looked_after} < sys_days{born}) looked_after = add_days(born, 30);
  const double distance =
      c.facts.out_of_area ? between(25, 250) + between(0, 9) / 10.0 : between(2, 20) + between(0, 9) / 10.0;
  const bool until_18 = rng_.chance(0.5);
  c.intended_until_18 = until_18;
  c.admitted_in_period = !before_period;

  c.record = Value::object({
      {"date_of_birth", date_value(born)},
      {"placing_authority", c.facts.placing_authority},
      {"admitted_at", timestamp_value(admitted_at)},
      {"looked_after_since", date_value(looked_after)},
      {"intended_until_18", until_18},
      {"communication", c.communication},
      {"disability", disability},
      {"ehcp", ehcp},
      {"social_worker", c.social_worker},
      {"iro", c.iro},
      {"distance_from_home_km", distance},
  });
  if (c.has_advocate) c.record.set("advocate", c.advocate);
  if (!before_period) {
    PlacementPlan p;
    p.id = c.facts.id;
    p.home = id_;
    p.admitted_at = admitted_at;
    p.communication = c.communication;
    p.advocate_recorded = c.has_advocate;
    p.audit_at = audit_at();
    offer(p);
    // The placement record is written without what the plan leaves out.
    std::erase_if(c.record.as_object(), [&](const sdk::Member& m) {
      return (m.first == "social_worker" && !p.social_worker_recorded) || (m.first == "iro" && !p.iro_recorded) ||
             (m.first == "advocate" && !p.advocate_recorded);
    });
  }
  StagedRecord record("child", c.facts.id, id_, manager());
  for (const auto& [k, v] : c.record.as_object()) record.set(k, v);
  record.revision_at(minutes_after(admitted_at, 60, 180)).emit(shared_.queue, onboarded_at_);

  StagedRecord plan("care_plan", next_id("PLAN"), id_, manager());
  plan.set("child", c.facts.id)
      .set("effective_from", date_value(admitted))
      .set("family_contact_per_month", c.family_per_month)
      .set("requires_advocate", c.has_advocate)
      .set("communication_plan", c.communication != "verbal")
      .revision_at(at(add_days(admitted, between(1, 3)), between(600, 960)))
      .emit(shared_.queue, onboarded_at_);

  // Statutory visits and reviews: the first social-worker visit within a week of admission (CPPCR 28),
  // the first review within 20 working days (CPPCR 33), then visits at most six weeks apart.
  c.next_social_worker = add_days(admitted, between(1, 6));
  c.next_review = schedule_next(admitted, 14, 25, 27, false);
  const Date first_day = before_period ? start_ : add_days(admitted, 1);
  c.next_family = add_days(first_day, between(0, 28 / c.family_per_month - 1));
  c.next_advocate = add_days(first_day, between(2, 20));
  c.next_iro = add_days(first_day, between(10, 60));
  const int index = static_cast<int>(children_.size());
  children_.push_back(std::move(c));
  slots_[static_cast<std::size_t>(slot)] = index;
  if (before_period) write_child_history(children_.back());
}

// Social-worker visits and reviews from admission up to the period, so the period starts in step.
void HomeSimulator::write_child_history(Child& child) {
  while (sys_days{child.next_social_worker} < sys_days{start_}) {
    social_worker_visit(child, child.next_social_worker);
  }
  while (sys_days{child.next_review} < sys_days{start_})
    review(child, at(child.next_review, between(600, 900)));
}

void HomeSimulator::plan_reg45() {
  // Six-monthly periods ending on the last day of a month; homes are staggered.
  Date month = Date{start_.year(), start_.month(), std::chrono::day{1}};
  month = Calendar::add_months(month, -8);
  std::optional<Reg45Plan> latest_before;
  while (sys_days{month} <= sys_days{end_}) {
    const int m = static_cast<int>(static_cast<unsigned>(month.month()));
    if ((m + index_) % 6 == 0) {
      Reg45Plan p;
      p.period_end = last_day_of_month(month);
      p.period_start = add_days(Calendar::add_months(add_days(p.period_end, 1), -6), 0);
      p.completed_on = weekday_on_or_after(add_days(p.period_end, between(5, 14)));
      // A review due to be completed after the period is completed on its last weekday instead when
      // the previous one would otherwise be six months old within kTailDays (CHR 45(1)-(2)).
      const std::optional<Date> previous = !reg45_.empty() ? std::optional<Date>(reg45_.back().completed_on)
                                           : latest_before ? std::optional<Date>(latest_before->completed_on)
                                                           : std::nullopt;
      const Date last_weekday = weekday_on_or_before(end_);
      if (sys_days{p.completed_on} > sys_days{end_} && sys_days{last_weekday} > sys_days{p.period_end} &&
          previous && sys_days{Calendar::add_months(*previous, 6)} <= sys_days{end_} + days{kTailDays})
        p.completed_on = last_weekday;
      if (sys_days{p.completed_on} < sys_days{start_})
        latest_before = p;
      else if (sys_days{p.completed_on} <= sys_days{end_})
        reg45_.push_back(p);
    }
    month = Calendar::add_months(month, 1);
  }
  if (latest_before) reg45_review(*latest_before);
}

// ---------------------------------------------------------------------------------------------------
// each day

void HomeSimulator::simulate_day(int day) {
  const Date date = day_date(day);
  write_shifts(day);
  home_events(date);
  for (int slot = 0; slot < static_cast<int>(slots_.size()); ++slot)
    if (slots_[static_cast<std::size_t>(slot)] >= 0) child_day(slot, date);
  admissions(date);
}

void HomeSimulator::write_shifts(int day) {
  const Date date = day_date(day);
  auto write = [&](int s, TimePoint start, TimePoint end) {
    const std::string& staff = staff_[static_cast<std::size_t>(s)].id;
    // An absent manager works no shift; its id and draw are still taken, so nothing else shifts.
    std::string id = next_id("SH");
    const TimePoint recorded_at = minutes_after(end, 5, 45);
    if (s == 0 && manager_absent(date)) return;
    StagedRecord("shift", std::move(id), id_, staff)
        .set("staff", staff)
        .set("start", timestamp_value(start))
        .set("end", timestamp_value(end))
        .revision_at(recorded_at)
        .emit(shared_.queue, onboarded_at_);
  };
  for (const int s : day_team(day)) write(s, at(date, kDayShiftStart), at(date, kNightShiftStart));
  for (const int s : night_team(day))
    write(s, at(date, kNightShiftStart), at(add_days(date, 1), kDayShiftStart));
  if (!Calendar::is_weekend(date)) write(0, at(date, 9 * 60), at(date, 17 * 60));
}

void HomeSimulator::home_events(Date date) {
  // Reg 44: one visit a month, on a day chosen when the month (or the period) begins.
  if (static_cast<unsigned>(date.day()) == 1 || sys_days{date} == sys_days{start_}) {
    Date last = last_day_of_month(date);
    if (sys_days{last} > sys_days{end_}) last = end_;
    const int first =
        static_cast<unsigned>(date.day()) == 1 ? 3 : static_cast<int>(static_cast<unsigned>(date.day()));
    const int last_day = static_cast<int>(static_cast<unsigned>(last.day()));
    const int lo = std::min(first, last_day);
    const int hi = std::max(lo, std::min(20, last_day));
    reg44_day_ = between(lo, hi);
  }
  if (static_cast<int>(static_cast<unsigned>(date.day())) == reg44_day_) reg44_visit(date);
  for (const auto& p : reg45_)
    if (sys_days{p.completed_on} == sys_days{date}) reg45_review(p);
  for (auto& member : staff_) {
    if (Calendar::is_weekend(date)) continue;
    if (sys_days{member.next_supervision} <= sys_days{date}) supervision(member, date);
    if (sys_days{member.next_appraisal} <= sys_days{date}) {
      appraisal(member, date);
    }
  }
  const bool allegation_today = rng_.chance(kAllegationRate);
  const bool enquiry_today = rng_.chance(kCpEnquiryRate);
  const bool complaint_today = rng_.chance(kComplaintRate);
  const bool concern_today = rng_.chance(kConcernRate);
  if (allegation_today) allegation(date);
  if (enquiry_today) cp_enquiry(date);
  if (complaint_today) complaint(date);
  if (concern_today) concern(date);
}

void HomeSimulator::child_day(int slot, Date date) {
  Child& child = children_[static_cast<std::size_t>(slots_[static_cast<std::size_t>(slot)])];
  DayFlags flags;
  const bool leaving =
      rng_.chance(kLeaveRate) && days_between(Calendar::local_date(child.admitted_at), date) > 60;
  if (leaving) {
    leave(slot, date);
    return;
  }
  // Events first, so the day's logs can mention them.
  if (rng_.chance(kIncidentRate)) {
    const auto& types = incident_types();
    std::vector<int> weights;
    weights.reserve(types.size());
    for (const auto& t : types) weights.push_back(t.weight);
    const IncidentType& type = types[rng_.weighted(weights)];
    incident(child, at(date, between(7 * 60, 22 * 60)), type.categories, type.descriptions(), type.police,
             type.injury, type.p_serious, flags);
  }
  if (rng_.chance(kMissingRate)) missing_episode(child, date, flags);
  if (rng_.chance(kRestraintRate)) restraint(child, date, flags);
  if (rng_.chance(kMeasureRate)) measure(child, date);
  if (rng_.chance(kVisitRequestRate)) visit_request(slot, child, date);
  medication(child, date);

  if (sys_days{child.next_social_worker} <= sys_days{date}) social_worker_visit(child, date);
  if (sys_days{child.next_family} <= sys_days{date}) {
    visit(child, "family", at(date, between(840, 1080)));
    // Often enough that every calendar month meets the care plan's family_contact_per_month.
    child.next_family = add_days(date, 28 / child.family_per_month - between(0, 1));
  }
  if (child.has_advocate && sys_days{child.next_advocate} <= sys_days{date}) {
    visit(child, "advocate", at(date, between(600, 1020)));
    child.next_advocate = add_days(date, between(21, 35));
  }
  if (sys_days{child.next_iro} <= sys_days{date}) {
    visit(child, "iro", at(date, between(600, 960)));
    child.next_iro = add_days(date, between(60, 90));
  }
  if (sys_days{child.next_review} <= sys_days{date}) review(child, at(date, between(600, 900)));
  const int child_index = slots_[static_cast<std::size_t>(slot)];
  for (const auto& rv : requested_visits_)
    if (rv.child == child_index && sys_days{rv.day} == sys_days{date})
      visit(child, rv.role, at(date, between(600, 1020)), rv.request, rv.requested_at);
  std::erase_if(requested_visits_, [&](const RequestedVisit& rv) {
    return rv.child == child_index && sys_days{rv.day} <= sys_days{date};
  });
  daily_logs(child, date, flags);
}

void HomeSimulator::admissions(Date date) {
  for (int slot = 0; slot < static_cast<int>(slots_.size()); ++slot) {
    if (slots_[static_cast<std::size_t>(slot)] >= 0) continue;
    if (sys_days{vacant_until_[static_cast<std::size_t>(slot)]} != sys_days{date}) continue;
    // Not in the period's last fortnight: the admission duties (a visit within a week, a review) would
    // fall after the data ends.
    if (days_between(date, end_) < kTailDays) continue;
    admit_child(slot, at(date, between(14 * 60, 18 * 60)), false);
  }
}

void HomeSimulator::leave(int slot, Date date) {
  const int index = slots_[static_cast<std::size_t>(slot)];
  Child& child = children_[static_cast<std::size_t>(index)];
  const TimePoint left = at(date, between(11 * 60, 15 * 60));
  // Revision 1 is already written; revision 2 adds left_at.
  Value body = child.record;
  body.set("left_at", timestamp_value(left));
  body.set("kind", "child");
  body.set("id", child.facts.id);
  body.set("home", id_);
  body.set("recorded_by", manager());
  body.set("recorded_at", timestamp_value(minutes_after(left, 60, 180)));
  body.set("revision", 2);
  shared_.queue.push(body);
  // The plugin raises no duty falling due once the child has left.
  for (const auto& duty : pending_duties_)
    if (duty.child == index && duty.due >= left) withdraw(duty);
  std::erase_if(pending_duties_, [&](const PendingDuty& d) { return d.child == index; });
  child.present = false;
  slots_[static_cast<std::size_t>(slot)] = -1;
  vacant_until_[static_cast<std::size_t>(slot)] = add_days(date, between(5, 20));
  std::erase_if(requested_visits_, [&](const RequestedVisit& rv) { return rv.child == index; });
}

void HomeSimulator::finish() {
  for (const auto& rv : requested_visits_)
    visit(children_[static_cast<std::size_t>(rv.child)], rv.role, at(rv.day, between(600, 1020)), rv.request,
          rv.requested_at);
  requested_visits_.clear();
  write_training_lapses();
}

// ---------------------------------------------------------------------------------------------------
// events with closing steps: planned, offered to the planters, rendered

template <class Plan>
void HomeSimulator::offer(Plan& plan, Rng& planting) {
  for (const auto& planter : shared_.planters) {
    if (auto breach = planter->plant(plan, shared_.options.breach_rate, planting)) {
      shared_.breaches.push_back(std::move(*breach));
      return;
    }
  }
}

void HomeSimulator::incident(Child& child, TimePoint occurred_at, std::vector<std::string> categories,
                             std::span<const std::string_view> descriptions, bool police, bool injury,
                             double p_serious, DayFlags& flags, const std::string* involved) {
  IncidentPlan p;
  p.id = next_id("INC");
  p.home = id_;
  p.child = child.facts;
  p.occurred_at = occurred_at;
  p.categories = std::move(categories);
  p.police_involved = police;
  p.injury_to_child = injury;
  p.author = staff_on_duty(occurred_at);
  p.staff_involved.push_back(involved ? *involved : p.author);
  p.description = text(descriptions, rng_);
  p.recorded_at = minutes_after(occurred_at, 15, 90);
  p.decided_by = manager();
  const bool cse = p.has_category("sexual_exploitation");
  if (is_candidate(p.categories) || police) {
    // Every candidate, and every incident the police were involved in, gets a decision within hours
    // (CHR 40(4) with 13(2)(h); 24 h practice target).
    p.seriousness = rng_.chance(p_serious) ? "serious" : "not_serious";
    p.decided_at = minutes_after(occurred_at, 40, 360);
  } else if (!cse && rng_.chance(0.4)) {
    p.seriousness = "not_serious";
    p.decided_at = minutes_after(occurred_at, 20, 120);
  }
  p.decision_recorded_at = minutes_after(p.decided_at, 2, 20);
  // Serious incidents and sexual exploitation go to Ofsted and the placing authority, and to the host
  // authority too for a child placed out of area, well within the day.
  if (p.seriousness == "serious" || cse) {
    const TimePoint from = cse ? occurred_at : p.decided_at;
    p.notifications.push_back(notification("ofsted", "initial", minutes_after(from, 20, 240)));
    p.notifications.push_back(notification("placing_authority", "initial", minutes_after(from, 20, 240)));
    if (child.facts.out_of_area)
      p.notifications.push_back(notification("host_authority", "initial", minutes_after(from, 20, 240)));
  }
  if (p.injury_to_child) {
    IncidentPlan::Injury inj;
    inj.id = next_id("INJ");
    inj.observed_at = minutes_after(occurred_at, 10, 45);
    inj.recorded_at = minutes_after(inj.observed_at, 10, 60);
    inj.body_site = text(vocabulary::body_site(), rng_);
    inj.explanation = text(vocabulary::injury_explanation(), rng_);
    p.injury = std::move(inj);
    flags.injury = true;
  }
  offer(p);
  render(p);
}

void HomeSimulator::render(const IncidentPlan& p) {
  StagedRecord r("incident", p.id, id_, p.author);
  r.set("child", p.child.id)
      .set("occurred_at", timestamp_value(p.occurred_at))
      .set("categories", string_list(p.categories))
      .set("description", p.description)
      .set("staff_involved", string_list(p.staff_involved))
      .set("police_involved", p.police_involved)
      .set("injury_to_child", p.injury_to_child)
      .revision_at(p.recorded_at);
  if (p.seriousness) {
    r.set_at(p.decided_at, "seriousness", *p.seriousness)
        .set_at(p.decided_at, "seriousness_decided_at", timestamp_value(p.decided_at))
        .set_at(p.decided_at, "seriousness_decided_by", p.decided_by)
        .revision_at(std::max(p.decision_recorded_at, p.recorded_at));
  }
  r.emit(shared_.queue, onboarded_at_);
  for (const auto& n : p.notifications) render(n, p.id);
  if (p.injury) {
    StagedRecord("injury", p.injury->id, id_, p.author)
        .set("child", p.child.id)
        .set("observed_at", timestamp_value(p.injury->observed_at))
        .set("body_site", p.injury->body_site)
        .set("explanation", p.injury->explanation)
        .set("linked_record", p.id)
        .revision_at(p.injury->recorded_at)
        .emit(shared_.queue, onboarded_at_);
  }
}

void HomeSimulator::render(const PlannedNotification& n, const std::string& about) {
  StagedRecord r("notification", n.id, id_, manager());
  r.set("about", about)
      .set("recipient", n.recipient)
      .set("sent_at", timestamp_value(n.sent_at))
      .set("stage", n.stage);
  if (!n.reference.empty()) r.set("reference", n.reference);
  r.revision_at(n.recorded_at).emit(shared_.queue, onboarded_at_);
}

void HomeSimulator::allegation(Date date) {
  const auto present = present_children();
  AllegationPlan p;
  p.id = next_id("ALG");
  p.home = id_;
  p.author = manager();
  p.received_at = at(date, between(9 * 60, 15 * 60));
  const bool against_staff = rng_.chance(0.75);
  const bool names_child = !present.empty() && (!against_staff || rng_.chance(0.85));
  if (names_child)
    p.child = children_[static_cast<std::size_t>(rng_.pick(std::span<const int>(present)))].facts;
  if (against_staff) {
    p.against_staff = care_staff_pick();
    if (p.child) {
      static constexpr int kLimbWeights[] = {40, 15, 30, 15};
      static constexpr std::string_view kLimbs[] = {"harmed", "offence", "risk", "unsuitable"};
      const auto first = rng_.weighted(kLimbWeights);
      p.limbs.emplace_back(kLimbs[first]);
      const auto second = rng_.weighted(kLimbWeights);
      if (rng_.chance(0.3) && second != first) p.limbs.emplace_back(kLimbs[second]);
    } else {
      p.limbs.emplace_back(rng_.chance(0.5) ? "unsuitable" : "risk");
    }
    // Referred to the LADO within hours of receipt: inside one working day whatever the calendar.
    p.lado_referred_at = minutes_after(p.received_at, 60, 180);
  } else {
    p.against_home = true;
  }
  if (p.child) {
    p.placing_authority_referred_at = minutes_after(p.received_at, 30, 240);
    if (p.child->out_of_area) p.host_authority_referred_at = minutes_after(p.received_at, 60, 300);
  }
  p.notifications.push_back(notification("ofsted", "initial", minutes_after(p.received_at, 60, 300)));
  p.notifications.push_back(
      notification("placing_authority", "initial", minutes_after(p.received_at, 60, 300)));
  if (p.child && p.child->out_of_area)
    p.notifications.push_back(
        notification("host_authority", "initial", minutes_after(p.received_at, 60, 300)));
  p.recorded_at = minutes_after(p.received_at, 10, 30);
  p.referral_delay = minutes{between(5, 20)};
  const TimePoint outcome_at = at(add_days(date, between(14, 56)), between(600, 960));
  p.outcome = text(vocabulary::allegation_outcome(), rng_);
  p.outcome_recorded_at = minutes_after(outcome_at, 10, 60);
  if (outcome_at < period_end_) p.outcome_at = outcome_at;
  offer(p);
  render(p);
}

void HomeSimulator::render(const AllegationPlan& p) {
  StagedRecord r("allegation", p.id, id_, p.author);
  r.set("received_at", timestamp_value(p.received_at)).set("against_home", p.against_home);
  if (p.child) r.set("child", p.child->id);
  if (p.against_staff) r.set("against_staff", *p.against_staff);
  if (!p.limbs.empty()) r.set("limbs", string_list(p.limbs));
  r.revision_at(p.recorded_at);
  std::optional<TimePoint> last_referral;
  auto referral = [&](const char* field, const std::optional<TimePoint>& t) {
    if (!t) return;
    r.set_at(*t, field, timestamp_value(*t));
    if (!last_referral || *t > *last_referral) last_referral = *t;
  };
  referral("lado_referred_at", p.lado_referred_at);
  referral("placing_authority_referred_at", p.placing_authority_referred_at);
  referral("host_authority_referred_at", p.host_authority_referred_at);
  if (last_referral) r.revision_at(*last_referral + p.referral_delay);
  if (p.outcome_at) {
    r.set_at(*p.outcome_at, "outcome", p.outcome)
        .set_at(*p.outcome_at, "outcome_at", timestamp_value(*p.outcome_at))
        .revision_at(p.outcome_recorded_at);
  }
  r.emit(shared_.queue, onboarded_at_);
  for (const auto& n : p.notifications) render(n, p.id);
}

void HomeSimulator::cp_enquiry(Date date) {
  const auto present = present_children();
  if (present.empty()) return;
  CpEnquiryPlan p;
  p.id = next_id("CPE");
  p.home = id_;
  p.author = manager();
  p.child = children_[static_cast<std::size_t>(rng_.pick(std::span<const int>(present)))].facts;
  if (rng_.chance(0.3)) p.staff = care_staff_pick();
  p.started_at = at(date, between(9 * 60, 16 * 60));
  p.recorded_at = minutes_after(p.started_at, 30, 120);
  p.initial_notifications.push_back(notification("ofsted", "initial", minutes_after(p.started_at, 60, 360)));
  p.initial_notifications.push_back(
      notification("placing_authority", "initial", minutes_after(p.started_at, 60, 360)));
  const TimePoint outcome_at = at(add_days(date, between(10, 40)), between(600, 960));
  p.outcome = text(vocabulary::cp_outcome(), rng_);
  p.outcome_recorded_at = minutes_after(outcome_at, 10, 60);
  auto ofsted = notification("ofsted", "outcome", minutes_after(outcome_at, 60, 360));
  auto placing = notification("placing_authority", "outcome", minutes_after(outcome_at, 60, 360));
  if (outcome_at < period_end_) {
    p.outcome_at = outcome_at;
    p.outcome_notifications = {std::move(ofsted), std::move(placing)};
  }
  offer(p);
  render(p);
}

void HomeSimulator::render(const CpEnquiryPlan& p) {
  StagedRecord r("cp_enquiry", p.id, id_, p.author);
  r.set("started_at", timestamp_value(p.started_at));
  if (p.child) r.set("child", p.child->id);
  if (p.staff) r.set("staff", *p.staff);
  r.revision_at(p.recorded_at);
  if (p.outcome_at) {
    r.set_at(*p.outcome_at, "outcome", p.outcome)
        .set_at(*p.outcome_at, "outcome_at", timestamp_value(*p.outcome_at))
        .revision_at(p.outcome_recorded_at);
  }
  r.emit(shared_.queue, onboarded_at_);
  for (const auto& n : p.initial_notifications) render(n, p.id);
  for (const auto& n : p.outcome_notifications) render(n, p.id);
}

// ---------------------------------------------------------------------------------------------------
// other care events

void HomeSimulator::restraint(Child& child, Date date, DayFlags& flags) {
  const TimePoint started = at(date, between(10 * 60, 19 * 60 + 30));
  while (!child.restraints.empty() && child.restraints.front() < started - days{28})
    child.restraints.pop_front();
  if (static_cast<int>(child.restraints.size()) >= kMaxRestraintsIn28Days ||
      started < child.no_sanction_until)
    return;
  child.restraints.push_back(started);
  flags.restraint = true;
  auto team = on_duty(started);
  const auto first = static_cast<std::size_t>(between(0, static_cast<int>(team.size()) - 1));
  const std::string used_by = staff_[static_cast<std::size_t>(team[first])].id;
  const std::string other = staff_[static_cast<std::size_t>(team[(first + 1) % team.size()])].id;
  RestraintPlan p;
  p.home = id_;
  p.child = child.facts;
  const Value* ehcp = child.record.find("ehcp");
  p.child_has_ehcp = ehcp && ehcp->is_bool() && ehcp->as_bool();
  p.started_at = started;
  p.used_by = used_by;
  p.others_present = {other};
  p.ended_at = minutes_after(started, 3, 15);
  const TimePoint user_spoken = minutes_after(started, 4 * 60, 20 * 60);
  const TimePoint child_spoken = minutes_after(started, 6 * 60, 20 * 60);
  const TimePoint signed_at = minutes_after(std::max(user_spoken, child_spoken), 60, 8 * 60);
  const std::string key_worker = care_staff_pick();
  // The incident that led to it; a restraint is always to prevent injury or damage (CHR 20), never to
  // stop a child leaving an open home.
  static constexpr int kPurposeWeights[] = {70, 30};
  static constexpr std::string_view kPurposes[] = {"prevent_injury", "prevent_property_damage"};
  p.purpose = std::string(kPurposes[rng_.weighted(kPurposeWeights)]);
  p.id = next_id("RST");
  // A braced list is evaluated in order, so the texts are drawn in the order they always were.
  p.content = {{"technique", text(vocabulary::restraint_technique(), rng_)},
               {"behaviour", text(vocabulary::restraint_behaviour(), rng_)},
               {"alternatives_tried", text(vocabulary::restraint_alternatives(), rng_)},
               {"effectiveness", text(vocabulary::restraint_effectiveness(), rng_)},
               {"injuries", text(vocabulary::restraint_injuries(), rng_)},
               {"medical_treatment", text(vocabulary::restraint_medical(), rng_)}};
  p.review = RestraintPlan::Review{manager(), user_spoken, signed_at};
  p.child_spoken_to =
      RestraintPlan::ChildSpokenTo{child_spoken, key_worker, text(vocabulary::child_views(), rng_)};
  p.recorded_at = minutes_after(started, 45, 240);
  p.review_recorded_at = minutes_after(signed_at, 5, 30);
  const auto user = std::find_if(staff_.begin(), staff_.end(), [&](const StaffMember& m) { return m.id == used_by; });
  note_restraint(*user, p);
  offer(p);
  if (p.training_lapsed) user->lapsed_at = p;
  render(p);
  static constexpr int kIncidentWeights[] = {50, 25, 25};
  const auto which = rng_.weighted(kIncidentWeights);
  if (which == 0)
    incident(child, started - minutes{2}, {"distress"}, vocabulary::incident_distress(), false, false, 0.0,
             flags, &used_by);
  else if (which == 1)
    incident(child, started - minutes{2}, {"assault"}, vocabulary::incident_assault(), false, false, 0.25,
             flags, &used_by);
  else
    incident(child, started - minutes{2}, {"property_damage"}, vocabulary::incident_property_damage(), false,
             false, 0.0, flags, &used_by);
}

void HomeSimulator::missing_episode(Child& child, Date date, DayFlags& flags) {
  const TimePoint from = at(date, between(14 * 60, 19 * 60));
  while (!child.missing.empty() && child.missing.front() < from - days{90}) child.missing.pop_front();
  if (static_cast<int>(child.missing.size()) >= kMaxMissingIn90Days) return;
  child.missing.push_back(from);
  flags.missing = true;
  // Reported at once, back the same evening, return-home interview by an independent person within
  // 72 hours (MISS; CHR 34(4)).
  MissingEpisodePlan p;
  p.home = id_;
  p.child = child.facts;
  p.missing_from = from;
  const TimePoint police = minutes_after(from, 20, 90);
  const TimePoint placing = minutes_after(from, 60, 240);
  p.returned_at = minutes_after(from, 60, 240);
  p.rhi_offered_at = minutes_after(p.returned_at, 120, 720);
  const TimePoint completed = minutes_after(p.returned_at, 20 * 60, 60 * 60);
  p.reported_to_police_at = police;
  p.placing_authority_notified_at = placing;
  p.rhi_completed_at = completed;
  p.id = next_id("MIS");
  p.author = manager();
  p.revisions = {minutes_after(police, 5, 15), minutes_after(std::max(placing, p.returned_at), 10, 30),
                 minutes_after(completed, 30, 120)};
  offer(p);
  render(p);
  incident(child, from, {"missing"}, vocabulary::incident_missing(), false, false, 0.15, flags);
}

void HomeSimulator::note_restraint(StaffMember& member, RestraintPlan& plan) {
  // The checker judges the training on the staff record as of the audit, so a lapse before an earlier
  // restraint would also show on this one: that breach is withdrawn. The lapse can be planted on this
  // restraint only if the member's earlier restraints all fall on earlier days.
  if (member.lapsed_at) {
    const std::string evidence = member.lapsed_at->id;
    std::erase_if(shared_.breaches, [&](const PlantedBreach& b) {
      return b.rule == "CHR-33-RESTRAINT-TRAINING" && b.evidence == evidence;
    });
    member.lapsed_at.reset();
  }
  const Date day = Calendar::local_date(plan.started_at);
  plan.training_lapse_eligible = member.record && member.care_role &&
                                 plan.started_at >= Calendar::start_of_day(start_) &&
                                 (!member.last_restraint_day || sys_days{*member.last_restraint_day} < sys_days{day});
  member.last_restraint_day = day;
}

void HomeSimulator::write_training_lapses() {
  // Written on the day after the period (fixed time, no draw), before the audit a week later.
  const TimePoint written_at = period_end_ + std::chrono::hours{9};
  for (StaffMember& m : staff_) {
    if (!m.lapsed_at) continue;
    const Date lapsed = add_days(Calendar::local_date(m.lapsed_at->started_at), -1);
    StagedRecord r = *m.record;
    r.set_at(written_at, "restraint_training_expires", date_value(lapsed)).revision_at(written_at);
    r.emit(shared_.queue, onboarded_at_, written_at);
    m.lapsed_at.reset();
  }
}

void HomeSimulator::render(const RestraintPlan& p) {
  StagedRecord r("restraint", p.id, id_, p.used_by);
  r.set("child", p.child.id)
      .set("started_at", timestamp_value(p.started_at))
      .set("ended_at", timestamp_value(p.ended_at))
      .set("used_by", p.used_by)
      .set("others_present", string_list(p.others_present))
      .set("ehcp_planned", p.ehcp_planned);
  if (p.purpose) r.set("purpose", *p.purpose);
  for (const auto& [field, value] : p.content) r.set(field, value);
  if (p.review) {
    r.set_at(p.review->reviewer_signed_at, "reviewed_by", p.review->reviewed_by)
        .set_at(p.review->user_spoken_to_at, "user_spoken_to_at",
                timestamp_value(p.review->user_spoken_to_at))
        .set_at(p.review->reviewer_signed_at, "reviewer_signed_at",
                timestamp_value(p.review->reviewer_signed_at));
  }
  if (p.child_spoken_to) {
    r.set_at(p.child_spoken_to->at, "child_spoken_to_at", timestamp_value(p.child_spoken_to->at))
        .set_at(p.child_spoken_to->at, "child_spoken_to_by", p.child_spoken_to->by)
        .set_at(p.child_spoken_to->at, "child_views", p.child_spoken_to->views);
  }
  r.revision_at(p.recorded_at).revision_at(p.review_recorded_at).emit(shared_.queue, onboarded_at_);
}

void HomeSimulator::render(const MissingEpisodePlan& p) {
  StagedRecord r("missing_episode", p.id, id_, p.author);
  r.set("child", p.child.id)
      .set("missing_from", timestamp_value(p.missing_from))
      .set_at(p.returned_at, "returned_at", timestamp_value(p.returned_at))
      .set_at(p.rhi_offered_at, "rhi_offered_at", timestamp_value(p.rhi_offered_at));
  if (p.reported_to_police_at)
    r.set_at(*p.reported_to_police_at, "reported_to_police_at", timestamp_value(*p.reported_to_police_at));
  if (p.placing_authority_notified_at)
    r.set_at(*p.placing_authority_notified_at, "placing_authority_notified_at",
             timestamp_value(*p.placing_authority_notified_at));
  if (p.rhi_completed_at) {
    r.set_at(*p.rhi_completed_at, "rhi_completed_at", timestamp_value(*p.rhi_completed_at))
        .set_at(*p.rhi_completed_at, "rhi_independent", true);
  }
  for (const TimePoint t : p.revisions) r.revision_at(t);
  r.emit(shared_.queue, onboarded_at_);
}

void HomeSimulator::measure(Child& child, Date date) {
  const TimePoint applied = at(date, between(10 * 60, 20 * 60));
  if (applied < child.no_sanction_until) return;
  static constexpr int kWeights[] = {60, 30, 10};
  static constexpr std::string_view kTypes[] = {"loss_of_privilege", "reparation", "other"};
  const auto type = rng_.weighted(kWeights);
  MeasurePlan p;
  p.applied_by = staff_on_duty(applied);
  p.id = next_id("MEA");
  p.home = id_;
  p.child = child.facts;
  p.applied_at = applied;
  p.type = std::string(kTypes[type]);
  p.description = std::string(vocabulary::measure_description()[type]);
  p.recorded_at = minutes_after(applied, 20, 120);
  offer(p);
  render(p);
}

void HomeSimulator::render(const MeasurePlan& p) {
  StagedRecord("measure", p.id, id_, p.applied_by)
      .set("child", p.child.id)
      .set("applied_at", timestamp_value(p.applied_at))
      .set("type", p.type)
      .set("applied_by", p.applied_by)
      .set("description", p.description)
      .revision_at(p.recorded_at)
      .emit(shared_.queue, onboarded_at_);
}

void HomeSimulator::medication(Child& child, Date date) {
  MedicationRoundPlan round;
  round.home = id_;
  round.child = child.facts;
  round.day = day_index(date);
  auto dose = [&](const Medicine& m, int minute) {
    const TimePoint scheduled = at(date, minute);
    const bool given = rng_.chance(0.97);
    DosePlan d;
    d.author = staff_on_duty(scheduled);
    d.id = next_id("MED");
    d.medicine = std::string(m.name);
    d.scheduled_at = scheduled;
    d.status = given ? "given" : "refused";
    d.psychotropic = m.psychotropic;
    d.administered_by = d.author;
    TimePoint done = scheduled;
    if (given) {
      done = minutes_after(scheduled, 0, 20);
      d.administered_at = done;
    } else {
      d.reason = std::string(vocabulary::medication_reason()[0]);
    }
    d.recorded_at = minutes_after(done, 1, 30);
    round.doses.push_back(std::move(d));
  };
  for (const int i : child.medicines) {
    const Medicine& m = kRegularMedicines[static_cast<std::size_t>(i)];
    if (m.morning) dose(m, 8 * 60 + 30);
    if (m.evening) dose(m, 19 * 60 + 30);
  }
  if (rng_.chance(kPrnRate)) {
    const TimePoint given = at(date, between(10 * 60, 19 * 60));
    DosePlan d;
    d.author = staff_on_duty(given);
    d.id = next_id("MED");
    d.medicine = "paracetamol";
    d.prn = true;
    d.status = "given";
    d.administered_at = given;
    d.administered_by = d.author;
    d.reason = std::string(vocabulary::medication_reason()[static_cast<std::size_t>(between(1, 2))]);
    d.recorded_at = minutes_after(given, 1, 30);
    round.doses.push_back(std::move(d));
  }
  if (round.doses.empty()) return;
  offer(round);
  render(round);
}

void HomeSimulator::render(const MedicationRoundPlan& round) {
  for (const auto& d : round.doses) {
    StagedRecord r("medication", d.id, id_, d.author);
    r.set("child", round.child.id).set("medicine", d.medicine);
    if (d.scheduled_at) r.set("scheduled_at", timestamp_value(*d.scheduled_at));
    if (d.administered_at) r.set("administered_at", timestamp_value(*d.administered_at));
    r.set("status", d.status).set("prn", d.prn).set("psychotropic", d.psychotropic);
    if (d.administered_by) r.set("administered_by", *d.administered_by);
    if (!d.reason.empty()) r.set("reason", d.reason);
    r.revision_at(d.recorded_at).emit(shared_.queue, onboarded_at_);
  }
}

VisitPlan HomeSimulator::plan_visit(const Child& child, const std::string& role, TimePoint visited_at) {
  VisitPlan p;
  p.id = next_id("VIS");
  p.home = id_;
  p.child = child.facts.id;
  p.role = role;
  p.visited_at = visited_at;
  p.announced = rng_.chance(0.7);
  if (role == "social_worker") {
    // Seen alone unless the child chose otherwise (CPPCR 29), and then the reason is recorded.
    p.seen_alone = rng_.chance(0.9);
    if (!*p.seen_alone) p.seen_alone_exception = text(vocabulary::seen_alone_exception(), rng_);
  }
  p.recorded_at = minutes_after(visited_at, 30, 240);
  p.admitted_in_period = child.admitted_in_period;
  p.admitted_at = child.admitted_at;
  p.intended_until_18 = child.intended_until_18;
  p.audit_at = audit_at();
  return p;
}

void HomeSimulator::visit(Child& child, const std::string& role, TimePoint visited_at, const std::string& request,
                          TimePoint requested_at) {
  VisitPlan p = plan_visit(child, role, visited_at);
  p.request = request;
  p.requested_at = requested_at;
  const auto last = child.last_visit_by_role.find(role);
  p.request_open = !request.empty() && (last == child.last_visit_by_role.end() || last->second < requested_at);
  const std::size_t before = shared_.breaches.size();
  if (visited_at >= Calendar::start_of_day(start_)) offer(p);
  hold_pending(child, role, before, p.due, requested_at);
  render(p, child);
}

void HomeSimulator::social_worker_visit(Child& child, Date date) {
  VisitPlan p = plan_visit(child, "social_worker", at(date, between(600, 1020)));
  child.next_social_worker = schedule_next(date, 25, 38, 42, false);
  p.index = child.social_worker_visits++;
  p.previous_id = child.last_social_worker_visit;
  p.previous_visited_at = child.last_social_worker_visit_at;
  p.next_regular = child.next_social_worker;
  const std::size_t before = shared_.breaches.size();
  if (sys_days{date} >= sys_days{start_}) offer(p);
  hold_pending(child, "social_worker", before, p.due, p.previous_id.empty() ? child.admitted_at : p.previous_visited_at);
  render(p, child);
}

void HomeSimulator::render(const VisitPlan& p, Child& child) {
  if (!p.made) return;
  StagedRecord r("visit", p.id, id_, manager());
  r.set("visitor_role", p.role).set("visited_at", timestamp_value(p.visited_at)).set("child", p.child);
  r.set("announced", p.announced);
  if (p.seen_alone) {
    r.set("seen_alone", *p.seen_alone);
    if (!p.seen_alone_exception.empty()) r.set("seen_alone_exception", p.seen_alone_exception);
  }
  if (!p.request.empty()) r.set("request", p.request);
  r.revision_at(p.recorded_at).emit(shared_.queue, onboarded_at_);
  child.last_visit_by_role[p.role] = p.visited_at;
  if (p.role == "social_worker") {
    child.last_social_worker_visit = p.id;
    child.last_social_worker_visit_at = p.visited_at;
  }
  // A visit by the role a left-out visit was owed by settles it: a social worker's visit closes a gap
  // in time if made by its deadline; any visit by the requested role answers a request (however late).
  const int index = child_index(child);
  std::erase_if(pending_duties_, [&](const PendingDuty& d) {
    if (d.child != index || d.role != p.role || p.visited_at < d.opened_at) return false;
    const bool closes = d.rule == "CHILD-VISIT-REQUEST" ? p.visited_at <= audit_at() : p.visited_at <= d.due;
    if (closes) withdraw(d);
    return closes;
  });
}

void HomeSimulator::hold_pending(const Child& child, const std::string& role, std::size_t breaches_before,
                                 const std::optional<TimePoint>& due, TimePoint opened_at) {
  if (!due || shared_.breaches.size() <= breaches_before) return;
  const PlantedBreach& b = shared_.breaches.back();
  pending_duties_.push_back({child_index(child), role, b.rule, b.evidence, opened_at, *due});
}

void HomeSimulator::withdraw(const PendingDuty& duty) {
  std::erase_if(shared_.breaches, [&](const PlantedBreach& b) {
    return b.home == id_ && b.rule == duty.rule && b.evidence == duty.evidence;
  });
}

void HomeSimulator::review(Child& child, TimePoint held_at) {
  static constexpr int kWeights[] = {60, 15, 25};
  static constexpr std::string_view kParticipation[] = {"attended", "written", "via_advocate"};
  auto participation = kParticipation[rng_.weighted(kWeights)];
  if (participation == "via_advocate" && !child.has_advocate) participation = "attended";
  ReviewPlan p;
  p.id = next_id("REV");
  p.home = id_;
  p.child = child.facts.id;
  p.held_at = held_at;
  p.chaired_by = child.iro;
  p.participation = std::string(participation);
  p.child_views = text(vocabulary::child_views(), rng_);
  p.recorded_at = minutes_after(held_at, 60, 480);
  p.index = child.reviews_held++;
  // CPPCR 33: the second review within three months of the first, then at most six months apart.
  const Date held = Calendar::local_date(held_at);
  child.next_review = child.reviews_held == 1 ? schedule_next(held, 70, 85, 89, false)
                                              : schedule_next(held, 150, 175, 181, false);
  p.previous_id = child.last_review;
  p.previous_held_at = child.last_review_at;
  p.next_review = child.next_review;
  p.audit_at = audit_at();
  const std::size_t before = shared_.breaches.size();
  if (held_at >= Calendar::start_of_day(start_)) offer(p);
  hold_pending(child, "", before, p.due, p.previous_held_at);
  render(p, child);
}

void HomeSimulator::render(const ReviewPlan& p, Child& child) {
  if (!p.made) return;
  StagedRecord r("review", p.id, id_, manager());
  r.set("child", p.child)
      .set("held_at", timestamp_value(p.held_at))
      .set("chaired_by", p.chaired_by)
      .set("child_participation", p.participation);
  if (p.child_views) r.set("child_views", *p.child_views);
  r.set("advocate_offered", true)
      .set("iro_spoke_privately", true)
      .revision_at(p.recorded_at)
      .emit(shared_.queue, onboarded_at_);
  child.last_review = p.id;
  child.last_review_at = p.held_at;
}

void HomeSimulator::visit_request(int slot, Child& child, Date date) {
  static constexpr int kWeights[] = {35, 30, 15, 15, 5};
  static constexpr std::string_view kTo[] = {"social_worker", "advocate", "iro", "family", "other"};
  std::string to(kTo[rng_.weighted(kWeights)]);
  if (to == "advocate" && !child.has_advocate) to = "social_worker";
  const TimePoint requested = at(date, between(10 * 60, 19 * 60));
  const std::string id = next_id("VRQ");
  const std::string channel = child.communication == "verbal"
                                  ? text(vocabulary::visit_request_channel(), rng_)
                                  : "communication board";
  StagedRecord("visit_request", id, id_, staff_on_duty(requested))
      .set("child", child.facts.id)
      .set("requested_at", timestamp_value(requested))
      .set("requested_to", to)
      .set("channel", channel)
      .revision_at(minutes_after(requested, 10, 120))
      .emit(shared_.queue, onboarded_at_);
  // Answered within days: well inside the ten working days CHILD-VISIT-REQUEST allows.
  requested_visits_.push_back(
      {add_days(date, between(2, 8)), slots_[static_cast<std::size_t>(slot)], to, id, requested});
}

void HomeSimulator::daily_logs(const Child& child, Date date, const DayFlags& flags) {
  // A day with a restraint, an injury or a missing episode has a log entry that says so.
  std::vector<std::string_view> mentions;
  if (flags.restraint) mentions.push_back(vocabulary::log_restraint()[0]);
  if (flags.injury) mentions.push_back(vocabulary::log_injury()[0]);
  if (flags.missing) mentions.push_back(vocabulary::log_missing()[0]);
  struct Slot {
    int lo, hi;
    std::span<const std::string_view> (*texts)();
  };
  static constexpr Slot kSlots[] = {{8 * 60 + 30, 10 * 60 + 30, vocabulary::log_morning},
                                    {13 * 60, 19 * 60 + 30, vocabulary::log_day},
                                    {20 * 60 + 30, 23 * 60, vocabulary::log_night}};
  // Mentions go to the afternoon entry, then the evening one, then the morning one.
  static constexpr std::size_t kMentionSlot[] = {1, 2, 0};
  std::string_view overrides[3] = {};
  for (std::size_t i = 0; i < mentions.size(); ++i) overrides[kMentionSlot[i]] = mentions[i];
  const bool evening = rng_.chance(0.6) || !overrides[2].empty();
  for (std::size_t s = 0; s < 3; ++s) {
    if (s == 2 && !evening) break;
    const TimePoint occurred = at(date, between(kSlots[s].lo, kSlots[s].hi));
    std::string body = text(kSlots[s].texts(), rng_);
    if (!overrides[s].empty()) body = std::string(overrides[s]);
    const std::string& author = staff_on_duty(occurred);
    DailyLogPlan p;
    p.home = id_;
    p.child = child.facts.id;
    p.occurred_at = occurred;
    p.author = author;
    p.text = std::move(body);
    p.recorded_at = minutes_after(occurred, 10, 90);
    p.signed_at = p.recorded_at;
    p.id = next_id("LOG");
    offer(p);
    StagedRecord r("daily_log", p.id, id_, p.author);
    r.set("child", p.child)
        .set("occurred_at", timestamp_value(p.occurred_at))
        .set("author", p.author)
        .set("text", p.text);
    if (p.signed_at) r.set("signed_at", timestamp_value(*p.signed_at));
    r.revision_at(p.recorded_at).emit(shared_.queue, onboarded_at_);
  }
}

void HomeSimulator::complaint(Date date) {
  const auto present = present_children();
  static constexpr int kWeights[] = {40, 30, 15, 15};
  static constexpr std::string_view kFrom[] = {"child", "family", "advocate", "staff"};
  const std::string from(kFrom[rng_.weighted(kWeights)]);
  const TimePoint received = at(date, between(10 * 60, 19 * 60));
  int child = -1;
  if (!present.empty() && (from != "staff" || rng_.chance(0.5)))
    child = rng_.pick(std::span<const int>(present));
  std::vector<std::string> about;
  if (rng_.chance(0.4)) about.push_back(care_staff_pick());
  const TimePoint closed = at(add_days(date, between(3, 20)), between(10 * 60, 16 * 60));
  ComplaintPlan p;
  p.id = next_id("CMP");
  p.home = id_;
  p.author = manager();
  p.complainant = from;
  p.received_at = received;
  p.handled_by = manager();
  if (child >= 0) p.child = children_[static_cast<std::size_t>(child)].facts;
  p.about_staff = std::move(about);
  p.closed_at = closed;
  p.period_end = period_end_;
  // Its own id, so that adding it shifts no other measure's.
  p.measure_id = "MEA-" + id_ + "-C" + p.id.substr(p.id.rfind('-') + 1);
  p.theme = text(vocabulary::complaint_theme(), rng_);
  p.outcome = text(vocabulary::complaint_outcome(), rng_);
  p.actions = text(vocabulary::complaint_actions(), rng_);
  p.recorded_at = minutes_after(received, 30, 180);
  p.closed_recorded_at = minutes_after(closed, 5, 60);
  offer(p);
  render(p);
  // No sanction or restraint on a child in the fortnight after their complaint (CHR 39(4)).
  if (from == "child" && child >= 0)
    children_[static_cast<std::size_t>(child)].no_sanction_until = Calendar::start_of_day(add_days(date, 15));
}

void HomeSimulator::render(const ComplaintPlan& p) {
  StagedRecord r("complaint", p.id, id_, p.author);
  r.set("received_at", timestamp_value(p.received_at))
      .set("complainant", p.complainant)
      .set("handled_by", p.handled_by);
  if (p.child) r.set("child", p.child->id);
  if (!p.about_staff.empty()) r.set("about_staff", string_list(p.about_staff));
  r.set("theme", p.theme);
  if (p.closed) {
    r.set_at(p.closed_at, "outcome", p.outcome)
        .set_at(p.closed_at, "actions", p.actions)
        .set_at(p.closed_at, "closed_at", timestamp_value(p.closed_at));
  }
  r.revision_at(p.recorded_at).revision_at(p.closed_recorded_at).emit(shared_.queue, onboarded_at_);
  if (p.measure_after && p.child) {
    // Applied by whoever leads the shift then; rendering draws nothing.
    const std::string& by = staff_[static_cast<std::size_t>(on_duty(p.measure_after->applied_at).front())].id;
    StagedRecord("measure", p.measure_id, id_, by)
        .set("child", p.child->id)
        .set("applied_at", timestamp_value(p.measure_after->applied_at))
        .set("type", p.measure_after->type)
        .set("applied_by", by)
        .set("description", std::string(vocabulary::measure_description()[0]))
        .revision_at(p.measure_after->recorded_at)
        .emit(shared_.queue, onboarded_at_);
  }
}

void HomeSimulator::concern(Date date) {
  const auto present = present_children();
  static constexpr int kWeights[] = {35, 20, 15, 15, 5, 5, 5};
  static constexpr std::string_view kSources[] = {"family", "school",        "health", "staff",
                                                  "police", "whistleblower", "other"};
  static constexpr std::size_t kSummary[] = {0, 1, 2, 3, 4, 3, 5};
  const auto source = rng_.weighted(kWeights);
  const std::string from(kSources[source]);
  const TimePoint raised = at(date, between(9 * 60, 18 * 60));
  const bool about_child = source <= 2 || source == 4 || rng_.chance(0.5);
  StagedRecord r("concern", next_id("CON"), id_, manager());
  r.set("raised_at", timestamp_value(raised)).set("source", from);
  if (about_child && !present.empty())
    r.set("child", children_[static_cast<std::size_t>(rng_.pick(std::span<const int>(present)))].facts.id);
  if ((from == "staff" || from == "whistleblower") && rng_.chance(0.5))
    r.set("about_staff", care_staff_pick());
  const TimePoint responded = minutes_after(raised, 120, 48 * 60);
  r.set("summary", std::string(vocabulary::concern_summary()[kSummary[source]]))
      .set_at(responded, "responded_at", timestamp_value(responded))
      .revision_at(minutes_after(raised, 10, 60))
      .revision_at(minutes_after(responded, 5, 30))
      .emit(shared_.queue, onboarded_at_);
}

// The manager supervises and appraises the staff, the responsible individual the manager, and the
// provider's director (not on the home's staff) the responsible individual, who records it.
std::string HomeSimulator::supervisor_of(const StaffMember& member) const {
  if (member.role == "registered_manager") return staff_[1].id;
  if (member.role == "responsible_individual") return "DIR-P" + std::to_string(index_ / 5 + 1);
  return manager();
}

void HomeSimulator::supervision(StaffMember& member, Date date) {
  StaffMeetingPlan p;
  p.kind = "supervision";
  p.home = id_;
  p.staff = member.id;
  p.held_at = at(date, between(10 * 60, 16 * 60));
  p.supervisor = supervisor_of(member);
  p.author = member.role == "responsible_individual" ? member.id : p.supervisor;
  p.id = next_id("SUP");
  p.recorded_at = minutes_after(p.held_at, 60, 24 * 60);
  // Within the default six-week interval (CHR 33(4)(b)) even after moving off a weekend.
  member.next_supervision = schedule_next(date, 26, 36, 42, true);
  p.previous_id = member.last_supervision_id;
  p.previous_held_at = member.last_supervision_at;
  p.last_in_period = sys_days{member.next_supervision} > sys_days{end_};
  p.audit_at = audit_at();
  if (sys_days{date} >= sys_days{start_}) offer(p);
  if (!p.made) return;
  member.last_supervision_id = p.id;
  member.last_supervision_at = p.held_at;
  render(p);
}

void HomeSimulator::appraisal(StaffMember& member, Date date) {
  StaffMeetingPlan p;
  p.kind = "appraisal";
  p.home = id_;
  p.staff = member.id;
  p.held_at = at(date, between(10 * 60, 16 * 60));
  p.author = member.role == "responsible_individual" ? member.id : supervisor_of(member);
  p.id = next_id("APR");
  p.recorded_at = minutes_after(p.held_at, 60, 24 * 60);
  member.next_appraisal = schedule_next(date, 330, 355, 365, true);
  p.previous_id = member.last_appraisal_id;
  p.previous_held_at = member.last_appraisal_at;
  p.last_in_period = sys_days{member.next_appraisal} > sys_days{end_};
  p.audit_at = audit_at();
  if (sys_days{date} >= sys_days{start_}) offer(p);
  if (!p.made) return;
  member.last_appraisal_id = p.id;
  member.last_appraisal_at = p.held_at;
  render(p);
}

void HomeSimulator::render(const StaffMeetingPlan& p) {
  StagedRecord r(p.kind, p.id, id_, p.author);
  r.set("staff", p.staff).set("held_at", timestamp_value(p.held_at));
  if (p.kind == "supervision") r.set("supervisor", p.supervisor);
  r.revision_at(p.recorded_at).emit(shared_.queue, onboarded_at_);
}

void HomeSimulator::reg44_visit(Date date) {
  Reg44VisitPlan p;
  p.home = id_;
  p.visited_at = at(date, between(10 * 60, 15 * 60));
  p.children_placed = static_cast<int>(present_children().size());
  const int present = std::max(1, p.children_placed);
  const Date received_on = add_days(date, between(2, 7));
  p.report_received_at = at(received_on, between(9 * 60, 17 * 60));
  static constexpr int kOpinionWeights[] = {85, 15};
  p.opinion = rng_.weighted(kOpinionWeights) == 0 ? "yes" : "qualified";
  // Sent to Ofsted, the placing authorities and the RI within days, long before the 28th of the next
  // month (CHR 44(7)-(8)).
  TimePoint sent[3];
  for (auto& t : sent) t = at(add_days(received_on, between(1, 5)), between(9 * 60, 17 * 60));
  p.report_sent_ofsted_at = sent[0];
  p.report_sent_placing_authorities_at = sent[1];
  p.report_sent_ri_at = sent[2];
  const int recommendations = between(0, 2);
  TimePoint last_decision = p.report_received_at;
  for (int i = 0; i < recommendations; ++i) {
    Reg44Recommendation rec;
    rec.ref = "R" + std::to_string(i + 1);
    rec.consider_by = add_days(date, 30);
    rec.decided_at = at(add_days(received_on, between(2, 20)), between(9 * 60, 17 * 60));
    last_decision = std::max(last_decision, *rec.decided_at);
    rec.decision = rng_.chance(0.8) ? "accepted" : "rejected";
    p.recommendations.push_back(std::move(rec));
  }
  p.id = next_id("R44");
  p.visitor = "IP-" + id_;
  p.announced = rng_.chance(0.3);
  p.children_spoken_privately = between(1, present);
  const TimePoint last = std::max({sent[0], sent[1], sent[2], last_decision});
  p.recorded_at = minutes_after(p.visited_at, 60, 180);
  p.report_recorded_at = minutes_after(p.report_received_at, 30, 120);
  p.last_recorded_at = minutes_after(last, 10, 60);
  p.unspoken_before = reg44_unspoken_run_;
  const Date next_month = add_days(last_day_of_month(date), 1);
  if (sys_days{next_month} <= sys_days{end_})
    p.later_visits = sys_days{add_days(last_day_of_month(next_month), 1)} <= sys_days{end_} ? 2 : 1;
  p.audit_at = audit_at();
  if (sys_days{date} >= sys_days{start_}) offer(p);
  render(p);
}

void HomeSimulator::render(const Reg44VisitPlan& p) {
  if (!p.made) return;
  reg44_unspoken_run_ = p.children_spoken_privately == 0 ? reg44_unspoken_run_ + 1 : 0;
  StagedRecord r("reg44_visit", p.id, id_, manager());
  r.set("visited_at", timestamp_value(p.visited_at))
      .set("visitor", p.visitor)
      .set("announced", p.announced)
      .set("children_spoken_privately", p.children_spoken_privately)
      .set_at(p.report_received_at, "report_received_at", timestamp_value(p.report_received_at))
      .set_at(p.report_received_at, "opinion_safeguarded", p.opinion);
  if (p.report_sent_ofsted_at)
    r.set_at(*p.report_sent_ofsted_at, "report_sent_ofsted_at", timestamp_value(*p.report_sent_ofsted_at));
  if (p.report_sent_placing_authorities_at)
    r.set_at(*p.report_sent_placing_authorities_at, "report_sent_placing_authorities_at",
             timestamp_value(*p.report_sent_placing_authorities_at));
  if (p.report_sent_ri_at)
    r.set_at(*p.report_sent_ri_at, "report_sent_ri_at", timestamp_value(*p.report_sent_ri_at));
  if (!p.recommendations.empty()) {
    sdk::Array undecided, decided;
    std::optional<TimePoint> last_decision;
    for (const auto& rec : p.recommendations) {
      undecided.push_back(Value::object({{"ref", rec.ref}, {"consider_by", date_value(rec.consider_by)}}));
      Value item = Value::object({{"ref", rec.ref}, {"consider_by", date_value(rec.consider_by)}});
      if (rec.decided_at) {
        item.set("decision", rec.decision);
        item.set("decided_at", timestamp_value(*rec.decided_at));
        last_decision = std::max(last_decision.value_or(*rec.decided_at), *rec.decided_at);
      }
      decided.push_back(std::move(item));
    }
    r.set_at(p.report_received_at, "recommendations", Value(std::move(undecided)));
    if (last_decision)
      r.set_at(std::max(*last_decision, p.report_received_at), "recommendations", Value(std::move(decided)));
  }
  r.revision_at(p.recorded_at)
      .revision_at(p.report_recorded_at)
      .revision_at(p.last_recorded_at)
      .emit(shared_.queue, onboarded_at_);
}

void HomeSimulator::reg45_review(const Reg45Plan& plan) {
  Reg45ReviewPlan p;
  p.home = id_;
  p.period_start = plan.period_start;
  p.period_end = plan.period_end;
  p.completed_at = at(plan.completed_on, between(10 * 60, 16 * 60));
  p.sent_to_ofsted_at = at(add_days(plan.completed_on, between(2, 14)), between(10 * 60, 16 * 60));
  p.id = next_id("R45");
  p.consulted = {"children", "parents", "placing_authorities", "staff"};
  p.recorded_at = minutes_after(p.completed_at, 30, 240);
  p.sent_recorded_at = minutes_after(*p.sent_to_ofsted_at, 5, 60);
  p.previous_id = last_reg45_id_;
  p.previous_completed_at = last_reg45_completed_at_;
  p.last_in_period = !reg45_.empty() && sys_days{plan.completed_on} == sys_days{reg45_.back().completed_on};
  p.audit_at = audit_at();
  if (sys_days{plan.completed_on} >= sys_days{start_}) offer(p);
  render(p);
}

void HomeSimulator::render(const Reg45ReviewPlan& p) {
  if (!p.made) return;
  last_reg45_id_ = p.id;
  last_reg45_completed_at_ = p.completed_at;
  StagedRecord r("reg45_review", p.id, id_, manager());
  r.set("period_start", date_value(p.period_start))
      .set("period_end", date_value(p.period_end))
      .set("completed_at", timestamp_value(p.completed_at))
      .set("consulted", string_list(p.consulted));
  if (p.sent_to_ofsted_at)
    r.set_at(*p.sent_to_ofsted_at, "sent_to_ofsted_at", timestamp_value(*p.sent_to_ofsted_at));
  r.revision_at(p.recorded_at).revision_at(p.sent_recorded_at).emit(shared_.queue, onboarded_at_);
}

}  // namespace carewatch::generator
