#ifndef QMS_BENCH_RUNNER_H_
#define QMS_BENCH_RUNNER_H_

#include <array>
#include <functional>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "bench/arrival_schedule.h"
#include "bench/load_driver.h"
#include "bench/run_stats.h"
#include "bench/worker_loop.h"

namespace qms::bench {

// One measured run: T worker threads, each with its own CompletionQueue and
// channel, driving the same kind of Workload.
struct RunSpec {
  std::string label;
  int threads = 2;
  double rate = 0;  // units per second over all workers; 0 means closed loop
  ArrivalProcess process = ArrivalProcess::kConstant;
  std::optional<RateShape> rate_shape;
  int in_flight = 64;      // closed loop, over all workers
  uint64_t max_units = 0;  // over all workers; 0: bounded by time only
  int max_outstanding_per_worker = 5000;
  double duration_seconds = 10;
  double drain_seconds = 5;
  double prepare_timeout_seconds = 300;
  bool show_progress = true;
  uint64_t seed = 1;
  // Extra text for the progress line (e.g. the simulated clock of golive).
  std::function<std::string(double elapsed_seconds, const IntervalStats& interval)> progress_note;
};

struct SeriesPoint {
  double elapsed_seconds = 0;
  double operations_per_second = 0;
  double failures_per_second = 0;
  uint64_t p50_us = 0;
  uint64_t p99_us = 0;
  uint64_t p999_us = 0;
  uint64_t in_flight = 0;
  std::array<uint64_t, kMetricCount> metric_counts{};
};

struct RunResult {
  std::string label;
  bool completed = false;  // false: preparation failed, timed out or was interrupted
  std::string failure;
  bool interrupted = false;
  double offered_rate = 0;  // 0: closed loop; shaped: arrivals scheduled / duration
  int in_flight = 0;        // closed loop
  double prepare_seconds = 0;
  double measured_seconds = 0;  // from the start to the last unit answered
  WorkerStats stats;            // the measured phase, all workers
  WorkerStats prepare_stats;
  std::vector<SeriesPoint> series;
  nlohmann::json extra = nlohmann::json::object();  // mode-specific figures

  double AchievedRate() const;
  double FailureRatio() const;
};

using WorkloadFactory =
    std::function<std::unique_ptr<Workload>(int worker_index, WorkerLoop* loop, WorkerRecorder* recorder)>;

// Prepares every worker's workload, runs the measured phase, prints a
// progress line every second (when asked) and returns the merged figures.
// Always returns: preparation, the run and the drain are each bounded.
RunResult ExecuteRun(const RunSpec& spec, const WorkloadFactory& factory);

// Ctrl-C ends the current run early (its figures are still reported).
void InstallInterruptHandler();
bool InterruptRequested();

}  // namespace qms::bench

#endif  // QMS_BENCH_RUNNER_H_
