#ifndef QMS_BENCH_LOAD_DRIVER_H_
#define QMS_BENCH_LOAD_DRIVER_H_

#include <grpcpp/grpcpp.h>

#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <optional>

#include "bench/arrival_schedule.h"
#include "bench/run_stats.h"
#include "bench/worker_loop.h"

namespace qms::bench {

// A unit of work the drivers start: one RPC, or a short chain of RPCs such as
// CallNext -> StartServing -> Complete. Implementations record each RPC under
// its own Metric; the driver records the unit as Metric::kOperation.
//
// Thread safety: every method runs on the owning worker's loop thread.
class Workload {
 public:
  using Done = std::function<void(grpc::StatusCode)>;
  virtual ~Workload() = default;

  // Before the measured phase: open counters, fill queues, open streams.
  // Calls ready() once, on the loop thread, when done.
  virtual void Prepare(std::function<void()> ready) { ready(); }

  // The measured phase runs from `start` to `end` (streams, simulated clerks).
  virtual void Begin(TimePoint start, TimePoint end) {}

  // Starts one unit that was due at `scheduled`. Calls done() exactly once on
  // the loop thread, possibly before returning. A workload that cannot start
  // at once (every counter busy) may queue the unit; its latency still runs
  // from `scheduled`.
  virtual void Start(TimePoint scheduled, Done done) = 0;

  // End of the measured phase: start nothing new, cancel streams. Units
  // already started still call done().
  virtual void Stop() {}
};

struct LoadShape {
  double rate = 0;  // units per second for this worker; 0 means closed loop
  ArrivalProcess process = ArrivalProcess::kConstant;
  std::optional<RateShape> rate_shape;  // open loop only
  int in_flight = 64;                   // closed loop: units kept outstanding
  uint64_t max_units = 0;               // 0: bounded by time only
  // Open loop: past this many outstanding units new ones wait (their latency
  // keeps running), so an overloaded server cannot make the client grow
  // without bound.
  int max_outstanding = 5000;
};

// Starts units of a Workload on one worker, open loop (each unit at its
// scheduled time) or closed loop (a fixed number outstanding), and records
// Metric::kOperation and Metric::kSendLag.
//
// Lifecycle: Begin() once; at `end` no new unit is scheduled; units scheduled
// before `end` are still started and awaited until `drain_until`; those never
// sent are counted as UNSENT; then finished() runs.
// Thread safety: loop thread only.
class LoadDriver {
 public:
  LoadDriver(WorkerLoop* loop, Workload* workload, WorkerStats* stats, LoadShape shape, uint64_t seed);

  void Begin(TimePoint start, TimePoint end, TimePoint drain_until, std::function<void()> finished);
  // Stop scheduling now (Ctrl-C, or the global unit budget is spent).
  void EndEarly();

  uint64_t started() const { return started_; }
  // Units taken from the schedule (open loop) or started (closed loop).
  uint64_t scheduled() const { return taken_; }
  uint64_t outstanding() const { return outstanding_; }

 private:
  void OnArrivalTimer();
  void TakeDueArrivals(TimePoint until);
  void PumpWaiting();
  void StartClosedLoopUnits();
  void StartUnit(TimePoint scheduled);
  void OnUnitDone(TimePoint timed_from, grpc::StatusCode code);
  void OnEnd();
  void OnDrainDeadline();
  bool BudgetLeft() const { return shape_.max_units == 0 || taken_ < shape_.max_units; }
  void CheckFinished();

  WorkerLoop* loop_;
  Workload* workload_;
  WorkerStats* stats_;
  LoadShape shape_;
  uint64_t seed_;
  std::unique_ptr<ArrivalSchedule> schedule_;
  std::deque<TimePoint> waiting_;  // open loop: due but held back by max_outstanding
  TimePoint next_arrival_;
  TimePoint end_;
  TimePoint drain_until_;
  bool scheduling_ = false;
  bool finished_ = false;
  bool pump_pending_ = false;
  uint64_t taken_ = 0;  // units taken from the schedule (or closed-loop starts)
  uint64_t started_ = 0;
  uint64_t outstanding_ = 0;
  std::function<void()> on_finished_;
};

}  // namespace qms::bench

#endif  // QMS_BENCH_LOAD_DRIVER_H_
