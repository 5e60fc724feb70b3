#include "generator/record_queue.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "generator/staged_record.hpp"

namespace carewatch::generator {
namespace {

sdk::TimePoint at(const char* s) {
  return *sdk::parse_timestamp(s);
}

sdk::Value authority(const std::string& id, const char* recorded_at) {
  return sdk::Value::object({{"kind", "authority"}, {"id", id}, {"recorded_at", recorded_at}});
}

// Records come out in recorded_at order (push order breaking ties), and only once flushed past.
TEST(RecordQueueTest, WritesInRecordedAtOrderOnFlush) {
  std::vector<std::string> out;
  RecordQueue q([&](std::string_view l) { out.emplace_back(l); });
  q.push(authority("B", "2025-01-01T10:00:00Z"));
  q.push(authority("A", "2025-01-01T09:00:00Z"));
  q.push(authority("C", "2025-01-01T10:00:00Z"));
  q.push(authority("D", "2025-01-02T00:00:00Z"));
  q.flush_before(at("2025-01-02T00:00:00Z"));
  ASSERT_EQ(out.size(), 3u);
  EXPECT_NE(out[0].find("\"A\""), std::string::npos);
  EXPECT_NE(out[1].find("\"B\""), std::string::npos);
  EXPECT_NE(out[2].find("\"C\""), std::string::npos);
  EXPECT_EQ(q.pending(), 1u);
  q.flush_all();
  EXPECT_EQ(q.written(), 4u);
}

// An invalid record, or one recorded before what was already written, is a generator bug and throws.
TEST(RecordQueueTest, RejectsInvalidAndOutOfOrderRecords) {
  RecordQueue q([](std::string_view) {});
  EXPECT_THROW(q.push(sdk::Value::object({{"kind", "authority"}, {"id", "A"}})), std::logic_error);
  q.flush_before(at("2025-01-02T00:00:00Z"));
  EXPECT_THROW(q.push(authority("A", "2025-01-01T10:00:00Z")), std::logic_error);
}

// A staged record writes one revision per distinct state, each holding only what was known by then.
TEST(StagedRecordTest, RevisionsCarryOnlyWhatWasKnown) {
  std::vector<std::string> out;
  RecordQueue q([&](std::string_view l) { out.emplace_back(l); });
  StagedRecord("concern", "CON-1", "H1", "S-1")
      .set("raised_at", timestamp_value(at("2025-01-01T10:00:00Z")))
      .set("source", "family")
      .set_at(at("2025-01-02T10:00:00Z"), "responded_at", timestamp_value(at("2025-01-02T10:00:00Z")))
      .revision_at(at("2025-01-01T10:30:00Z"))
      .revision_at(at("2025-01-01T11:00:00Z"))  // nothing new: not written
      .revision_at(at("2025-01-02T10:05:00Z"))
      .emit(q);
  q.flush_all();
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(out[0].find("responded_at"), std::string::npos);
  EXPECT_EQ(out[0].find("revision"), std::string::npos);
  EXPECT_NE(out[1].find("\"responded_at\":\"2025-01-02T10:00:00Z\""), std::string::npos);
  EXPECT_NE(out[1].find("\"revision\":2"), std::string::npos);
}

// Revisions due before the floor are written at the floor, merged into one holding all known by then.
TEST(StagedRecordTest, RevisionsBeforeTheFloorAreWrittenAtIt) {
  std::vector<std::string> out;
  RecordQueue q([&](std::string_view l) { out.emplace_back(l); });
  StagedRecord("concern", "CON-1", "H1", "")
      .set("raised_at", timestamp_value(at("2024-06-01T10:00:00Z")))
      .set("source", "family")
      .set_at(at("2024-06-02T10:00:00Z"), "responded_at", timestamp_value(at("2024-06-02T10:00:00Z")))
      .revision_at(at("2024-06-01T10:30:00Z"))
      .revision_at(at("2024-06-02T10:05:00Z"))
      .emit(q, at("2024-12-01T00:00:00Z"));
  q.flush_all();
  ASSERT_EQ(out.size(), 1u);
  EXPECT_NE(out[0].find("\"recorded_at\":\"2024-12-01T00:00:00Z\""), std::string::npos);
  EXPECT_NE(out[0].find("responded_at"), std::string::npos);
  EXPECT_EQ(out[0].find("revision"), std::string::npos);
}

}  // namespace
}  // namespace carewatch::generator
