#pragma once
// RecordQueue: holds generated records until every record that could precede them has been made, then
// writes them in recorded_at order. The generator makes records one simulated day at a time and every
// record about day D is recorded at or after the start of D, so after day D everything recorded before
// the start of D+1 can go: the queue holds only follow-ups still in the future (a few days' worth),
// never the whole data set.

#include <cstddef>
#include <cstdint>
#include <functional>
#include <queue>
#include <string>
#include <string_view>
#include <vector>

#include <carewatch/sdk/time.hpp>
#include <carewatch/sdk/value.hpp>

namespace carewatch::generator {

class RecordQueue {
 public:
  // `sink` receives each NDJSON line without its newline.
  explicit RecordQueue(std::function<void(std::string_view)> sink) : sink_(std::move(sink)) {}

  // Queues one record. Throws std::logic_error if it does not validate against the schema or if it was
  // recorded before the cut-off already written: both are bugs in the generator, not input errors.
  void push(const sdk::Value& record);
  // Writes every queued record recorded before `t`, in (recorded_at, push order) order.
  void flush_before(sdk::TimePoint t);
  void flush_all();

  std::size_t written() const noexcept { return written_; }
  std::size_t pending() const noexcept { return heap_.size(); }

 private:
  struct Entry {
    sdk::TimePoint recorded_at;
    std::uint64_t sequence;
    std::string line;
    bool operator>(const Entry& other) const {
      return recorded_at != other.recorded_at ? recorded_at > other.recorded_at : sequence > other.sequence;
    }
  };
  void write_top();

  std::function<void(std::string_view)> sink_;
  std::priority_queue<Entry, std::vector<Entry>, std::greater<>> heap_;
  std::uint64_t next_sequence_ = 0;
  std::size_t written_ = 0;
  sdk::TimePoint written_up_to_ = sdk::TimePoint::min();
};

}  // namespace carewatch::generator
