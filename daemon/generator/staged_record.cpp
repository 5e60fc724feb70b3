#include "generator/staged_record.hpp"

#include <algorithm>
#include <stdexcept>

namespace carewatch::generator {

StagedRecord::StagedRecord(std::string kind, std::string id, std::string home, std::string recorded_by)
    : kind_(std::move(kind)),
      id_(std::move(id)),
      home_(std::move(home)),
      recorded_by_(std::move(recorded_by)) {}

StagedRecord& StagedRecord::set(std::string field, sdk::Value value) {
  return set_at(sdk::TimePoint::min(), std::move(field), std::move(value));
}

StagedRecord& StagedRecord::set_at(sdk::TimePoint known_at, std::string field, sdk::Value value) {
  facts_.push_back(Fact{known_at, std::move(field), std::move(value)});
  return *this;
}

StagedRecord& StagedRecord::revision_at(sdk::TimePoint recorded_at) {
  revisions_.push_back(recorded_at);
  return *this;
}

void StagedRecord::emit(RecordQueue& queue, sdk::TimePoint not_before, sdk::TimePoint written_before) const {
  if (revisions_.empty()) throw std::logic_error("staged record " + id_ + " has no revision");
  std::vector<sdk::TimePoint> times = revisions_;
  for (auto& t : times) t = std::max(t, not_before);
  std::sort(times.begin(), times.end());
  times.erase(std::unique(times.begin(), times.end()), times.end());
  std::vector<Fact> facts = facts_;
  std::stable_sort(facts.begin(), facts.end(),
                   [](const Fact& a, const Fact& b) { return a.known_at < b.known_at; });
  sdk::Object previous;
  bool have_previous = false;
  std::int64_t revision = 0;
  for (const sdk::TimePoint t : times) {
    sdk::Object body;
    for (const Fact& f : facts) {
      if (f.known_at > t) break;
      body.emplace_back(f.field, f.value);  // Value::object keeps the last of duplicate keys
    }
    sdk::Value content = sdk::Value::object(std::move(body));
    if (have_previous && content.as_object() == previous) continue;
    previous = content.as_object();
    have_previous = true;
    ++revision;
    content.set("kind", kind_);
    content.set("id", id_);
    if (!home_.empty()) content.set("home", home_);
    if (!recorded_by_.empty()) content.set("recorded_by", recorded_by_);
    content.set("recorded_at", timestamp_value(t));
    if (revision > 1) content.set("revision", revision);
    if (t >= written_before) queue.push(content);
  }
}

sdk::Value timestamp_value(sdk::TimePoint t) {
  return sdk::Value(sdk::format_timestamp(t));
}
sdk::Value date_value(sdk::Date d) {
  return sdk::Value(sdk::format_date(d));
}
sdk::Value string_list(const std::vector<std::string>& items) {
  sdk::Array a;
  a.reserve(items.size());
  for (const auto& s : items) a.emplace_back(s);
  return sdk::Value(std::move(a));
}

}  // namespace carewatch::generator
