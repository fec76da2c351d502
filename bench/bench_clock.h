#ifndef QMS_BENCH_BENCH_CLOCK_H_
#define QMS_BENCH_BENCH_CLOCK_H_

#include <chrono>
#include <cstdint>

namespace qms::bench {

// All scheduling and latency measurement uses the monotonic clock; only watch
// events, whose `at_us` is the server's wall clock, are compared with the
// system clock (same machine).
using BenchClock = std::chrono::steady_clock;
using TimePoint = BenchClock::time_point;

inline uint64_t MicrosBetween(TimePoint from, TimePoint to) {
  if (to <= from) return 0;
  return static_cast<uint64_t>(std::chrono::duration_cast<std::chrono::microseconds>(to - from).count());
}

inline TimePoint AfterSeconds(TimePoint from, double seconds) {
  return from + std::chrono::duration_cast<BenchClock::duration>(std::chrono::duration<double>(seconds));
}

inline double SecondsBetween(TimePoint from, TimePoint to) {
  return std::chrono::duration<double>(to - from).count();
}

// Wall-clock Unix microseconds, the unit of CentreEvent.at_us.
inline int64_t UnixMicrosNow() {
  return std::chrono::duration_cast<std::chrono::microseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace qms::bench

#endif  // QMS_BENCH_BENCH_CLOCK_H_
