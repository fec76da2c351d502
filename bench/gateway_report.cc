#include "bench/gateway_report.h"

#include <sys/resource.h>
#include <unistd.h>

#include <fstream>
#include <sstream>

#include "bench/report.h"

namespace qms::bench {
namespace {

double Ms(uint64_t micros) { return static_cast<double>(micros) / 1000.0; }

std::string ErrorsText(const GatewayMetric& metric) {
  std::string text;
  for (const auto& [name, count] : metric.errors) {
    if (!text.empty()) text += " ";
    text += name + "=" + std::to_string(count);
  }
  return text.empty() ? "-" : text;
}

nlohmann::json MetricJson(const GatewayMetric& metric, double seconds) {
  const LatencyHistogram& h = metric.latency;
  return {{"ok", metric.ok},
          {"failed", metric.Failed()},
          {"ok_per_second", seconds > 0 ? static_cast<double>(metric.ok) / seconds : 0.0},
          {"errors", metric.errors},
          {"latency_us",
           {{"p50", h.Percentile(50)},
            {"p90", h.Percentile(90)},
            {"p99", h.Percentile(99)},
            {"p999", h.Percentile(99.9)},
            {"max", h.Max()},
            {"min", h.Min()},
            {"mean", h.Mean()}}}};
}

int64_t SelfCpuMicros() {
  struct rusage usage;
  if (getrusage(RUSAGE_SELF, &usage) != 0) return 0;
  auto micros = [](const timeval& t) { return static_cast<int64_t>(t.tv_sec) * 1000000 + t.tv_usec; };
  return micros(usage.ru_utime) + micros(usage.ru_stime);
}

nlohmann::json CpuJson(int64_t used_us, const std::vector<std::pair<std::string, double>>& units) {
  nlohmann::json entry = {{"cpu_ms", static_cast<double>(used_us) / 1000.0}};
  for (const auto& [unit, count] : units) {
    entry["us_per_" + unit] = count > 0 ? static_cast<double>(used_us) / count : 0.0;
  }
  return entry;
}

}  // namespace

uint64_t GatewayMetric::Failed() const {
  uint64_t failed = 0;
  for (const auto& [name, count] : errors) failed += count;
  return failed;
}

void GatewayMetric::Merge(const GatewayMetric& other) {
  latency.Merge(other.latency);
  ok += other.ok;
  for (const auto& [name, count] : other.errors) errors[name] += count;
}

GatewayRecorder::GatewayRecorder(std::vector<std::string> names) {
  for (auto& name : names) metrics_.emplace_back(std::move(name), GatewayMetric{});
}

void GatewayRecorder::Record(size_t metric, uint64_t micros) {
  std::lock_guard<std::mutex> lock(mu_);
  GatewayMetric& m = metrics_[metric].second;
  ++m.ok;
  m.latency.Record(micros);
  if (metric != 0) return;
  ++interval_.operations_ok;
  interval_.operation_latency.Record(micros);
}

void GatewayRecorder::RecordError(size_t metric, const std::string& name, uint64_t count) {
  if (count == 0) return;
  std::lock_guard<std::mutex> lock(mu_);
  metrics_[metric].second.errors[name] += count;
  if (metric == 0) interval_.operations_failed += count;
}

IntervalStats GatewayRecorder::TakeInterval() {
  std::lock_guard<std::mutex> lock(mu_);
  IntervalStats taken = interval_;
  interval_.Reset();
  return taken;
}

std::vector<std::pair<std::string, GatewayMetric>> GatewayRecorder::Metrics() const {
  std::lock_guard<std::mutex> lock(mu_);
  return metrics_;
}

const GatewayMetric* GatewayRun::Find(const std::string& name) const {
  for (const auto& [metric_name, metric] : metrics) {
    if (metric_name == name) return &metric;
  }
  return nullptr;
}

double GatewayRun::AchievedRate() const {
  if (measured_seconds <= 0 || metrics.empty()) return 0;
  return static_cast<double>(metrics.front().second.ok) / measured_seconds;
}

double GatewayRun::AchievedOfferedRate() const {
  const GatewayMetric* metric = rate_metric.empty() ? nullptr : Find(rate_metric);
  if (metric == nullptr || measured_seconds <= 0) return AchievedRate();
  return static_cast<double>(metric->ok) / measured_seconds;
}

void PrintGatewayRun(const GatewayRun& run, std::FILE* out) {
  std::fprintf(out, "\n== %s ==\n", run.label.c_str());
  if (!run.completed) {
    std::fprintf(out, "not completed: %s\n", run.failure.c_str());
    if (run.metrics.empty()) return;
  }
  std::fprintf(out, "measured %.1f s (prepare %.1f s)%s\n", run.measured_seconds, run.prepare_seconds,
               run.interrupted ? ", ended early by Ctrl-C" : "");
  const std::string unit = run.rate_metric.empty() ? "op/s" : run.rate_metric + "/s";
  if (run.offered_per_second > 0) {
    std::fprintf(out, "offered %.1f %s, achieved %.1f (%.1f%%), open loop, %d clients\n",
                 run.offered_per_second, unit.c_str(), run.AchievedOfferedRate(),
                 100.0 * run.AchievedOfferedRate() / run.offered_per_second, run.concurrency);
  } else {
    std::fprintf(out, "achieved %.0f op/s, %d clients\n", run.AchievedRate(), run.concurrency);
  }
  std::fprintf(out, "%-18s %10s %10s %8s %8s %8s %8s %8s  %s\n", "metric (ms)", "ok", "ok/s", "p50", "p90",
               "p99", "p99.9", "max", "errors");
  for (const auto& [name, metric] : run.metrics) {
    if (metric.ok + metric.Failed() == 0) continue;
    const LatencyHistogram& h = metric.latency;
    const double rate = run.measured_seconds > 0 ? metric.ok / run.measured_seconds : 0;
    std::fprintf(out, "%-18s %10llu %10.0f %8.2f %8.2f %8.2f %8.2f %8.2f  %s\n", name.c_str(),
                 static_cast<unsigned long long>(metric.ok), rate, Ms(h.Percentile(50)), Ms(h.Percentile(90)),
                 Ms(h.Percentile(99)), Ms(h.Percentile(99.9)), Ms(h.Max()), ErrorsText(metric).c_str());
  }
  for (const auto& [key, value] : run.extra.items()) {
    std::fprintf(out, "%s: %s\n", key.c_str(), value.dump().c_str());
  }
  std::fflush(out);
}

nlohmann::json GatewayRunToJson(const GatewayRun& run) {
  nlohmann::json metrics = nlohmann::json::object();
  for (const auto& [name, metric] : run.metrics) metrics[name] = MetricJson(metric, run.measured_seconds);
  nlohmann::json series = nlohmann::json::array();
  for (const SeriesPoint& point : run.series) {
    series.push_back({{"t_s", point.elapsed_seconds},
                      {"ok_per_second", point.operations_per_second},
                      {"failed_per_second", point.failures_per_second},
                      {"p50_us", point.p50_us},
                      {"p99_us", point.p99_us},
                      {"p999_us", point.p999_us},
                      {"in_flight", point.in_flight}});
  }
  const GatewayMetric* operation = run.metrics.empty() ? nullptr : &run.metrics.front().second;
  const uint64_t total = operation == nullptr ? 0 : operation->ok + operation->Failed();
  return {{"label", run.label},
          {"completed", run.completed},
          {"failure", run.failure},
          {"interrupted", run.interrupted},
          {"loop", run.offered_per_second > 0 ? "open" : "closed"},
          {"offered_per_second", run.offered_per_second},
          {"concurrency", run.concurrency},
          {"operation", run.metrics.empty() ? "" : run.metrics.front().first},
          {"achieved_per_second", run.AchievedRate()},
          {"rate_metric",
           run.rate_metric.empty() ? run.metrics.empty() ? "" : run.metrics.front().first : run.rate_metric},
          {"achieved_offered_per_second", run.AchievedOfferedRate()},
          {"failure_ratio", total == 0 ? 0.0 : static_cast<double>(operation->Failed()) / total},
          {"measured_seconds", run.measured_seconds},
          {"prepare_seconds", run.prepare_seconds},
          {"metrics", metrics},
          {"series", series},
          {"extra", run.extra}};
}

int FinishGatewayRun(const CommonOptions& common, const std::string& mode, const nlohmann::json& parameters,
                     const nlohmann::json& outcome, const GatewayRun& run) {
  PrintGatewayRun(run, stdout);
  int exit_code = run.completed ? 0 : 1;
  std::string error;
  if (!common.json_path.empty()) {
    nlohmann::json document = {{"mode", mode}, {"parameters", parameters}, {"outcome", outcome}};
    document["runs"] = nlohmann::json::array({GatewayRunToJson(run)});
    if (!WriteJsonFile(common.json_path, document, &error)) {
      std::fprintf(stderr, "qms-bench: %s\n", error.c_str());
      exit_code = 1;
    }
  }
  const std::string prefix = PlotPrefixFor(common.plot_prefix, common.json_path);
  if (prefix.empty() || run.series.empty()) return exit_code;
  RunResult plotted;  // the series plot only reads the label and the series
  plotted.label = run.label;
  plotted.series = run.series;
  const PlotFiles files = WriteSeriesPlot(prefix, plotted, &error);
  if (!error.empty()) {
    std::fprintf(stderr, "qms-bench: %s\n", error.c_str());
    return 1;
  }
  std::printf("plot: %s\n", files.image_path.empty() ? (files.data_path + " and " + files.script_path).c_str()
                                                     : files.image_path.c_str());
  return exit_code;
}

int64_t ProcessCpuMicros(pid_t pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const size_t paren = text.rfind(')');  // the command name may hold spaces
  if (paren == std::string::npos) return -1;
  std::istringstream fields(text.substr(paren + 2));
  std::string field;
  int64_t utime = -1;
  int64_t stime = -1;
  // After the name: state (field 3) ... utime is field 14, stime field 15.
  for (int index = 3; index <= 15 && fields >> field; ++index) {
    if (index == 14) utime = std::stoll(field);
    if (index == 15) stime = std::stoll(field);
  }
  if (utime < 0 || stime < 0) return -1;
  const int64_t ticks = sysconf(_SC_CLK_TCK);
  return (utime + stime) * 1000000 / (ticks > 0 ? ticks : 100);
}

bool CpuSampler::Parse(const std::vector<std::string>& specs, std::string* error) {
  for (const std::string& spec : specs) {
    const size_t equals = spec.find('=');
    const std::string pid_text = equals == std::string::npos ? "" : spec.substr(equals + 1);
    if (equals == 0 || pid_text.empty() || pid_text.find_first_not_of("0123456789") != std::string::npos ||
        pid_text.size() > 9) {
      *error = "--cpu-pid wants NAME=PID, e.g. gateway=1234 (got " + spec + ")";
      return false;
    }
    const pid_t pid = static_cast<pid_t>(std::stol(pid_text));
    if (ProcessCpuMicros(pid) < 0) {
      *error = "cannot read /proc/" + pid_text + "/stat for " + spec;
      return false;
    }
    processes_.emplace_back(spec.substr(0, equals), pid);
  }
  return true;
}

void CpuSampler::Start() {
  started_us_.clear();
  for (const auto& [name, pid] : processes_) started_us_.push_back(ProcessCpuMicros(pid));
  bench_started_us_ = SelfCpuMicros();
}

nlohmann::json CpuSampler::Stop(const std::vector<std::pair<std::string, double>>& units) const {
  nlohmann::json cpu = nlohmann::json::object();
  for (size_t i = 0; i < processes_.size() && i < started_us_.size(); ++i) {
    const int64_t now = ProcessCpuMicros(processes_[i].second);
    if (now < 0 || started_us_[i] < 0) {
      cpu[processes_[i].first] = {{"pid", processes_[i].second}, {"error", "process gone"}};
      continue;
    }
    cpu[processes_[i].first] = CpuJson(now - started_us_[i], units);
    cpu[processes_[i].first]["pid"] = processes_[i].second;
  }
  cpu["bench"] = CpuJson(SelfCpuMicros() - bench_started_us_, units);
  return cpu;
}

}  // namespace qms::bench
