#include "api/rate_limiter.hpp"

#include <algorithm>
#include <cmath>

namespace carewatch::api {
namespace {
// Beyond this many buckets, full ones are forgotten (a full bucket is the same as a new one), so
// requests from many addresses cannot grow the table without bound.
constexpr std::size_t kPruneAbove = 10000;
}  // namespace

RateLimiter::RateLimiter(double per_second, double burst)
    : per_second_(per_second), burst_(std::max(burst, 1.0)) {}

std::optional<std::chrono::seconds> RateLimiter::take(std::string_view key, Clock::time_point now) {
  if (per_second_ <= 0) return std::nullopt;
  auto it = buckets_.find(std::string(key));
  if (it == buckets_.end()) {
    if (buckets_.size() >= kPruneAbove) prune(now);
    it = buckets_.emplace(std::string(key), Bucket{burst_, now}).first;
  }
  Bucket& b = it->second;
  const double elapsed = std::chrono::duration<double>(now - b.updated).count();
  if (elapsed > 0) {
    b.tokens = std::min(burst_, b.tokens + elapsed * per_second_);
    b.updated = now;
  }
  if (b.tokens >= 1.0) {
    b.tokens -= 1.0;
    return std::nullopt;
  }
  const double wait = (1.0 - b.tokens) / per_second_;
  return std::chrono::seconds(std::max<long long>(1, static_cast<long long>(std::ceil(wait))));
}

void RateLimiter::prune(Clock::time_point now) {
  std::erase_if(buckets_, [&](const auto& entry) {
    const double elapsed = std::chrono::duration<double>(now - entry.second.updated).count();
    return entry.second.tokens + elapsed * per_second_ >= burst_;
  });
}

}  // namespace carewatch::api
