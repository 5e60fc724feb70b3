#include <carewatch/sdk/record.hpp>

#include <gtest/gtest.h>

#include <string>

#include <carewatch/sdk/testing/harness.hpp>

namespace carewatch::sdk {
namespace {

using testing::at;

Record one(std::string_view line) {
  auto records = testing::parse_records(line);
  EXPECT_EQ(records.size(), 1u);
  return records.empty() ? Record() : records.front();
}

// The envelope is indexed: kind, id, home, recorded_at, revision (default 1), deleted, recorded_by.
TEST(RecordTest, ReadsTheEnvelope) {
  const Record r = one(
      R"({"kind":"daily_log","id":"D1","home":"H1","recorded_at":"2025-03-01T21:40:00+01:00","recorded_by":"S9",)"
      R"("revision":3,"child":"C1","occurred_at":"2025-03-01T20:00:00Z","author":"S9","text":"x"})");
  EXPECT_EQ(r.kind(), "daily_log");
  EXPECT_EQ(r.id(), "D1");
  EXPECT_EQ(r.home(), "H1");
  EXPECT_EQ(r.recorded_at(), at("2025-03-01T20:40:00Z"));
  EXPECT_EQ(r.revision(), 3);
  EXPECT_FALSE(r.deleted());
  EXPECT_EQ(r.recorded_by(), "S9");

  const Record plain = one(R"({"kind":"authority","id":"LA1","recorded_at":"2025-01-01T00:00:00Z"})");
  EXPECT_EQ(plain.revision(), 1);
  EXPECT_FALSE(plain.recorded_by());
  EXPECT_EQ(plain.home(), "");
}

// when() is the kind's event-time field, falling back to recorded_at when it has none or it is absent.
TEST(RecordTest, WhenIsTheEventTime) {
  const Record log =
      one(R"({"kind":"daily_log","id":"D1","home":"H1","recorded_at":"2025-03-02T09:00:00Z","child":"C1",)"
          R"("occurred_at":"2025-03-01T20:00:00Z","author":"S1","text":"x"})");
  EXPECT_EQ(log.when(), at("2025-03-01T20:00:00Z"));
  const Record plan = one(
      R"({"kind":"care_plan","id":"P1","home":"H1","recorded_at":"2025-03-02T09:00:00Z","child":"C1","effective_from":"2025-01-01"})");
  EXPECT_EQ(plan.when(), at("2025-03-02T09:00:00Z"));
  const Record prn = one(
      R"({"kind":"medication","id":"M1","home":"H1","recorded_at":"2025-03-02T09:00:00Z","child":"C1","medicine":"X","status":"given"})");
  EXPECT_EQ(prn.when(), at("2025-03-02T09:00:00Z"));
}

// A home record belongs to itself; a child record is about itself; others name their child.
TEST(RecordTest, HomeAndChildOfReferenceRecords) {
  const Record home =
      one(R"({"kind":"home","id":"H7","recorded_at":"2025-01-01T00:00:00Z","host_authority":"LA1"})");
  EXPECT_EQ(home.home(), "H7");
  EXPECT_FALSE(home.child());
  const Record child = one(
      R"({"kind":"child","id":"C1","home":"H1","recorded_at":"2025-01-01T00:00:00Z","date_of_birth":"2012-01-01",)"
      R"("placing_authority":"LA1","admitted_at":"2025-01-01T00:00:00Z","communication":"verbal"})");
  EXPECT_EQ(child.child(), "C1");
  const Record injury = one(
      R"({"kind":"injury","id":"J1","home":"H1","recorded_at":"2025-01-01T00:00:00Z","child":"C2","observed_at":"2025-01-01T00:00:00Z"})");
  EXPECT_EQ(injury.child(), "C2");
}

// Typed accessors return the value for the right type, nullopt for absent, null or mistyped fields.
TEST(RecordTest, TypedAccessors) {
  const Record r = one(
      R"({"kind":"staff","id":"S1","home":"H1","recorded_at":"2025-01-01T00:00:00Z","role":"senior",)"
      R"("employment":"agency","care_role":true,"started_at":"2024-02-29","references_received":2,)"
      R"("dbs_cleared_at":"2024-02-01T12:00:00+01:00","l3_deferred":false,"left_at":null,"x_score":2.5})");
  EXPECT_EQ(r.str("role"), "senior");
  EXPECT_FALSE(r.str("references_received"));
  EXPECT_EQ(r.integer("references_received"), 2);
  EXPECT_FALSE(r.integer("role"));
  EXPECT_EQ(r.number("references_received"), 2.0);
  EXPECT_EQ(r.number("x_score"), 2.5);
  EXPECT_EQ(r.boolean("care_role"), true);
  EXPECT_EQ(r.boolean("l3_deferred"), false);
  EXPECT_FALSE(r.boolean("employment_history_checked"));
  EXPECT_TRUE(r.flag("care_role"));
  EXPECT_FALSE(r.flag("l3_deferred"));
  EXPECT_FALSE(r.flag("missing"));
  EXPECT_EQ(r.date("started_at"), std::chrono::year{2024} / 2 / 29);
  EXPECT_EQ(r.ts("dbs_cleared_at"), at("2024-02-01T11:00:00Z"));
  EXPECT_FALSE(r.ts("started_at"));
  EXPECT_FALSE(r.date("role"));
  EXPECT_FALSE(r.has("left_at"));
  EXPECT_EQ(r.field("left_at"), nullptr);
  EXPECT_NE(r.body().find("left_at"), nullptr);
  EXPECT_TRUE(r.has("x_score"));
}

// List fields read as strings (enum lists too), lists of objects as objects; absent lists are empty.
TEST(RecordTest, ListAccessors) {
  const Record incident = one(
      R"({"kind":"incident","id":"I1","home":"H1","recorded_at":"2025-01-01T00:00:00Z","child":"C1",)"
      R"("occurred_at":"2025-01-01T00:00:00Z","categories":["injury","police"],"staff_involved":["S1","S2"]})");
  EXPECT_EQ(incident.strings("categories"), (std::vector<std::string_view>{"injury", "police"}));
  EXPECT_TRUE(incident.contains("categories", "police"));
  EXPECT_FALSE(incident.contains("categories", "missing"));
  EXPECT_TRUE(incident.contains("staff_involved", "S2"));
  EXPECT_TRUE(incident.strings("absent").empty());
  EXPECT_TRUE(incident.strings("child").empty());

  const Record visit = one(
      R"({"kind":"reg44_visit","id":"V1","home":"H1","recorded_at":"2025-01-01T00:00:00Z","visited_at":"2025-01-01T00:00:00Z",)"
      R"("recommendations":[{"ref":"R1","decision":"accepted"},{"ref":"R2"}]})");
  const auto recs = visit.objects("recommendations");
  ASSERT_EQ(recs.size(), 2u);
  EXPECT_EQ(recs[1]->find("ref")->as_string(), "R2");
  EXPECT_TRUE(visit.objects("absent").empty());
}

// A tombstone reads as deleted.
TEST(RecordTest, TombstoneIsDeleted) {
  const Record r = one(
      R"({"kind":"daily_log","id":"D1","home":"H1","recorded_at":"2025-01-01T00:00:00Z","revision":2,"deleted":true})");
  EXPECT_TRUE(r.deleted());
  EXPECT_EQ(r.revision(), 2);
  EXPECT_EQ(r.when(), r.recorded_at());
}

// Copies are independent: accessors of a copy still read its own body after the original is gone.
TEST(RecordTest, CopiesOwnTheirBody) {
  Record copy;
  {
    const Record original = one(
        R"({"kind":"injury","id":"J1","home":"H1","recorded_at":"2025-01-01T00:00:00Z","child":"C2","observed_at":"2025-01-01T00:00:00Z"})");
    copy = original;
  }
  EXPECT_EQ(copy.child(), "C2");
  EXPECT_EQ(copy.id(), "J1");
}

}  // namespace
}  // namespace carewatch::sdk
