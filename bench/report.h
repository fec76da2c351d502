#ifndef QMS_BENCH_REPORT_H_
#define QMS_BENCH_REPORT_H_

#include <cstdio>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "bench/runner.h"

namespace qms::bench {

// The terminal summary of one run: rates (achieved vs offered), then one row
// per metric with count, rate, p50/p90/p99/p99.9/max in ms and errors by
// gRPC status code.
void PrintRunSummary(const RunResult& result, std::FILE* out);

// The same as JSON (latencies in microseconds), including the per-second
// series.
nlohmann::json RunToJson(const RunResult& result);

// Writes `document` to `path`; false with `error` set when it cannot.
bool WriteJsonFile(const std::string& path, const nlohmann::json& document, std::string* error);

// Plot files: PREFIX.dat (whitespace columns, '#' header) and PREFIX.gp (a
// gnuplot script writing PREFIX.png). When `gnuplot` is on PATH it is run,
// otherwise the two files are left for later (`gnuplot PREFIX.gp`).
struct PlotFiles {
  std::string data_path;
  std::string script_path;
  std::string image_path;  // empty when gnuplot was not run
};

// Throughput and latency per second of one run.
PlotFiles WriteSeriesPlot(const std::string& prefix, const RunResult& result, std::string* error);
// Latency and achieved rate against offered rate, one point per sweep step.
PlotFiles WriteSweepPlot(const std::string& prefix, const std::vector<RunResult>& steps, std::string* error);

// PREFIX for the plot: `plot_prefix` if set, else the JSON path without
// ".json", else empty (no plot).
std::string PlotPrefixFor(const std::string& plot_prefix, const std::string& json_path);

}  // namespace qms::bench

#endif  // QMS_BENCH_REPORT_H_
