#ifndef QMS_BENCH_ARRIVAL_SCHEDULE_H_
#define QMS_BENCH_ARRIVAL_SCHEDULE_H_

#include <cstdint>
#include <functional>
#include <random>
#include <string>

#include "bench/bench_clock.h"

namespace qms::bench {

enum class ArrivalProcess {
  kConstant,  // evenly spaced: the k-th arrival at start + k / rate
  kPoisson,   // exponential gaps with mean 1 / rate
};

// Parses "constant" or "poisson"; false for anything else.
bool ParseArrivalProcess(const std::string& text, ArrivalProcess* process);
const char* ArrivalProcessName(ArrivalProcess process);

// Shapes the rate over time (the go-live day): at `elapsed` seconds after the
// start the rate is base_rate * multiplier(elapsed). `peak` must bound the
// multiplier from above; arrivals are drawn at the peak rate and thinned.
struct RateShape {
  std::function<double(double elapsed_seconds)> multiplier;
  double peak = 1.0;
};

// The send times of an open-loop load: each request has a scheduled time fixed
// in advance, independent of how fast earlier ones were answered, so a stalled
// server shows up as latency instead of as fewer requests (no coordinated
// omission). Deterministic for a given seed.
//
// Thread safety: none; one schedule per worker thread.
class ArrivalSchedule {
 public:
  // REQUIRES: rate_per_second > 0.
  ArrivalSchedule(ArrivalProcess process, double rate_per_second, TimePoint start, uint64_t seed);

  // With a shape the process is Poisson whatever was asked (thinning needs it).
  void SetShape(RateShape shape);

  // The next scheduled send time; non-decreasing.
  TimePoint Next();

  // Seconds after start of the last time Next() returned.
  double LastOffsetSeconds() const { return last_offset_seconds_; }

 private:
  double NextPoissonOffset(double rate);

  ArrivalProcess process_;
  double rate_;
  TimePoint start_;
  std::mt19937_64 random_;
  uint64_t issued_ = 0;
  double last_offset_seconds_ = 0;
  RateShape shape_;
  bool shaped_ = false;
};

}  // namespace qms::bench

#endif  // QMS_BENCH_ARRIVAL_SCHEDULE_H_
