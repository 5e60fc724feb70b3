#include "api/rate_limiter.hpp"

#include <gtest/gtest.h>

namespace carewatch::api {
namespace {

using namespace std::chrono_literals;

// A bucket allows its burst at once, then refuses with the time until the next request is allowed.
TEST(RateLimiterTest, AllowsBurstThenRefusesWithRetryAfter) {
  RateLimiter limiter(0.5, 3);
  const auto t0 = RateLimiter::Clock::time_point{} + 1000s;
  for (int i = 0; i < 3; ++i) EXPECT_FALSE(limiter.take("token:a", t0));
  const auto wait = limiter.take("token:a", t0);
  ASSERT_TRUE(wait);
  EXPECT_EQ(*wait, 2s);
  // Refilled after two seconds at half a request per second.
  EXPECT_FALSE(limiter.take("token:a", t0 + 2s));
  EXPECT_TRUE(limiter.take("token:a", t0 + 2s));
}

// Buckets are independent per key.
TEST(RateLimiterTest, KeysHaveTheirOwnBuckets) {
  RateLimiter limiter(1, 1);
  const auto t0 = RateLimiter::Clock::time_point{} + 1000s;
  EXPECT_FALSE(limiter.take("token:a", t0));
  EXPECT_TRUE(limiter.take("token:a", t0));
  EXPECT_FALSE(limiter.take("addr:127.0.0.1", t0));
}

// A rate of zero disables limiting.
TEST(RateLimiterTest, ZeroRateDisablesLimiting) {
  RateLimiter limiter(0, 1);
  const auto t0 = RateLimiter::Clock::time_point{} + 1000s;
  for (int i = 0; i < 100; ++i) EXPECT_FALSE(limiter.take("k", t0));
}

// Many distinct callers do not grow the table without bound: full buckets are forgotten.
TEST(RateLimiterTest, FullBucketsArePruned) {
  RateLimiter limiter(10, 1);
  auto t = RateLimiter::Clock::time_point{} + 1000s;
  for (int i = 0; i < 25000; ++i) {
    (void)limiter.take("addr:" + std::to_string(i), t);
    t += 1s;
  }
  EXPECT_LE(limiter.buckets(), 10001u);
}

}  // namespace
}  // namespace carewatch::api
