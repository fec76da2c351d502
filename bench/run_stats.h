#ifndef QMS_BENCH_RUN_STATS_H_
#define QMS_BENCH_RUN_STATS_H_

#include <grpcpp/grpcpp.h>

#include <array>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>

#include "bench/histogram.h"

namespace qms::bench {

// What a worker measures. kOperation is the unit a driver schedules, timed
// from its scheduled send time; kSendLag is how late the client started it
// (large values mean the bench machine, not the server, was the bottleneck).
// The RPC metrics are timed from the moment each RPC was started.
enum class Metric : int {
  kOperation = 0,
  kSendLag,
  kEcho,
  kIssueTicket,
  kOpenCounter,
  kCallNext,
  kStartServing,
  kComplete,
  kMarkNoShow,
  kTransfer,
  kWatchOpen,        // stream start to its first message (the snapshot)
  kWatchEventDelay,  // receive time minus the event's at_us, any event
  kCallToEvent,      // the same for CALLED events: call-to-screen latency
  kIssueFlood,       // issue --flood-share: IssueTicket of the flooding centre
  kIssueOthers,      // ... and of every other centre
  kCount,
};
constexpr int kMetricCount = static_cast<int>(Metric::kCount);

const char* MetricName(Metric metric);
// "OK", "UNAVAILABLE", ...; the bench's own "UNSENT" is code -1.
std::string StatusCodeName(int code);
constexpr int kUnsentCode = -1;

struct MetricStats {
  LatencyHistogram latency;  // successful outcomes only
  uint64_t ok = 0;
  std::map<int, uint64_t> errors;  // by grpc::StatusCode (or kUnsentCode)

  uint64_t Failed() const;
  uint64_t Total() const { return ok + Failed(); }
  void Merge(const MetricStats& other);
};

// What one worker saw in one progress interval (about a second).
struct IntervalStats {
  uint64_t operations_ok = 0;
  uint64_t operations_failed = 0;
  LatencyHistogram operation_latency;
  std::array<uint64_t, kMetricCount> metric_counts{};  // all outcomes
  uint64_t in_flight = 0;

  void Merge(const IntervalStats& other);
  void Reset();
};

// A worker's measurements. Only its own thread touches it until the run ends;
// then the runner merges all workers.
class WorkerStats {
 public:
  void Record(Metric metric, uint64_t micros, grpc::StatusCode code);
  void RecordCode(Metric metric, uint64_t micros, int code);
  void RecordUnsent(uint64_t count);

  const MetricStats& Get(Metric metric) const { return metrics_[static_cast<int>(metric)]; }
  void Merge(const WorkerStats& other);

  IntervalStats& interval() { return interval_; }

 private:
  std::array<MetricStats, kMetricCount> metrics_;
  IntervalStats interval_;
};

// A worker's two sets of measurements: the preparation (opening counters,
// filling queues) and the measured phase. RPC helpers record into active(),
// which the runner switches when the measured phase begins.
class WorkerRecorder {
 public:
  WorkerStats* active() { return active_; }
  WorkerStats& prepare() { return prepare_; }
  WorkerStats& run() { return run_; }
  void BeginMeasuring() { active_ = &run_; }

 private:
  WorkerStats prepare_;
  WorkerStats run_;
  WorkerStats* active_ = &prepare_;
};

// Where workers drop their interval stats for the once-a-second progress line.
// Thread safety: all methods may be called from any thread.
class ProgressBoard {
 public:
  void Publish(const IntervalStats& interval);
  IntervalStats Take();

 private:
  std::mutex mutex_;
  IntervalStats pending_;
};

}  // namespace qms::bench

#endif  // QMS_BENCH_RUN_STATS_H_
