#ifndef QMS_BENCH_BENCH_OPTIONS_H_
#define QMS_BENCH_BENCH_OPTIONS_H_

#include <cstdint>
#include <string>

#include "bench/connections.h"
#include "bench/golive_model.h"

namespace qms::bench {

// Flags every mode understands (see bench/README.md).
struct CommonOptions {
  ConnectionOptions connection;
  int threads = 2;
  double duration_seconds = 10;
  bool duration_given = false;  // golive and prefill have their own default
  double rate = 0;              // units per second; 0 means closed loop
  std::string arrival = "constant";
  int in_flight = 64;
  uint64_t max_units = 0;
  double drain_seconds = 5;
  double prepare_timeout_seconds = 600;
  size_t centres = 0;  // 0: every centre the server hosts
  std::string json_path;
  std::string plot_prefix;
  bool quiet = false;
  uint64_t seed = 1;
};

struct EchoOptions {
  size_t payload_bytes = 16;
};

// issue --flood-share: one centre offered this share of all the issues,
// over its own --flood-channels connections (bench/flood_workload.h): by
// default one, as a centre whose own gateway floods the server.
struct FloodOptions {
  double share = 0;  // 0: no flooding centre
  int channels = 1;
};

struct CallModeOptions {
  // serve: StartServing + Complete; complete: Complete; no-show: MarkNoShow
  std::string finish = "serve";
  int tickets_per_counter = 0;  // 0: enough for the planned calls
};

struct MixedModeOptions {
  double issue_share = 0.27;
  double no_show_share = 0.08;
  int tickets_per_counter = 5;
};

struct WatchModeOptions {
  int streams = 5000;
  CallModeOptions call;
};

struct SweepOptions {
  std::string workload = "echo";  // echo, issue or call
  double start_rate = 1000;
  double step_factor = 1.5;  // next rate = rate * factor (+ step_rate)
  double step_rate = 0;
  int max_steps = 12;
  double step_seconds = 10;
  double p99_bound_ms = 5;
  double error_bound = 0.01;         // failed / all operations
  double min_achieved_ratio = 0.95;  // achieved / offered
  CallModeOptions call;
};

}  // namespace qms::bench

#endif  // QMS_BENCH_BENCH_OPTIONS_H_
