// The store's indexed as-of loading must give exactly what the SDK's reference implementation
// (select_as_of + assemble_timelines, which the checker harness uses) gives, on data that exercises
// out-of-order revisions, late recording, moves between children, staff and homes, and tombstones.

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <random>
#include <set>
#include <string>
#include <variant>
#include <vector>

#include <carewatch/sdk/json.hpp>

#include "store/database.hpp"
#include "store/record_store.hpp"
#include "temp_database.hpp"

namespace carewatch::store {
namespace {

using sdk::Record;
using sdk::Scope;
using sdk::Subject;
using sdk::Value;

const sdk::TimePoint kStart = sdk::from_unix(1735689600);  // 2025-01-01T00:00:00Z

class RandomRecords {
 public:
  explicit RandomRecords(unsigned seed) : rng_(seed) {}

  std::vector<Record> generate(int count) {
    std::vector<Record> out;
    for (int h = 1; h <= 3; ++h) add_revisions(out, "home", "H" + std::to_string(h));
    add_revisions(out, "authority", "A1");
    for (int c = 1; c <= 6; ++c) add_revisions(out, "child", "C" + std::to_string(c));
    for (int s = 1; s <= 5; ++s) add_revisions(out, "staff", "S" + std::to_string(s));
    static const std::vector<std::string> kKinds = {"incident", "daily_log",   "restraint",
                                                    "allegation", "supervision", "notification"};
    for (int i = 0; i < count; ++i) add_revisions(out, pick(kKinds), "R" + std::to_string(i));
    std::shuffle(out.begin(), out.end(), rng_);
    return out;
  }

  sdk::TimePoint random_time() { return kStart + sdk::Seconds{uniform(0, 90 * 86400)}; }

 private:
  void add_revisions(std::vector<Record>& out, const std::string& kind, const std::string& id) {
    const int revisions = static_cast<int>(uniform(1, 4));
    for (int rev = 1; rev <= revisions; ++rev) {
      Value body = Value::object({});
      body.set("kind", kind);
      body.set("id", id);
      if (rev > 1 || uniform(0, 1)) body.set("revision", static_cast<std::int64_t>(rev));
      // recorded_at independent of revision order: a higher revision may carry an earlier time.
      body.set("recorded_at", sdk::format_timestamp(random_time()));
      if (kind != "home" && kind != "authority") body.set("home", pick(homes_));
      if (rev > 1 && uniform(0, 5) == 0) {
        body.set("deleted", true);
        // Some tombstones keep their link fields, most do not.
        if (uniform(0, 1) && kind != "home" && kind != "authority" && kind != "child" && kind != "staff")
          body.set("child", pick(children_));
      } else {
        fill(body, kind);
      }
      auto parsed = sdk::parse_record_line(body.to_json());
      if (auto* err = std::get_if<sdk::schema::FieldError>(&parsed))
        throw std::logic_error("generator made an invalid record: " + err->field + ": " + err->reason);
      out.push_back(std::get<Record>(std::move(parsed)));
    }
  }

  void fill(Value& body, const std::string& kind) {
    const std::string when = sdk::format_timestamp(random_time());
    if (kind == "home") {
      body.set("host_authority", "A1");
    } else if (kind == "authority") {
      body.set("name", "authority");
    } else if (kind == "child") {
      body.set("date_of_birth", "2010-01-01");
      body.set("placing_authority", "A1");
      body.set("admitted_at", when);
      body.set("communication", "verbal");
    } else if (kind == "staff") {
      body.set("role", "care_worker");
      body.set("employment", "permanent");
      body.set("care_role", true);
      body.set("started_at", "2024-01-01");
    } else if (kind == "incident") {
      body.set("child", pick(children_));
      body.set("occurred_at", when);
      body.set("categories", sdk::Array{Value("injury")});
      sdk::Array involved;
      for (auto n = uniform(0, 2); n > 0; --n) involved.emplace_back(pick(staff_));
      if (!involved.empty()) body.set("staff_involved", std::move(involved));
    } else if (kind == "daily_log") {
      body.set("child", pick(children_));
      body.set("occurred_at", when);
      body.set("author", pick(staff_));
      body.set("text", "text");
    } else if (kind == "restraint") {
      body.set("child", pick(children_));
      body.set("started_at", when);
      if (uniform(0, 1)) body.set("used_by", pick(staff_));
    } else if (kind == "allegation") {
      body.set("received_at", when);
      if (uniform(0, 1)) body.set("child", pick(children_));
      if (uniform(0, 1)) body.set("against_staff", pick(staff_));
    } else if (kind == "supervision") {
      body.set("staff", pick(staff_));
      body.set("held_at", when);
    } else if (kind == "notification") {
      body.set("about", "R1");
      body.set("recipient", "ofsted");
      body.set("sent_at", when);
    }
  }

  std::int64_t uniform(std::int64_t lo, std::int64_t hi) {
    return std::uniform_int_distribution<std::int64_t>(lo, hi)(rng_);
  }
  const std::string& pick(const std::vector<std::string>& from) {
    return from[static_cast<std::size_t>(uniform(0, static_cast<std::int64_t>(from.size()) - 1))];
  }

  std::mt19937 rng_;
  std::vector<std::string> homes_{"H1", "H2", "H3"};
  std::vector<std::string> children_{"C1", "C2", "C3", "C4", "C5", "C6"};
  std::vector<std::string> staff_{"S1", "S2", "S3", "S4", "S5"};
};

std::vector<std::string> describe(std::span<const Record> records) {
  std::vector<std::string> out;
  for (const Record& r : records)
    out.push_back(r.kind() + "/" + r.id() + "@" + std::to_string(r.revision()) + " first " +
                  sdk::format_timestamp(r.first_recorded_at()) + " " + r.body().to_json());
  return out;
}

// load_timeline equals assemble_timelines(select_as_of(all revisions, T)) for every subject of every
// scope, for many audit times and kind selections, on several random data sets.
TEST(RecordStoreTimelineTest, LoadTimelineMatchesSdkAssembleTimelines) {
  const std::vector<std::vector<std::string>> kind_sets = {
      {"incident"},
      {"daily_log", "restraint", "allegation"},
      {"supervision", "notification", "incident"},
      {},
      {"child", "staff", "home", "authority", "incident", "daily_log", "restraint", "allegation", "supervision",
       "notification"},
      {"no_such_kind"},
  };
  int compared = 0;
  for (const unsigned seed : {1u, 2u, 3u, 42u}) {
    carewatch::testing::TempDir dir;
    Database db(dir / "eq.db");
    RecordStore store(db);
    RandomRecords gen(seed);
    const std::vector<Record> all = gen.generate(150);
    {
      // Half the data sets go in record by record, half in batches, so both paths build the index.
      Transaction tx(db);
      if (seed % 2 == 0) {
        for (const Record& r : all)
          ASSERT_EQ(store.put(r, "random", kStart), PutOutcome::inserted) << r.kind() << "/" << r.id();
      } else {
        for (std::size_t i = 0; i < all.size(); i += 64) {
          const auto batch = std::span<const Record>(all).subspan(i, std::min<std::size_t>(64, all.size() - i));
          for (const PutOutcome outcome : store.put_batch(batch, "random", kStart))
            ASSERT_EQ(outcome, PutOutcome::inserted);
        }
      }
      tx.commit();
    }
    std::vector<sdk::TimePoint> times{kStart - sdk::Seconds{1}, kStart + sdk::days{200}};
    for (int i = 0; i < 8; ++i) times.push_back(gen.random_time());

    for (const sdk::TimePoint t : times) {
      const std::vector<Record> current = sdk::select_as_of(all, t);
      std::map<std::string, const Record*> current_homes;
      for (const Record& r : current)
        if (r.kind() == "home") current_homes[r.id()] = &r;

      for (const Scope scope : {Scope::child, Scope::staff, Scope::home, Scope::all_homes}) {
        const std::vector<Subject> listed = store.subjects(scope, t);
        for (const auto& kinds : kind_sets) {
          std::map<Subject, sdk::Timeline> expected;
          for (auto& tl : sdk::assemble_timelines(current, scope, kinds)) expected[tl.subject()] = tl;
          for (const auto& [subject, timeline] : expected) {
            EXPECT_TRUE(std::find(listed.begin(), listed.end(), subject) != listed.end())
                << subject.key() << " has current records but is not listed";
            const sdk::Timeline loaded = store.load_timeline(subject, t, kinds);
            EXPECT_EQ(describe(loaded.records()), describe(timeline.records()))
                << "seed " << seed << " " << subject.key() << " as of " << sdk::format_timestamp(t);
            ++compared;
          }
          // A listed subject with no current records of these kinds gets only its references.
          for (const Subject& subject : listed) {
            if (expected.count(subject)) continue;
            std::vector<Record> refs;
            if (scope == Scope::child || scope == Scope::staff)
              if (auto it = current_homes.find(subject.home); it != current_homes.end()) refs.push_back(*it->second);
            EXPECT_EQ(describe(store.load_timeline(subject, t, kinds).records()), describe(refs))
                << "seed " << seed << " " << subject.key() << " as of " << sdk::format_timestamp(t);
          }
        }
      }
    }
  }
  EXPECT_GT(compared, 500);  // the data set really exercised many timelines
}

}  // namespace
}  // namespace carewatch::store
