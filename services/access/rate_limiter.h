// RateLimiter: a token bucket per caller, so one kiosk stuck in a loop is
// refused (RESOURCE_EXHAUSTED) without slowing anyone else.
//
// A caller's bucket holds at most `burst` calls and starts full; it refills
// at `per_second` calls a second; each call takes one. The buckets live in
// 64 stripes, each with its own mutex, chosen by the caller's hash: two
// callers share a lock only when they share a stripe, and then only for a
// few arithmetic operations, never across I/O.
//
// Callers come from verified tokens only (the gate calls Take after the
// signature check), so the number of buckets is bounded by the tokens an
// operator issued; a stripe that grows past 4,096 buckets forgets those
// that have refilled (a full bucket is the same as no bucket).
//
// Thread-safe.
#pragma once

#include <array>
#include <cstdint>
#include <mutex>
#include <string>
#include <unordered_map>

#include "services/base/clock.h"

namespace qms::access {

struct RateLimit {
  uint32_t per_second = 0;  // 0: no limit
  uint32_t burst = 0;       // REQUIRES: >= 1 when per_second > 0
  bool unlimited() const { return per_second == 0; }
};

class RateLimiter {
 public:
  // `clock` must outlive the limiter.
  explicit RateLimiter(const Clock* clock) : clock_(clock) {}
  RateLimiter(const RateLimiter&) = delete;
  RateLimiter& operator=(const RateLimiter&) = delete;

  // Takes one call from `caller`'s bucket. Returns 0 when the call may
  // proceed, else the microseconds until it would (nothing is taken).
  // Always 0 for an unlimited `limit`.
  int64_t Take(const std::string& caller, const RateLimit& limit);

 private:
  struct Bucket {
    double calls = 0;  // calls left
    MicrosUtc refilled_at = 0;
    RateLimit limit;  // as of the last call
  };
  struct alignas(64) Stripe {
    std::mutex mu;
    std::unordered_map<std::string, Bucket> buckets;
  };
  static constexpr size_t kStripes = 64;
  static constexpr size_t kMaxBucketsPerStripe = 4096;

  static void Refill(Bucket* bucket, MicrosUtc now);
  static void ForgetFullBuckets(Stripe* stripe, MicrosUtc now);

  const Clock* clock_;
  std::array<Stripe, kStripes> stripes_;
};

}  // namespace qms::access
