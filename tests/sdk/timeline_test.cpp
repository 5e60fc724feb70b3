#include <carewatch/sdk/timeline.hpp>

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <set>
#include <string>
#include <vector>

#include <carewatch/sdk/testing/harness.hpp>

namespace carewatch::sdk {
namespace {

using testing::at;

Record one(const std::string& line) {
  auto records = testing::parse_records(line);
  EXPECT_EQ(records.size(), 1u);
  return records.empty() ? Record() : records.front();
}

// A record built straight from members, without validation: subjects_of must not depend on it.
Record raw(const std::string& kind, const std::string& home, Object fields) {
  fields.emplace_back("kind", kind);
  fields.emplace_back("id", "X1");
  if (!home.empty()) fields.emplace_back("home", home);
  fields.emplace_back("recorded_at", "2025-01-01T00:00:00Z");
  return Record(Value::object(std::move(fields)));
}

std::vector<std::string> keys(const std::vector<Subject>& subjects) {
  std::vector<std::string> out;
  for (const auto& s : subjects) out.push_back(s.key());
  return out;
}

std::string home(const std::string& id) {
  return R"({"kind":"home","id":")" + id +
         R"(","recorded_at":"2025-01-01T00:00:00Z","host_authority":"LA1"})";
}
std::string child(const std::string& id, const std::string& home_id = "H1") {
  return R"({"kind":"child","id":")" + id + R"(","home":")" + home_id +
         R"(","recorded_at":"2025-01-01T00:00:00Z","date_of_birth":"2012-01-01","placing_authority":"LA1",)"
         R"("admitted_at":"2025-01-01T00:00:00Z","communication":"verbal"})";
}
std::string log(const std::string& id, const std::string& child_id, const std::string& occurred,
                const std::string& recorded = "2025-03-01T00:00:00Z", int revision = 1,
                const std::string& home_id = "H1") {
  return R"({"kind":"daily_log","id":")" + id + R"(","home":")" + home_id + R"(","recorded_at":")" +
         recorded + R"(","revision":)" + std::to_string(revision) + R"(,"child":")" + child_id +
         R"(","occurred_at":")" + occurred + R"(","author":"S1","text":"x"})";
}

// Subject keys name scope, home and id.
TEST(TimelineTest, SubjectKeys) {
  EXPECT_EQ((Subject{Scope::child, "H1", "C1"}.key()), "child:H1/C1");
  EXPECT_EQ((Subject{Scope::staff, "H1", "S1"}.key()), "staff:H1/S1");
  EXPECT_EQ((Subject{Scope::home, "H1", {}}.key()), "home:H1");
  EXPECT_EQ((Subject{Scope::all_homes, {}, {}}.key()), "all_homes");
  EXPECT_EQ(to_string(Scope::all_homes), "all_homes");
}

// Every linked field of every kind puts the record in that child's or staff member's timeline.
TEST(TimelineTest, SubjectsOfFollowsEveryLink) {
  int links = 0;
  for (const schema::Kind& k : schema::kKinds) {
    for (const schema::Field& f : k.fields) {
      if (f.link == schema::Link::none) continue;
      ++links;
      const Scope scope = f.link == schema::Link::child ? Scope::child : Scope::staff;
      const Scope other = scope == Scope::child ? Scope::staff : Scope::child;
      const std::string prefix = scope == Scope::child ? "child:H1/" : "staff:H1/";
      const Value v = f.type == schema::Type::string_list ? Value(Array{"L1", "L2", "L1"}) : Value("L1");
      const Record r = raw(std::string(k.name), "H1", {{std::string(f.name), v}});
      std::vector<std::string> expected = {prefix + "L1"};
      if (f.type == schema::Type::string_list) expected.push_back(prefix + "L2");
      if (k.is_subject == (scope == Scope::child ? schema::Link::child : schema::Link::staff))
        expected.push_back(prefix + "X1");
      std::sort(expected.begin(), expected.end());
      EXPECT_EQ(keys(subjects_of(r, scope)), expected) << k.name << "." << f.name;
      for (const auto& key : keys(subjects_of(r, other)))
        EXPECT_EQ(key.find("L1"), std::string::npos) << k.name << "." << f.name << " leaks into " << key;
    }
  }
  EXPECT_EQ(links, 27);
}

// The examples that matter most, spelled out: a child's incident reaches the child and every staff
// member involved; a measure reaches who applied it; a child or staff record is its own subject.
TEST(TimelineTest, SubjectsOfExamples) {
  const Record incident =
      one(R"({"kind":"incident","id":"I1","home":"H1","recorded_at":"2025-01-01T00:00:00Z","child":"C1",)"
          R"("occurred_at":"2025-01-01T00:00:00Z","categories":["injury"],"staff_involved":["S2","S1"]})");
  EXPECT_EQ(keys(subjects_of(incident, Scope::child)), std::vector<std::string>{"child:H1/C1"});
  EXPECT_EQ(keys(subjects_of(incident, Scope::staff)),
            (std::vector<std::string>{"staff:H1/S1", "staff:H1/S2"}));
  EXPECT_EQ(keys(subjects_of(incident, Scope::home)), std::vector<std::string>{"home:H1"});
  EXPECT_EQ(keys(subjects_of(incident, Scope::all_homes)), std::vector<std::string>{"all_homes"});
  EXPECT_EQ(keys(subjects_of(one(child("C9")), Scope::child)), std::vector<std::string>{"child:H1/C9"});
  const Record staff =
      one(R"({"kind":"staff","id":"S4","home":"H2","recorded_at":"2025-01-01T00:00:00Z","role":"senior",)"
          R"("employment":"bank","care_role":true,"started_at":"2024-01-01"})");
  EXPECT_EQ(keys(subjects_of(staff, Scope::staff)), std::vector<std::string>{"staff:H2/S4"});
  EXPECT_TRUE(subjects_of(staff, Scope::child).empty());
}

// Records without a subject of the scope belong to no timeline of it: a home's own record, an
// authority, an allegation about the home, an empty optional child.
TEST(TimelineTest, SubjectsOfWithoutSubject) {
  const Record h = one(home("H5"));
  EXPECT_TRUE(subjects_of(h, Scope::child).empty());
  EXPECT_EQ(keys(subjects_of(h, Scope::home)), std::vector<std::string>{"home:H5"});
  const Record authority = one(R"({"kind":"authority","id":"LA1","recorded_at":"2025-01-01T00:00:00Z"})");
  EXPECT_TRUE(subjects_of(authority, Scope::home).empty());
  EXPECT_EQ(keys(subjects_of(authority, Scope::all_homes)), std::vector<std::string>{"all_homes"});
  const Record allegation = raw("allegation", "H1", {{"child", ""}, {"against_home", true}});
  EXPECT_TRUE(subjects_of(allegation, Scope::child).empty());
  EXPECT_TRUE(subjects_of(raw("daily_log", "", {{"child", "C1"}}), Scope::child).empty());
  EXPECT_TRUE(subjects_of(raw("spaceship", "H1", {{"child", "C1"}}), Scope::child).empty());
}

// As of T, each record is its highest revision recorded at or before T.
TEST(TimelineTest, SelectAsOfTakesTheNewestRevisionRecordedByT) {
  const std::vector<Record> revisions = {
      one(log("D1", "C1", "2025-03-01T08:00:00Z", "2025-03-01T09:00:00Z", 1)),
      one(log("D1", "C1", "2025-03-01T08:30:00Z", "2025-03-02T09:00:00Z", 2))};
  EXPECT_TRUE(select_as_of(revisions, at("2025-03-01T08:59:59Z")).empty());
  auto now = select_as_of(revisions, at("2025-03-01T09:00:00Z"));
  ASSERT_EQ(now.size(), 1u);
  EXPECT_EQ(now[0].revision(), 1);
  now = select_as_of(revisions, at("2025-03-02T09:00:00Z"));
  ASSERT_EQ(now.size(), 1u);
  EXPECT_EQ(now[0].revision(), 2);
  EXPECT_EQ(now[0].when(), at("2025-03-01T08:30:00Z"));
}

// The selected revision carries the earliest recorded_at among the revisions visible at T, even
// when revision numbers and recorded_at disagree; a Record on its own reports its own recorded_at.
TEST(TimelineTest, SelectAsOfSetsFirstRecordedAt) {
  const std::vector<Record> revisions = {one(log("D1", "C1", "2025-03-01T08:00:00Z", "2025-03-01T11:00:00Z", 1)),
                                         one(log("D1", "C1", "2025-03-01T08:00:00Z", "2025-03-01T10:00:00Z", 2)),
                                         one(log("D1", "C1", "2025-03-01T08:00:00Z", "2025-03-04T10:00:00Z", 3))};
  EXPECT_EQ(revisions[2].first_recorded_at(), at("2025-03-04T10:00:00Z"));
  auto now = select_as_of(revisions, at("2025-03-01T10:30:00Z"));
  ASSERT_EQ(now.size(), 1u);
  EXPECT_EQ(now[0].first_recorded_at(), at("2025-03-01T10:00:00Z"));
  now = select_as_of(revisions, at("2025-03-05T00:00:00Z"));
  ASSERT_EQ(now.size(), 1u);
  EXPECT_EQ(now[0].revision(), 3);
  EXPECT_EQ(now[0].first_recorded_at(), at("2025-03-01T10:00:00Z"));
}

// A record written late is invisible to an audit before it was written, whatever its event time.
TEST(TimelineTest, SelectAsOfHidesLateRecords) {
  const std::vector<Record> revisions = {
      one(log("D1", "C1", "2025-03-01T08:00:00Z", "2025-03-05T12:00:00Z"))};
  EXPECT_TRUE(select_as_of(revisions, at("2025-03-04T00:00:00Z")).empty());
  EXPECT_EQ(select_as_of(revisions, at("2025-03-05T12:00:00Z")).size(), 1u);
}

// A tombstone withdraws the record from then on; a later live revision brings it back.
TEST(TimelineTest, SelectAsOfHonoursTombstones) {
  const std::vector<Record> revisions = {
      one(log("D1", "C1", "2025-03-01T08:00:00Z", "2025-03-01T09:00:00Z", 1)),
      one(R"({"kind":"daily_log","id":"D1","home":"H1","recorded_at":"2025-03-02T09:00:00Z","revision":2,"deleted":true})"),
      one(log("D1", "C1", "2025-03-01T08:00:00Z", "2025-03-03T09:00:00Z", 3))};
  EXPECT_EQ(select_as_of(revisions, at("2025-03-01T12:00:00Z")).size(), 1u);
  EXPECT_TRUE(select_as_of(revisions, at("2025-03-02T12:00:00Z")).empty());
  const auto revived = select_as_of(revisions, at("2025-03-03T12:00:00Z"));
  ASSERT_EQ(revived.size(), 1u);
  EXPECT_EQ(revived[0].revision(), 3);
}

// The revision number decides, not input order nor recorded_at order; (kind, id) pairs are independent.
TEST(TimelineTest, SelectAsOfIsIndependentOfInputOrder) {
  std::vector<Record> revisions = {
      one(log("D1", "C1", "2025-03-01T08:00:00Z", "2025-03-01T11:00:00Z", 1)),
      one(log("D1", "C1", "2025-03-01T08:00:00Z", "2025-03-01T10:00:00Z", 2)),
      one(log("D2", "C1", "2025-03-01T08:00:00Z", "2025-03-01T10:00:00Z", 1)),
      one(R"({"kind":"injury","id":"D1","home":"H1","recorded_at":"2025-03-01T10:00:00Z","child":"C1","observed_at":"2025-03-01T08:00:00Z"})")};
  std::mt19937 rng(42);
  for (int i = 0; i < 6; ++i) {
    std::shuffle(revisions.begin(), revisions.end(), rng);
    const auto current = select_as_of(revisions, at("2025-03-01T12:00:00Z"));
    ASSERT_EQ(current.size(), 3u);
    for (const Record& r : current) {
      if (r.kind() == "daily_log" && r.id() == "D1") {
        EXPECT_EQ(r.revision(), 2);
      }
    }
  }
}

// A timeline orders records by event time, then kind and id, and drops references it already has.
TEST(TimelineTest, TimelineOrdersAndDeduplicates) {
  const Timeline t(
      {Scope::child, "H1", "C1"},
      {one(log("D2", "C1", "2025-03-01T10:00:00Z")), one(log("D1", "C1", "2025-03-01T10:00:00Z")),
       one(log("D0", "C1", "2025-03-01T09:00:00Z"))},
      {one(child("C1")), one(home("H1")), one(log("D0", "C1", "2025-03-01T09:00:00Z"))});
  std::vector<std::string> ids;
  for (const Record& r : t.records()) ids.push_back(r.id());
  EXPECT_EQ(ids, (std::vector<std::string>{"C1", "H1", "D0", "D1", "D2"}));
  EXPECT_EQ(t.of_kind("daily_log").size(), 3u);
  EXPECT_EQ(t.between("daily_log", at("2025-03-01T09:00:00Z"), at("2025-03-01T10:00:00Z")).size(), 1u);
  EXPECT_EQ(t.between("daily_log", at("2025-03-01T09:00:00Z"), at("2025-03-01T10:00:01Z")).size(), 3u);
  ASSERT_NE(t.find("daily_log", "D1"), nullptr);
  EXPECT_EQ(t.find("incident", "D1"), nullptr);
  EXPECT_EQ(t.find("D2")->kind(), "daily_log");
  EXPECT_EQ(t.home_record()->id(), "H1");
  EXPECT_EQ(t.child_record("C1")->id(), "C1");
  EXPECT_EQ(t.reference(), t.child_record("C1"));
  EXPECT_EQ(t.staff_record("S1"), nullptr);
  EXPECT_FALSE(t.empty());
  EXPECT_TRUE(Timeline().empty());
}

// Child timelines hold the wanted kinds plus the child's placement and the home as references.
TEST(TimelineTest, AssembleChildTimelinesWithReferences) {
  const auto records = testing::parse_records(
      home("H1") + "\n" + home("H2") + "\n" + child("C1") + "\n" + child("C2") + "\n" + child("C3", "H2") +
      "\n" + log("D1", "C1", "2025-03-01T08:00:00Z") + "\n" +
      R"({"kind":"injury","id":"J1","home":"H1","recorded_at":"2025-01-01T00:00:00Z","child":"C1","observed_at":"2025-01-01T00:00:00Z"})");
  const std::vector<std::string> kinds = {"daily_log"};
  const auto timelines = assemble_timelines(records, Scope::child, kinds);
  ASSERT_EQ(timelines.size(), 3u);
  EXPECT_EQ(timelines[0].subject().key(), "child:H1/C1");
  EXPECT_EQ(timelines[1].subject().key(), "child:H1/C2");
  EXPECT_EQ(timelines[2].subject().key(), "child:H2/C3");
  const Timeline& c1 = timelines[0];
  EXPECT_NE(c1.reference(), nullptr);
  EXPECT_EQ(c1.home_record()->id(), "H1");
  EXPECT_EQ(c1.of_kind("daily_log").size(), 1u);
  EXPECT_TRUE(c1.of_kind("injury").empty());  // not asked for
  EXPECT_EQ(c1.records().size(), 3u);
  EXPECT_EQ(timelines[2].home_record()->id(), "H2");
  EXPECT_TRUE(timelines[2].of_kind("daily_log").empty());
}

// Staff timelines carry the staff record and the home; home timelines their own home's records only.
TEST(TimelineTest, AssembleStaffAndHomeTimelines) {
  const auto records = testing::parse_records(
      home("H1") + "\n" + home("H2") + "\n" +
      R"({"kind":"staff","id":"S1","home":"H1","recorded_at":"2025-01-01T00:00:00Z","role":"senior","employment":"bank","care_role":true,"started_at":"2024-01-01"})"
      "\n"
      R"({"kind":"supervision","id":"V1","home":"H1","recorded_at":"2025-01-01T00:00:00Z","staff":"S1","held_at":"2025-01-01T00:00:00Z"})"
      "\n" +
      log("D1", "C1", "2025-03-01T08:00:00Z") + "\n" +
      log("D2", "C7", "2025-03-01T08:00:00Z", "2025-03-01T09:00:00Z", 1, "H2"));
  const std::vector<std::string> staff_kinds = {"supervision"};
  const auto staff = assemble_timelines(records, Scope::staff, staff_kinds);
  ASSERT_EQ(staff.size(), 1u);
  EXPECT_EQ(staff[0].subject().key(), "staff:H1/S1");
  EXPECT_EQ(staff[0].reference()->kind(), "staff");
  EXPECT_EQ(staff[0].home_record()->id(), "H1");
  EXPECT_EQ(staff[0].of_kind("supervision").size(), 1u);

  const std::vector<std::string> home_kinds = {"daily_log"};
  const auto homes = assemble_timelines(records, Scope::home, home_kinds);
  ASSERT_EQ(homes.size(), 2u);
  EXPECT_EQ(homes[0].subject().key(), "home:H1");
  EXPECT_EQ(homes[0].reference()->id(), "H1");
  EXPECT_EQ(homes[0].of_kind("daily_log").size(), 1u);
  EXPECT_EQ(homes[0].of_kind("daily_log")[0]->id(), "D1");
  EXPECT_EQ(homes[1].of_kind("daily_log")[0]->id(), "D2");
  EXPECT_EQ(homes[0].records().size(), 2u);
}

// The all-homes timeline holds every wanted record and every home, once.
TEST(TimelineTest, AssembleAllHomesTimeline) {
  const auto records =
      testing::parse_records(home("H1") + "\n" + home("H2") + "\n" + log("D1", "C1", "2025-03-01T08:00:00Z") +
                             "\n" + log("D2", "C7", "2025-03-01T08:00:00Z", "2025-03-01T09:00:00Z", 1, "H2"));
  const std::vector<std::string> kinds = {"daily_log"};
  const auto all = assemble_timelines(records, Scope::all_homes, kinds);
  ASSERT_EQ(all.size(), 1u);
  EXPECT_EQ(all[0].subject().key(), "all_homes");
  EXPECT_EQ(all[0].records().size(), 4u);
  EXPECT_EQ(all[0].of_kind("home").size(), 2u);
  EXPECT_EQ(all[0].reference(), nullptr);
  EXPECT_EQ(reference_kinds(Scope::child), (std::vector<std::string_view>{"home", "child"}));
  EXPECT_EQ(reference_kinds(Scope::staff), (std::vector<std::string_view>{"home", "staff"}));
  EXPECT_EQ(reference_kinds(Scope::all_homes), std::vector<std::string_view>{"home"});
}

}  // namespace
}  // namespace carewatch::sdk
