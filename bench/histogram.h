#ifndef QMS_BENCH_HISTOGRAM_H_
#define QMS_BENCH_HISTOGRAM_H_

#include <cstddef>
#include <cstdint>
#include <vector>

namespace qms::bench {

// A latency histogram in microseconds with logarithmic buckets, in the manner
// of HdrHistogram: values below 256 us are kept exactly; above that each
// power of two is cut into 128 equal buckets, so a reported percentile is
// at most 1/128 (< 0.8%) above the true value. Values above kMaxTrackable
// (about 19 hours) are clamped to it; Max() still reports the clamp.
//
// Thread safety: none. Each thread records into its own histogram; Merge()
// combines them afterwards, and the result equals one histogram that saw
// every value.
class LatencyHistogram {
 public:
  static constexpr uint64_t kMaxTrackable = (uint64_t{1} << 36) - 1;

  LatencyHistogram();

  void Record(uint64_t micros) { RecordCount(micros, 1); }
  void RecordCount(uint64_t micros, uint64_t count);
  void Merge(const LatencyHistogram& other);
  void Reset();

  uint64_t Count() const { return count_; }
  uint64_t Min() const { return count_ == 0 ? 0 : min_; }
  uint64_t Max() const { return max_; }
  double Mean() const { return count_ == 0 ? 0.0 : static_cast<double>(sum_) / static_cast<double>(count_); }

  // The smallest recorded-bucket value at or below which `percent` of the
  // values lie, reported as the bucket's highest value (never above Max()).
  // REQUIRES: 0 < percent <= 100. Returns 0 when empty.
  uint64_t Percentile(double percent) const;

  // Bucket layout, exposed for tests.
  static size_t BucketIndex(uint64_t micros);
  static uint64_t BucketHighestValue(size_t index);
  static size_t BucketCount();

 private:
  std::vector<uint64_t> counts_;
  uint64_t count_ = 0;
  uint64_t min_ = 0;
  uint64_t max_ = 0;
  uint64_t sum_ = 0;
};

}  // namespace qms::bench

#endif  // QMS_BENCH_HISTOGRAM_H_
