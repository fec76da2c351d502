#include "bench/arrival_schedule.h"

#include <algorithm>
#include <cmath>

namespace qms::bench {

bool ParseArrivalProcess(const std::string& text, ArrivalProcess* process) {
  if (text == "constant") {
    *process = ArrivalProcess::kConstant;
    return true;
  }
  if (text == "poisson") {
    *process = ArrivalProcess::kPoisson;
    return true;
  }
  return false;
}

const char* ArrivalProcessName(ArrivalProcess process) {
  return process == ArrivalProcess::kConstant ? "constant" : "poisson";
}

ArrivalSchedule::ArrivalSchedule(ArrivalProcess process, double rate_per_second, TimePoint start,
                                 uint64_t seed)
    : process_(process), rate_(rate_per_second), start_(start), random_(seed) {}

void ArrivalSchedule::SetShape(RateShape shape) {
  shape_ = std::move(shape);
  shaped_ = static_cast<bool>(shape_.multiplier) && shape_.peak > 0;
}

double ArrivalSchedule::NextPoissonOffset(double rate) {
  std::uniform_real_distribution<double> uniform(0.0, 1.0);
  // 1 - u is in (0, 1], so the log is finite.
  return last_offset_seconds_ - std::log(1.0 - uniform(random_)) / rate;
}

TimePoint ArrivalSchedule::Next() {
  if (shaped_) {
    // Lewis-Shedler thinning: candidates at the peak rate, each kept with
    // probability multiplier / peak. Bounded so a zero shape cannot spin.
    std::uniform_real_distribution<double> uniform(0.0, 1.0);
    const double peak_rate = rate_ * shape_.peak;
    for (int attempt = 0; attempt < 1000000; ++attempt) {
      last_offset_seconds_ = NextPoissonOffset(peak_rate);
      const double keep = shape_.multiplier(last_offset_seconds_) / shape_.peak;
      if (uniform(random_) < keep) break;
    }
  } else if (process_ == ArrivalProcess::kConstant) {
    // From the index, not by adding gaps, so rounding never drifts.
    last_offset_seconds_ = static_cast<double>(issued_) / rate_;
  } else {
    last_offset_seconds_ = NextPoissonOffset(rate_);
  }
  ++issued_;
  return AfterSeconds(start_, last_offset_seconds_);
}

}  // namespace qms::bench
