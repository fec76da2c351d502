// RateLimiter on a ManualClock: a burst, then refusals with the wait, a
// refill with time, and callers that never share a bucket.
#include "services/access/rate_limiter.h"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>
#include <vector>

namespace qms::access {
namespace {

constexpr RateLimit kFivePerSecondBurstTen{5, 10};

TEST(RateLimiterTest, BurstThenRefusedWithTheWait) {
  ManualClock clock(1'000'000'000);
  RateLimiter limiter(&clock);
  for (int i = 0; i < 10; ++i) EXPECT_EQ(limiter.Take("kiosk-1", kFivePerSecondBurstTen), 0) << i;
  // Empty: the next call is one fifth of a second away.
  EXPECT_EQ(limiter.Take("kiosk-1", kFivePerSecondBurstTen), 200'000);
  clock.Advance(50'000);
  EXPECT_EQ(limiter.Take("kiosk-1", kFivePerSecondBurstTen), 150'000);
  clock.Advance(150'000);
  EXPECT_EQ(limiter.Take("kiosk-1", kFivePerSecondBurstTen), 0);
  EXPECT_GT(limiter.Take("kiosk-1", kFivePerSecondBurstTen), 0);
}

TEST(RateLimiterTest, RefillsUpToTheBurstOnly) {
  ManualClock clock(1'000'000'000);
  RateLimiter limiter(&clock);
  for (int i = 0; i < 10; ++i) ASSERT_EQ(limiter.Take("a", kFivePerSecondBurstTen), 0);
  clock.Advance(3600 * kMicrosPerSecond);  // an hour of refill
  int admitted = 0;
  while (limiter.Take("a", kFivePerSecondBurstTen) == 0 && admitted < 100) ++admitted;
  EXPECT_EQ(admitted, 10);
}

TEST(RateLimiterTest, OneCallersLoopLeavesOthersAlone) {
  ManualClock clock(1'000'000'000);
  RateLimiter limiter(&clock);
  for (int i = 0; i < 1000; ++i) limiter.Take("broken-kiosk", kFivePerSecondBurstTen);
  EXPECT_GT(limiter.Take("broken-kiosk", kFivePerSecondBurstTen), 0);
  for (int i = 0; i < 10; ++i) EXPECT_EQ(limiter.Take("kiosk-2", kFivePerSecondBurstTen), 0);
}

TEST(RateLimiterTest, UnlimitedNeverRefuses) {
  ManualClock clock(1'000'000'000);
  RateLimiter limiter(&clock);
  for (int i = 0; i < 100000; ++i) ASSERT_EQ(limiter.Take("admin", RateLimit{0, 0}), 0);
}

TEST(RateLimiterTest, AClockSteppingBackRefillsNothing) {
  ManualClock clock(1'000'000'000);
  RateLimiter limiter(&clock);
  for (int i = 0; i < 10; ++i) ASSERT_EQ(limiter.Take("a", kFivePerSecondBurstTen), 0);
  clock.Advance(-10 * kMicrosPerSecond);
  EXPECT_GT(limiter.Take("a", kFivePerSecondBurstTen), 0);
}

// Many threads on one caller take exactly the burst; a second caller's
// calls all pass meanwhile.
TEST(RateLimiterTest, ConcurrentCallersAreCountedExactly) {
  ManualClock clock(1'000'000'000);
  RateLimiter limiter(&clock);
  const RateLimit limit{1, 500};
  std::atomic<int> admitted{0}, other{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 1000; ++i) admitted += limiter.Take("loop", limit) == 0;
      for (int i = 0; i < 100; ++i) other += limiter.Take("other-" + std::to_string(i), limit) == 0;
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(admitted.load(), 500);
  EXPECT_EQ(other.load(), 400);
}

}  // namespace
}  // namespace qms::access
