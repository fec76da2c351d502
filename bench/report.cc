#include "bench/report.h"

#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

extern char** environ;

namespace qms::bench {
namespace {

double Ms(uint64_t micros) { return static_cast<double>(micros) / 1000.0; }

std::string ErrorsText(const MetricStats& stats) {
  std::string text;
  for (const auto& [code, count] : stats.errors) {
    if (!text.empty()) text += " ";
    text += StatusCodeName(code) + "=" + std::to_string(count);
  }
  return text.empty() ? "-" : text;
}

nlohmann::json MetricToJson(const MetricStats& stats, double seconds) {
  nlohmann::json errors = nlohmann::json::object();
  for (const auto& [code, count] : stats.errors) errors[StatusCodeName(code)] = count;
  const LatencyHistogram& h = stats.latency;
  return {{"ok", stats.ok},
          {"failed", stats.Failed()},
          {"ok_per_second", seconds > 0 ? static_cast<double>(stats.ok) / seconds : 0.0},
          {"errors", errors},
          {"latency_us",
           {{"p50", h.Percentile(50)},
            {"p90", h.Percentile(90)},
            {"p99", h.Percentile(99)},
            {"p999", h.Percentile(99.9)},
            {"max", h.Max()},
            {"min", h.Min()},
            {"mean", h.Mean()}}}};
}

bool IsExecutable(const std::string& path) {
  struct stat info;
  return ::stat(path.c_str(), &info) == 0 && S_ISREG(info.st_mode) && ::access(path.c_str(), X_OK) == 0;
}

std::string FindOnPath(const std::string& program) {
  const char* path = std::getenv("PATH");
  if (path == nullptr) return "";
  std::stringstream directories(path);
  std::string directory;
  while (std::getline(directories, directory, ':')) {
    if (directory.empty()) continue;
    const std::string candidate = directory + "/" + program;
    if (IsExecutable(candidate)) return candidate;
  }
  return "";
}

std::string BaseName(const std::string& path) {
  const size_t slash = path.rfind('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

std::string DirectoryOf(const std::string& path) {
  const size_t slash = path.rfind('/');
  return slash == std::string::npos ? "." : path.substr(0, slash == 0 ? 1 : slash);
}

// Runs gnuplot on the script from the script's own directory (the script
// names its files without a directory); true when it exited with 0.
bool RunGnuplot(const std::string& gnuplot, const std::string& script) {
  std::vector<std::string> arguments = {gnuplot, "-e", "cd '" + DirectoryOf(script) + "'", BaseName(script)};
  std::vector<char*> argv;
  for (auto& argument : arguments) argv.push_back(argument.data());
  argv.push_back(nullptr);
  pid_t child = 0;
  if (posix_spawn(&child, gnuplot.c_str(), nullptr, nullptr, argv.data(), environ) != 0) return false;
  int status = 0;
  if (waitpid(child, &status, 0) != child) return false;
  return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

bool WriteText(const std::string& path, const std::string& text, std::string* error) {
  std::ofstream out(path, std::ios::trunc);
  out << text;
  out.close();
  if (!out) {
    *error = "cannot write " + path;
    return false;
  }
  return true;
}

PlotFiles FinishPlot(const std::string& prefix, const std::string& data, const std::string& script,
                     std::string* error) {
  PlotFiles files{prefix + ".dat", prefix + ".gp", ""};
  if (!WriteText(files.data_path, data, error) || !WriteText(files.script_path, script, error)) return files;
  const std::string gnuplot = FindOnPath("gnuplot");
  if (!gnuplot.empty() && RunGnuplot(gnuplot, files.script_path)) files.image_path = prefix + ".png";
  return files;
}

// The script refers to its files by the names given, so it works when run
// from the directory the bench was run in.
std::string ScriptHeader(const std::string& prefix, const std::string& title) {
  return "# gnuplot script written by qms-bench; run from its directory: gnuplot " + prefix + ".gp\n" +
         "set terminal png size 1100,650\n" + "set output '" + prefix + ".png'\n" + "set title '" + title +
         "' noenhanced\n" + "set grid\n" + "set key left top\n";
}

}  // namespace

void PrintRunSummary(const RunResult& result, std::FILE* out) {
  std::fprintf(out, "\n== %s ==\n", result.label.c_str());
  if (!result.completed) {
    std::fprintf(out, "not completed: %s\n", result.failure.c_str());
    return;
  }
  const MetricStats& operations = result.stats.Get(Metric::kOperation);
  std::fprintf(out, "measured %.1f s (prepare %.1f s)%s\n", result.measured_seconds, result.prepare_seconds,
               result.interrupted ? ", ended early by Ctrl-C" : "");
  if (result.offered_rate > 0) {
    std::fprintf(out, "offered %.0f op/s, achieved %.0f op/s (%.1f%%), open loop\n", result.offered_rate,
                 result.AchievedRate(), 100.0 * result.AchievedRate() / result.offered_rate);
  } else {
    std::fprintf(out, "achieved %.0f op/s, closed loop with %d in flight\n", result.AchievedRate(),
                 result.in_flight);
  }
  std::fprintf(out, "operations %llu ok, %llu failed (%.3f%%)\n",
               static_cast<unsigned long long>(operations.ok),
               static_cast<unsigned long long>(operations.Failed()), 100.0 * result.FailureRatio());
  std::fprintf(out, "%-18s %10s %10s %8s %8s %8s %8s %8s  %s\n", "metric (ms)", "ok", "ok/s", "p50", "p90",
               "p99", "p99.9", "max", "errors");
  for (int i = 0; i < kMetricCount; ++i) {
    const MetricStats& stats = result.stats.Get(static_cast<Metric>(i));
    if (stats.Total() == 0) continue;
    const LatencyHistogram& h = stats.latency;
    const double rate = result.measured_seconds > 0 ? stats.ok / result.measured_seconds : 0;
    std::fprintf(out, "%-18s %10llu %10.0f %8.2f %8.2f %8.2f %8.2f %8.2f  %s\n",
                 MetricName(static_cast<Metric>(i)), static_cast<unsigned long long>(stats.ok), rate,
                 Ms(h.Percentile(50)), Ms(h.Percentile(90)), Ms(h.Percentile(99)), Ms(h.Percentile(99.9)),
                 Ms(h.Max()), ErrorsText(stats).c_str());
  }
  for (const auto& [key, value] : result.extra.items()) {
    std::fprintf(out, "%s: %s\n", key.c_str(), value.dump().c_str());
  }
}

nlohmann::json RunToJson(const RunResult& result) {
  nlohmann::json metrics = nlohmann::json::object();
  nlohmann::json prepare = nlohmann::json::object();
  for (int i = 0; i < kMetricCount; ++i) {
    const auto metric = static_cast<Metric>(i);
    if (result.stats.Get(metric).Total() > 0) {
      metrics[MetricName(metric)] = MetricToJson(result.stats.Get(metric), result.measured_seconds);
    }
    if (result.prepare_stats.Get(metric).Total() > 0) {
      prepare[MetricName(metric)] = MetricToJson(result.prepare_stats.Get(metric), result.prepare_seconds);
    }
  }
  nlohmann::json series = nlohmann::json::array();
  for (const SeriesPoint& point : result.series) {
    nlohmann::json counts = nlohmann::json::object();
    for (int i = 0; i < kMetricCount; ++i) {
      if (point.metric_counts[i] > 0) counts[MetricName(static_cast<Metric>(i))] = point.metric_counts[i];
    }
    series.push_back({{"t_s", point.elapsed_seconds},
                      {"ok_per_second", point.operations_per_second},
                      {"failed_per_second", point.failures_per_second},
                      {"p50_us", point.p50_us},
                      {"p99_us", point.p99_us},
                      {"p999_us", point.p999_us},
                      {"in_flight", point.in_flight},
                      {"metric_counts", counts}});
  }
  return {{"label", result.label},
          {"completed", result.completed},
          {"failure", result.failure},
          {"interrupted", result.interrupted},
          {"loop", result.offered_rate > 0 ? "open" : "closed"},
          {"offered_per_second", result.offered_rate},
          {"in_flight", result.in_flight},
          {"achieved_per_second", result.AchievedRate()},
          {"failure_ratio", result.FailureRatio()},
          {"measured_seconds", result.measured_seconds},
          {"prepare_seconds", result.prepare_seconds},
          {"metrics", metrics},
          {"prepare_metrics", prepare},
          {"series", series},
          {"extra", result.extra}};
}

bool WriteJsonFile(const std::string& path, const nlohmann::json& document, std::string* error) {
  return WriteText(path, document.dump(2) + "\n", error);
}

PlotFiles WriteSeriesPlot(const std::string& prefix, const RunResult& result, std::string* error) {
  std::ostringstream data;
  data << "# qms-bench " << result.label << ": one row per second of the measured phase\n"
       << "# t_s ok_per_s failed_per_s p50_ms p99_ms p999_ms in_flight\n";
  for (const SeriesPoint& p : result.series) {
    data << p.elapsed_seconds << ' ' << p.operations_per_second << ' ' << p.failures_per_second << ' '
         << Ms(p.p50_us) << ' ' << Ms(p.p99_us) << ' ' << Ms(p.p999_us) << ' ' << p.in_flight << '\n';
  }
  const std::string dat = BaseName(prefix) + ".dat";
  std::ostringstream script;
  script << ScriptHeader(BaseName(prefix),
                         "qms-bench " + result.label + ": throughput and latency per second")
         << "set xlabel 'seconds'\nset ylabel 'operations per second'\nset y2label 'latency (ms)'\n"
         << "set ytics nomirror\nset y2tics\nset logscale y2\n"
         << "plot '" << dat << "' using 1:2 with lines lw 2 title 'ok/s' axes x1y1, \\\n"
         << "     '" << dat << "' using 1:4 with lines title 'p50' axes x1y2, \\\n"
         << "     '" << dat << "' using 1:5 with lines title 'p99' axes x1y2, \\\n"
         << "     '" << dat << "' using 1:6 with lines title 'p99.9' axes x1y2\n";
  return FinishPlot(prefix, data.str(), script.str(), error);
}

PlotFiles WriteSweepPlot(const std::string& prefix, const std::vector<RunResult>& steps, std::string* error) {
  std::ostringstream data;
  data << "# qms-bench sweep: one row per step\n"
       << "# offered_per_s achieved_per_s p50_ms p99_ms p999_ms failure_ratio\n";
  for (const RunResult& step : steps) {
    const LatencyHistogram& h = step.stats.Get(Metric::kOperation).latency;
    data << step.offered_rate << ' ' << step.AchievedRate() << ' ' << Ms(h.Percentile(50)) << ' '
         << Ms(h.Percentile(99)) << ' ' << Ms(h.Percentile(99.9)) << ' ' << step.FailureRatio() << '\n';
  }
  const std::string dat = BaseName(prefix) + ".dat";
  std::ostringstream script;
  script << ScriptHeader(BaseName(prefix), "qms-bench sweep: latency against offered rate")
         << "set xlabel 'offered operations per second'\nset ylabel 'latency (ms)'\nset logscale y\n"
         << "set y2label 'achieved operations per second'\nset ytics nomirror\nset y2tics\n"
         << "plot '" << dat << "' using 1:3 with linespoints title 'p50', \\\n"
         << "     '" << dat << "' using 1:4 with linespoints title 'p99', \\\n"
         << "     '" << dat << "' using 1:5 with linespoints title 'p99.9', \\\n"
         << "     '" << dat << "' using 1:2 with linespoints title 'achieved' axes x1y2\n";
  return FinishPlot(prefix, data.str(), script.str(), error);
}

std::string PlotPrefixFor(const std::string& plot_prefix, const std::string& json_path) {
  if (!plot_prefix.empty()) return plot_prefix;
  if (json_path.empty()) return "";
  const std::string suffix = ".json";
  if (json_path.size() > suffix.size() &&
      json_path.compare(json_path.size() - suffix.size(), suffix.size(), suffix) == 0) {
    return json_path.substr(0, json_path.size() - suffix.size());
  }
  return json_path;
}

}  // namespace qms::bench
