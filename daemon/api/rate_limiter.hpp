#pragma once
// RateLimiter: one token bucket per key ("token:<name>" for an authenticated caller, "addr:<ip>"
// otherwise). A bucket holds up to `burst` requests and refills at `per_second`.
//
// Thread-safety: none (used on the service's event loop only).

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

namespace carewatch::api {

class RateLimiter {
 public:
  using Clock = std::chrono::steady_clock;

  // per_second 0 disables limiting.
  RateLimiter(double per_second, double burst);

  // Takes one request from `key`'s bucket. nullopt when allowed; otherwise how long until one
  // request would be allowed (rounded up to whole seconds, at least 1), for Retry-After.
  std::optional<std::chrono::seconds> take(std::string_view key, Clock::time_point now);

  std::size_t buckets() const noexcept { return buckets_.size(); }

 private:
  struct Bucket {
    double tokens = 0;
    Clock::time_point updated;
  };
  void prune(Clock::time_point now);

  double per_second_;
  double burst_;
  std::unordered_map<std::string, Bucket> buckets_;
};

}  // namespace carewatch::api
