#pragma once
// Subjects and timelines: what a checker is handed. A subject is one child, one staff member, one home
// or all homes; its timeline is the subject's records as of the audit time, ordered by when the thing
// happened, plus the reference records a checker needs to interpret them (the home, the child's
// placement, the staff member).

#include <algorithm>
#include <map>
#include <set>
#include <span>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include <carewatch/sdk/record.hpp>
#include <carewatch/sdk/schema.hpp>

namespace carewatch::sdk {

enum class Scope { child, staff, home, all_homes };

inline std::string_view to_string(Scope s) noexcept {
  switch (s) {
    case Scope::child: return "child";
    case Scope::staff: return "staff";
    case Scope::home: return "home";
    case Scope::all_homes: return "all_homes";
  }
  return "?";
}

struct Subject {
  Scope scope = Scope::home;
  std::string home;  // empty for all_homes
  std::string id;    // the child or staff id; empty for home and all_homes
  // "child:H1/C1", "staff:H1/S1", "home:H1", "all_homes".
  std::string key() const {
    switch (scope) {
      case Scope::child: return "child:" + home + "/" + id;
      case Scope::staff: return "staff:" + home + "/" + id;
      case Scope::home: return "home:" + home;
      case Scope::all_homes: return "all_homes";
    }
    return {};
  }
  friend auto operator<=>(const Subject&, const Subject&) = default;
};

// The subjects of a scope that one record revision belongs to. Indexing and the harness both use this,
// so a record lands in the same timelines in the daemon and in tests.
inline std::vector<Subject> subjects_of(const Record& r, Scope scope) {
  std::vector<Subject> out;
  switch (scope) {
    case Scope::all_homes:
      out.push_back({Scope::all_homes, {}, {}});
      break;
    case Scope::home:
      if (!r.home().empty()) out.push_back({Scope::home, r.home(), {}});
      break;
    case Scope::child:
    case Scope::staff: {
      if (r.home().empty()) break;
      const schema::Link want = scope == Scope::child ? schema::Link::child : schema::Link::staff;
      const schema::Kind* kind = schema::find_kind(r.kind());
      if (!kind) break;
      std::set<std::string> ids;
      if (kind->is_subject == want) ids.insert(r.id());
      for (const schema::Field& f : kind->fields) {
        if (f.link != want) continue;
        if (f.type == schema::Type::string_list) {
          for (auto s : r.strings(f.name)) ids.emplace(s);
        } else if (auto s = r.str(f.name); s && !s->empty()) {
          ids.emplace(*s);
        }
      }
      for (const auto& id : ids) out.push_back({scope, r.home(), id});
      break;
    }
  }
  return out;
}

// RECORDS.md as-of semantics: for each (kind, id) the newest revision whose recorded_at <= T; tombstones
// withdraw the record. Each selected record's first_recorded_at() is the earliest recorded_at of its
// revisions visible at T. Input may hold any revisions in any order.
inline std::vector<Record> select_as_of(std::span<const Record> revisions, TimePoint as_of) {
  struct Selected {
    const Record* newest = nullptr;
    TimePoint first{};
  };
  std::map<std::pair<std::string_view, std::string_view>, Selected> selected;
  for (const Record& r : revisions) {
    if (r.recorded_at() > as_of) continue;
    auto& slot = selected[{r.kind(), r.id()}];
    if (!slot.newest || r.recorded_at() < slot.first) slot.first = r.recorded_at();
    if (!slot.newest || slot.newest->revision() < r.revision()) slot.newest = &r;
  }
  std::vector<Record> out;
  out.reserve(selected.size());
  for (const auto& [key, s] : selected) {
    if (s.newest->deleted()) continue;
    out.push_back(*s.newest);
    out.back().set_first_recorded_at(s.first);
  }
  return out;
}

class Timeline {
 public:
  Timeline() = default;
  // `records` are the subject's current records; `references` the home, child or staff records that
  // give them meaning (may overlap `records`; duplicates are dropped).
  Timeline(Subject subject, std::vector<Record> records, std::vector<Record> references = {})
      : subject_(std::move(subject)), records_(std::move(records)) {
    for (auto& ref : references) {
      const bool dup = std::any_of(records_.begin(), records_.end(), [&](const Record& r) {
        return r.kind() == ref.kind() && r.id() == ref.id();
      });
      if (!dup) records_.push_back(std::move(ref));
    }
    std::sort(records_.begin(), records_.end(), [](const Record& a, const Record& b) {
      if (a.when() != b.when()) return a.when() < b.when();
      return std::tie(a.kind(), a.id()) < std::tie(b.kind(), b.id());
    });
  }

  const Subject& subject() const noexcept { return subject_; }
  std::span<const Record> records() const noexcept { return records_; }
  bool empty() const noexcept { return records_.empty(); }

  std::vector<const Record*> of_kind(std::string_view kind) const {
    std::vector<const Record*> out;
    for (const Record& r : records_)
      if (r.kind() == kind) out.push_back(&r);
    return out;
  }
  // Records of `kind` whose event time lies in [from, to).
  std::vector<const Record*> between(std::string_view kind, TimePoint from, TimePoint to) const {
    std::vector<const Record*> out;
    for (const Record& r : records_)
      if (r.kind() == kind && r.when() >= from && r.when() < to) out.push_back(&r);
    return out;
  }
  const Record* find(std::string_view kind, std::string_view id) const noexcept {
    for (const Record& r : records_)
      if (r.kind() == kind && r.id() == id) return &r;
    return nullptr;
  }
  // Any kind: ids in this format are referred to bare (notification.about, injury.linked_record).
  const Record* find(std::string_view id) const noexcept {
    for (const Record& r : records_)
      if (r.id() == id) return &r;
    return nullptr;
  }
  const Record* home_record(std::string_view home_id) const noexcept { return find("home", home_id); }
  const Record* home_record() const noexcept { return home_record(subject_.home); }
  const Record* child_record(std::string_view child_id) const noexcept { return find("child", child_id); }
  const Record* staff_record(std::string_view staff_id) const noexcept { return find("staff", staff_id); }
  // The subject's own record: its placement (child), staff record (staff) or home record (home).
  const Record* reference() const noexcept {
    switch (subject_.scope) {
      case Scope::child: return child_record(subject_.id);
      case Scope::staff: return staff_record(subject_.id);
      case Scope::home: return home_record();
      case Scope::all_homes: return nullptr;
    }
    return nullptr;
  }

 private:
  Subject subject_;
  std::vector<Record> records_;
};

// The reference kinds a scope's timelines always carry, whatever kinds the checker asked for.
inline std::vector<std::string_view> reference_kinds(Scope scope) {
  switch (scope) {
    case Scope::child: return {"home", "child"};
    case Scope::staff: return {"home", "staff"};
    case Scope::home:
    case Scope::all_homes: return {"home"};
  }
  return {};
}

// Groups current records (already as of T) into the timelines of a checker's scope, keeping only the
// kinds it reads plus its scope's reference kinds. The engine and the test harness both assemble
// timelines this way, so a checker sees the same thing in either.
inline std::vector<Timeline> assemble_timelines(std::span<const Record> current, Scope scope,
                                                std::span<const std::string> kinds) {
  const auto refs = reference_kinds(scope);
  auto wanted = [&](const std::string& kind) {
    return std::find(kinds.begin(), kinds.end(), kind) != kinds.end() ||
           std::find(refs.begin(), refs.end(), kind) != refs.end();
  };
  std::map<std::string, const Record*, std::less<>> homes;
  for (const Record& r : current)
    if (r.kind() == "home") homes[r.id()] = &r;
  std::map<Subject, std::vector<Record>> groups;
  for (const Record& r : current) {
    if (!wanted(r.kind())) continue;
    for (Subject& s : subjects_of(r, scope)) groups[std::move(s)].push_back(r);
  }
  std::vector<Timeline> out;
  out.reserve(groups.size());
  for (auto& [subject, records] : groups) {
    std::vector<Record> references;
    if (scope == Scope::child || scope == Scope::staff) {
      if (auto it = homes.find(subject.home); it != homes.end()) references.push_back(*it->second);
    } else if (scope == Scope::all_homes) {
      for (const auto& [id, home] : homes) references.push_back(*home);
    }
    out.emplace_back(subject, std::move(records), std::move(references));
  }
  return out;
}

}  // namespace carewatch::sdk
