#include "services/access/rate_limiter.h"

#include <algorithm>
#include <cmath>
#include <functional>

namespace qms::access {

void RateLimiter::Refill(Bucket* bucket, MicrosUtc now) {
  // A clock that steps back refills nothing (and never takes calls away).
  const MicrosUtc elapsed = std::max<MicrosUtc>(0, now - bucket->refilled_at);
  bucket->calls = std::min<double>(bucket->limit.burst,
                                   bucket->calls + static_cast<double>(elapsed) * bucket->limit.per_second /
                                                       static_cast<double>(kMicrosPerSecond));
  bucket->refilled_at = now;
}

void RateLimiter::ForgetFullBuckets(Stripe* stripe, MicrosUtc now) {
  for (auto it = stripe->buckets.begin(); it != stripe->buckets.end();) {
    Refill(&it->second, now);
    it = it->second.calls >= it->second.limit.burst ? stripe->buckets.erase(it) : std::next(it);
  }
}

int64_t RateLimiter::Take(const std::string& caller, const RateLimit& limit) {
  if (limit.unlimited()) return 0;
  const MicrosUtc now = clock_->Now();
  Stripe& stripe = stripes_[std::hash<std::string>()(caller) % kStripes];
  std::lock_guard<std::mutex> lock(stripe.mu);
  if (stripe.buckets.size() >= kMaxBucketsPerStripe) ForgetFullBuckets(&stripe, now);
  auto [it, inserted] = stripe.buckets.try_emplace(caller);
  Bucket& bucket = it->second;
  if (inserted) {
    bucket.calls = limit.burst;
    bucket.refilled_at = now;
    bucket.limit = limit;
  }
  Refill(&bucket, now);
  if (bucket.calls >= 1) {
    bucket.calls -= 1;
    return 0;
  }
  const double missing = 1 - bucket.calls;
  return std::max<int64_t>(
      1, static_cast<int64_t>(std::ceil(missing * static_cast<double>(kMicrosPerSecond) / limit.per_second)));
}

}  // namespace qms::access
