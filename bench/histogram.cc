#include "bench/histogram.h"

#include <algorithm>
#include <cmath>

namespace qms::bench {
namespace {

// Values below 2^kExactBits are their own bucket. Above, a value with its top
// bit at position m (m >= kExactBits) keeps its top kExactBits bits: the
// leading 1 and kExactBits-1 bits of mantissa, i.e. 2^(kExactBits-1) buckets
// per power of two.
constexpr int kExactBits = 8;
constexpr uint64_t kExactLimit = uint64_t{1} << kExactBits;
constexpr uint64_t kSubBuckets = uint64_t{1} << (kExactBits - 1);
constexpr int kTopBit = 35;  // highest bit of kMaxTrackable

int TopBit(uint64_t value) { return 63 - __builtin_clzll(value); }

}  // namespace

LatencyHistogram::LatencyHistogram() : counts_(BucketCount(), 0) {}

size_t LatencyHistogram::BucketCount() {
  return static_cast<size_t>(kExactLimit + (kTopBit - kExactBits + 1) * kSubBuckets);
}

size_t LatencyHistogram::BucketIndex(uint64_t micros) {
  micros = std::min(micros, kMaxTrackable);
  if (micros < kExactLimit) return static_cast<size_t>(micros);
  const int top = TopBit(micros);
  const int shift = top - kExactBits + 1;
  const uint64_t mantissa = (micros >> shift) - kSubBuckets;  // 0 .. kSubBuckets-1
  return static_cast<size_t>(kExactLimit + static_cast<uint64_t>(top - kExactBits) * kSubBuckets + mantissa);
}

uint64_t LatencyHistogram::BucketHighestValue(size_t index) {
  if (index < kExactLimit) return index;
  const uint64_t above = index - kExactLimit;
  const int top = static_cast<int>(above / kSubBuckets) + kExactBits;
  const int shift = top - kExactBits + 1;
  const uint64_t mantissa = above % kSubBuckets + kSubBuckets;
  return ((mantissa + 1) << shift) - 1;
}

void LatencyHistogram::RecordCount(uint64_t micros, uint64_t count) {
  if (count == 0) return;
  micros = std::min(micros, kMaxTrackable);
  counts_[BucketIndex(micros)] += count;
  if (count_ == 0 || micros < min_) min_ = micros;
  max_ = std::max(max_, micros);
  count_ += count;
  sum_ += micros * count;
}

void LatencyHistogram::Merge(const LatencyHistogram& other) {
  if (other.count_ == 0) return;
  for (size_t i = 0; i < counts_.size(); ++i) counts_[i] += other.counts_[i];
  if (count_ == 0 || other.min_ < min_) min_ = other.min_;
  max_ = std::max(max_, other.max_);
  count_ += other.count_;
  sum_ += other.sum_;
}

void LatencyHistogram::Reset() {
  std::fill(counts_.begin(), counts_.end(), 0);
  count_ = min_ = max_ = sum_ = 0;
}

uint64_t LatencyHistogram::Percentile(double percent) const {
  if (count_ == 0) return 0;
  percent = std::clamp(percent, 0.0, 100.0);
  const double exact_rank = percent / 100.0 * static_cast<double>(count_);
  const uint64_t rank = std::max<uint64_t>(1, static_cast<uint64_t>(std::ceil(exact_rank - 1e-9)));
  uint64_t seen = 0;
  for (size_t i = 0; i < counts_.size(); ++i) {
    seen += counts_[i];
    if (seen >= rank) return std::min(BucketHighestValue(i), max_);
  }
  return max_;
}

}  // namespace qms::bench
