#pragma once
// StagedRecord: one record whose fields become known over time, written as the revisions a source
// system would hold. Each revision carries every field known by its recorded_at and nothing later, so
// an audit as of any time sees only what had been written by then (RECORDS.md as-of semantics).

#include <string>
#include <vector>

#include <carewatch/sdk/time.hpp>
#include <carewatch/sdk/value.hpp>

#include "generator/record_queue.hpp"

namespace carewatch::generator {

class StagedRecord {
 public:
  // `home` empty for the reference kinds that belong to no home; `recorded_by` empty for none.
  StagedRecord(std::string kind, std::string id, std::string home, std::string recorded_by);

  // A field known from the first revision on.
  StagedRecord& set(std::string field, sdk::Value value);
  // A field known from `known_at` on; a later fact for the same field replaces an earlier one.
  StagedRecord& set_at(sdk::TimePoint known_at, std::string field, sdk::Value value);
  // A revision written at `recorded_at`. A revision identical to the one before it is not written.
  StagedRecord& revision_at(sdk::TimePoint recorded_at);

  // Pushes the revisions, numbered from 1 (`revision` is written from 2 on). A revision due before
  // `not_before` is written at `not_before` instead, holding everything known by then: history that
  // predates the source system is written when the system first holds it.
  // Revisions due before `written_before` are numbered but not pushed: they were emitted already, and
  // only the revisions added since are written.
  void emit(RecordQueue& queue, sdk::TimePoint not_before = sdk::TimePoint::min(),
            sdk::TimePoint written_before = sdk::TimePoint::min()) const;

 private:
  struct Fact {
    sdk::TimePoint known_at;
    std::string field;
    sdk::Value value;
  };
  std::string kind_;
  std::string id_;
  std::string home_;
  std::string recorded_by_;
  std::vector<Fact> facts_;
  std::vector<sdk::TimePoint> revisions_;
};

// Formats a time as a record field value.
sdk::Value timestamp_value(sdk::TimePoint t);
sdk::Value date_value(sdk::Date d);
sdk::Value string_list(const std::vector<std::string>& items);

}  // namespace carewatch::generator
