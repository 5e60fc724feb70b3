#include "generator/record_queue.hpp"

#include <stdexcept>

#include <carewatch/sdk/schema.hpp>

namespace carewatch::generator {

void RecordQueue::push(const sdk::Value& record) {
  if (auto error = sdk::schema::validate(record)) {
    const sdk::Value* kind = record.find("kind");
    throw std::logic_error("generated " + (kind && kind->is_string() ? kind->as_string() : std::string("?")) +
                           " record is invalid: " + error->field + ": " + error->reason);
  }
  const sdk::TimePoint recorded_at = *sdk::parse_timestamp(record.find("recorded_at")->as_string());
  if (recorded_at < written_up_to_)
    throw std::logic_error("generated record " + record.find("id")->as_string() +
                           " is recorded before records already written");
  heap_.push(Entry{recorded_at, next_sequence_++, record.to_json()});
}

void RecordQueue::write_top() {
  // priority_queue::top is const; moving the line out is safe because the entry is popped at once.
  Entry& top = const_cast<Entry&>(heap_.top());
  const std::string line = std::move(top.line);
  heap_.pop();
  sink_(line);
  ++written_;
}

void RecordQueue::flush_before(sdk::TimePoint t) {
  while (!heap_.empty() && heap_.top().recorded_at < t) write_top();
  if (t > written_up_to_) written_up_to_ = t;
}

void RecordQueue::flush_all() {
  while (!heap_.empty()) write_top();
  written_up_to_ = sdk::TimePoint::max();
}

}  // namespace carewatch::generator
