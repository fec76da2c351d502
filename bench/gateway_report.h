#ifndef QMS_BENCH_GATEWAY_REPORT_H_
#define QMS_BENCH_GATEWAY_REPORT_H_

// The figures of the gateway modes (gateway-kiosk, gateway-pages): named
// latency metrics with errors by name (HTTP status or transport failure),
// printed and written as JSON in the shape of the other modes' runs.

#include <sys/types.h>

#include <cstdio>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

#include "bench/bench_clock.h"
#include "bench/bench_options.h"
#include "bench/histogram.h"
#include "bench/runner.h"

namespace qms::bench {

// One measured quantity: latency of the successes, failures by name:
// "HTTP_503" (the gateway's answer), "TIMEOUT", "CONNECT", "CLOSED",
// "BAD_RESPONSE", "BAD_REPLY" (200 without what the page needs),
// "UNSENT" (still waiting for its kiosk's connection when the drain ended),
// "UNANSWERED" (sent, no reply when the drain ended).
struct GatewayMetric {
  LatencyHistogram latency;
  uint64_t ok = 0;
  std::map<std::string, uint64_t> errors;

  uint64_t Failed() const;
  void Merge(const GatewayMetric& other);
};

// Where a run's threads record. Metric 0 is the run's operation: its
// outcomes feed the once-a-second progress line.
// Thread safety: every method may be called from any thread.
class GatewayRecorder {
 public:
  explicit GatewayRecorder(std::vector<std::string> names);

  void Record(size_t metric, uint64_t micros);
  void RecordError(size_t metric, const std::string& name, uint64_t count = 1);
  // The operations since the last call.
  IntervalStats TakeInterval();
  std::vector<std::pair<std::string, GatewayMetric>> Metrics() const;

 private:
  mutable std::mutex mu_;
  std::vector<std::pair<std::string, GatewayMetric>> metrics_;
  IntervalStats interval_;
};

struct GatewayRun {
  std::string label;
  bool completed = false;
  std::string failure;
  bool interrupted = false;
  double offered_per_second = 0;  // 0: closed loop
  int concurrency = 0;            // kiosks or pages
  double prepare_seconds = 0;
  double measured_seconds = 0;
  std::vector<std::pair<std::string, GatewayMetric>> metrics;  // [0]: the operation
  // The metric whose successes per second compare with offered_per_second
  // ("" : the operation).
  std::string rate_metric;
  std::vector<SeriesPoint> series;
  nlohmann::json extra = nlohmann::json::object();

  const GatewayMetric* Find(const std::string& name) const;
  // The operation's successes per measured second.
  double AchievedRate() const;
  // The rate metric's successes per measured second.
  double AchievedOfferedRate() const;
};

void PrintGatewayRun(const GatewayRun& run, std::FILE* out);
nlohmann::json GatewayRunToJson(const GatewayRun& run);
// Prints the run, writes {"mode", "parameters", "outcome", "runs": [run]}
// to --json and its per-second plot. Returns the exit code: 0 when the run
// completed and every file was written.
int FinishGatewayRun(const CommonOptions& common, const std::string& mode, const nlohmann::json& parameters,
                     const nlohmann::json& outcome, const GatewayRun& run);

// CPU time (user + system) of named processes on this machine, read from
// /proc/PID/stat, and of the bench itself, over the measured phase.
class CpuSampler {
 public:
  // `specs` are NAME=PID ("gateway=1234"). False with `error` on a bad spec
  // or a process that cannot be read.
  bool Parse(const std::vector<std::string>& specs, std::string* error);
  void Start();
  // The CPU used since Start, per process: {"gateway": {"pid", "cpu_ms",
  // "us_per_<unit>": ...}, "bench": {...}}, one per-unit figure for each
  // entry of `units` ({"request", 3000}).
  nlohmann::json Stop(const std::vector<std::pair<std::string, double>>& units) const;

 private:
  std::vector<std::pair<std::string, pid_t>> processes_;
  std::vector<int64_t> started_us_;
  int64_t bench_started_us_ = 0;
};

// Process CPU (utime + stime) in microseconds, -1 when unreadable.
int64_t ProcessCpuMicros(pid_t pid);

}  // namespace qms::bench

#endif  // QMS_BENCH_GATEWAY_REPORT_H_
