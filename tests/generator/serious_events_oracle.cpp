#include "serious_events_oracle.hpp"

#include <algorithm>
#include <map>
#include <set>

#include <carewatch/sdk/calendar.hpp>

namespace carewatch::generator::testing {

namespace {

using sdk::Record;
using sdk::TimePoint;

constexpr std::chrono::hours kTarget{24};

bool in(std::initializer_list<std::string_view> list, std::string_view v) {
  return std::find(list.begin(), list.end(), v) != list.end();
}

}  // namespace

std::vector<Violation> serious_events_violations(const std::vector<Record>& current, TimePoint as_of) {
  std::map<std::string, const Record*> homes, children;
  std::map<std::string, std::vector<const Record*>> notifications;  // by `about`
  for (const auto& r : current) {
    if (r.kind() == "home") homes[r.id()] = &r;
    if (r.kind() == "child") children[r.home() + "/" + r.id()] = &r;
    if (r.kind() == "notification") notifications[std::string(*r.str("about"))].push_back(&r);
  }
  auto host_of = [&](const Record& r) {
    return std::string(homes.at(r.home())->str("host_authority").value_or(""));
  };
  auto placing_of = [&](const Record& r, std::string_view child) {
    auto it = children.find(r.home() + "/" + std::string(child));
    return it == children.end() ? std::string()
                                : std::string(it->second->str("placing_authority").value_or(""));
  };
  // Every recipient told about `about` in [from, from + 24 h], at `stage` (initial also matches none).
  auto notified = [&](const std::string& about, const std::vector<std::string_view>& recipients,
                      TimePoint from, std::string_view stage) {
    const auto it = notifications.find(about);
    for (auto recipient : recipients) {
      bool found = false;
      if (it != notifications.end())
        for (const Record* n : it->second) {
          const auto s = n->str("stage").value_or("initial");
          const auto sent = *n->ts("sent_at");
          if (n->str("recipient") == recipient && s == stage && sent >= from && sent <= from + kTarget)
            found = true;
        }
      if (!found) return false;
    }
    return true;
  };
  auto overdue = [&](TimePoint from) { return from + kTarget < as_of; };
  const sdk::Calendar weekends_only;

  std::set<Violation> out;
  for (const auto& r : current) {
    const std::string child(r.str("child").value_or(""));
    auto add = [&](const char* rule) { out.insert(Violation{rule, r.id(), r.home(), child}); };
    if (r.kind() == "incident") {
      const auto occurred = *r.ts("occurred_at");
      if (!overdue(occurred)) continue;
      const auto cats = r.strings("categories");
      auto has = [&](std::string_view c) { return std::find(cats.begin(), cats.end(), c) != cats.end(); };
      const bool candidate = std::any_of(cats.begin(), cats.end(), [](std::string_view c) {
        return in({"police", "missing", "serious_injury", "serious_illness", "serious_accident", "assault",
                   "self_harm", "alleged_offence"},
                  c);
      });
      const bool police = r.flag("police_involved") || has("police");
      const auto seriousness = r.str("seriousness");
      const auto decided = r.ts("seriousness_decided_at");
      const bool decided_in_time = seriousness && decided && *decided <= occurred + kTarget;
      const bool told = notified(r.id(), {"ofsted", "placing_authority"}, occurred, "initial");
      if (candidate && !decided_in_time) add("CHR-40-DECISION");
      if (police && seriousness != "not_serious" && !told) add("CHR-40-POLICE");
      if (seriousness == "serious" && !told) add("CHR-40-SERIOUS");
      if (has("sexual_exploitation") && !told) add("CHR-40-CSE");
      if (has("death")) {
        std::vector<std::string_view> to{"ofsted", "placing_authority", "icb"};
        if (placing_of(r, child) != host_of(r)) to.push_back("host_authority");
        if (!notified(r.id(), to, occurred, "initial")) add("CHR-40-DEATH");
      }
    } else if (r.kind() == "allegation") {
      const auto received = *r.ts("received_at");
      if (!overdue(received)) continue;
      const bool against_staff = r.has("against_staff");
      if ((against_staff || r.flag("against_home")) &&
          !notified(r.id(), {"ofsted", "placing_authority"}, received, "initial"))
        add("CHR-40-ALLEGATION");
      auto within = [&](const char* field) {
        const auto t = r.ts(field);
        return t && *t >= received && *t <= received + kTarget;
      };
      if (!child.empty()) {
        const bool out_of_area = placing_of(r, child) != host_of(r);
        if (!within("placing_authority_referred_at") ||
            (out_of_area && !within("host_authority_referred_at")))
          add("CHR-34-REFERRAL");
      }
      if (against_staff && !r.strings("limbs").empty()) {
        const auto due = weekends_only.add_working_days(received, 1);
        const auto lado = r.ts("lado_referred_at");
        if (due < as_of && !(lado && *lado <= due)) add("WT-LADO-1WD");
      }
    } else if (r.kind() == "cp_enquiry") {
      const auto started = *r.ts("started_at");
      if (overdue(started) && !notified(r.id(), {"ofsted", "placing_authority"}, started, "initial"))
        add("CHR-40-CP-ENQUIRY");
      if (const auto outcome = r.ts("outcome_at");
          outcome && overdue(*outcome) &&
          !notified(r.id(), {"ofsted", "placing_authority"}, *outcome, "outcome"))
        add("CHR-40-CP-ENQUIRY");
    }
  }
  return {out.begin(), out.end()};
}

}  // namespace carewatch::generator::testing
