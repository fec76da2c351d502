#include "bench/runner.h"

#include <atomic>
#include <csignal>
#include <cstdio>
#include <thread>

namespace qms::bench {
namespace {

std::atomic<bool> g_interrupted{false};

void OnInterrupt(int) { g_interrupted.store(true); }

// Everything one client thread owns. Lives until its thread is joined.
struct Worker {
  WorkerLoop loop;
  WorkerRecorder recorder;
  std::unique_ptr<Workload> workload;
  std::unique_ptr<LoadDriver> driver;
  std::thread thread;
  std::atomic<bool> prepared{false};
  std::atomic<bool> finished{false};
  TimePoint finished_at;
};

uint64_t ShareOf(uint64_t total, int index, int count) {
  const auto n = static_cast<uint64_t>(count);
  return total / n + (static_cast<uint64_t>(index) < total % n ? 1 : 0);
}

LoadShape WorkerShape(const RunSpec& spec, int index) {
  LoadShape shape;
  shape.rate = spec.rate / spec.threads;
  shape.process = spec.process;
  shape.rate_shape = spec.rate_shape;
  shape.in_flight = static_cast<int>(std::max<uint64_t>(1, ShareOf(spec.in_flight, index, spec.threads)));
  shape.max_units =
      spec.max_units == 0 ? 0 : std::max<uint64_t>(1, ShareOf(spec.max_units, index, spec.threads));
  shape.max_outstanding = spec.max_outstanding_per_worker;
  return shape;
}

void PublishEverySecond(Worker* worker, ProgressBoard* board, TimePoint when) {
  worker->loop.RunAt(when, [worker, board, when] {
    if (worker->finished.load()) return;
    IntervalStats& interval = worker->recorder.run().interval();
    interval.in_flight = worker->driver->outstanding();
    board->Publish(interval);
    interval.Reset();
    PublishEverySecond(worker, board, when + std::chrono::seconds(1));
  });
}

void BeginMeasuring(Worker* worker, ProgressBoard* board, TimePoint start, TimePoint end,
                    TimePoint drain_until) {
  worker->recorder.BeginMeasuring();
  worker->workload->Begin(start, end);
  worker->driver->Begin(start, end, drain_until, [worker, board] {
    worker->workload->Stop();
    worker->finished_at = BenchClock::now();
    IntervalStats& interval = worker->recorder.run().interval();
    board->Publish(interval);
    interval.Reset();
    worker->finished.store(true);
    worker->loop.RequestExit(BenchClock::now() + std::chrono::seconds(2));
  });
  PublishEverySecond(worker, board, start + std::chrono::seconds(1));
}

bool WaitUntilPrepared(std::vector<std::unique_ptr<Worker>>& workers, const RunSpec& spec,
                       std::string* failure) {
  const TimePoint started = BenchClock::now();
  const TimePoint deadline = AfterSeconds(started, spec.prepare_timeout_seconds);
  TimePoint next_note = AfterSeconds(started, 5);
  while (true) {
    size_t ready = 0;
    for (auto& worker : workers) ready += worker->prepared.load() ? 1 : 0;
    if (ready == workers.size()) return true;
    const TimePoint now = BenchClock::now();
    if (InterruptRequested()) {
      *failure = "interrupted while preparing";
      return false;
    }
    if (now >= deadline) {
      *failure = "preparation did not finish in " + std::to_string(spec.prepare_timeout_seconds) + " s";
      return false;
    }
    if (spec.show_progress && now >= next_note) {
      std::fprintf(stderr, "  preparing %s: %zu of %zu workers ready\n", spec.label.c_str(), ready,
                   workers.size());
      next_note = AfterSeconds(now, 5);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
}

SeriesPoint ToSeriesPoint(const IntervalStats& interval, double elapsed, double span) {
  SeriesPoint point;
  point.elapsed_seconds = elapsed;
  point.operations_per_second = static_cast<double>(interval.operations_ok) / span;
  point.failures_per_second = static_cast<double>(interval.operations_failed) / span;
  point.p50_us = interval.operation_latency.Percentile(50);
  point.p99_us = interval.operation_latency.Percentile(99);
  point.p999_us = interval.operation_latency.Percentile(99.9);
  point.in_flight = interval.in_flight;
  point.metric_counts = interval.metric_counts;
  return point;
}

void PrintProgress(const RunSpec& spec, const SeriesPoint& point, const IntervalStats& interval) {
  if (!spec.show_progress) return;
  std::string offered =
      spec.rate > 0 ? " (offered " + std::to_string(static_cast<int64_t>(spec.rate)) + ")" : "";
  std::string note = spec.progress_note ? "  " + spec.progress_note(point.elapsed_seconds, interval) : "";
  std::fprintf(
      stderr,
      "[%5.0fs] %9.0f op/s%s  p50 %.2f ms  p99 %.2f ms  p99.9 %.2f ms  failed/s %.0f  in flight %llu%s\n",
      point.elapsed_seconds, point.operations_per_second, offered.c_str(), point.p50_us / 1000.0,
      point.p99_us / 1000.0, point.p999_us / 1000.0, point.failures_per_second,
      static_cast<unsigned long long>(point.in_flight), note.c_str());
}

// Once a second until every worker finished; Ctrl-C ends the run early.
void FollowProgress(std::vector<std::unique_ptr<Worker>>& workers, ProgressBoard* board, const RunSpec& spec,
                    TimePoint start, RunResult* result) {
  TimePoint last = start;
  int tick = 1;
  bool ended_early = false;
  while (true) {
    bool all_finished = true;
    for (auto& worker : workers) all_finished = all_finished && worker->finished.load();
    if (InterruptRequested() && !ended_early) {
      ended_early = true;
      result->interrupted = true;
      for (auto& worker : workers) {
        Worker* w = worker.get();
        w->loop.Post([w] { w->driver->EndEarly(); });
      }
    }
    const TimePoint now = BenchClock::now();
    const TimePoint tick_at = start + std::chrono::seconds(tick);
    if (all_finished || now >= tick_at + std::chrono::milliseconds(100)) {
      const IntervalStats interval = board->Take();
      const double span = std::max(1e-3, SecondsBetween(last, now));
      const SeriesPoint point = ToSeriesPoint(interval, SecondsBetween(start, now), span);
      // A last sliver of an interval would extrapolate to a silly rate; its
      // operations are in the totals anyway.
      const bool sliver = all_finished && span < 0.25;
      if (!sliver && (interval.operations_ok + interval.operations_failed > 0 || !all_finished)) {
        result->series.push_back(point);
        PrintProgress(spec, point, interval);
      }
      last = now;
      ++tick;
    }
    if (all_finished) return;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
}

}  // namespace

double RunResult::AchievedRate() const {
  if (measured_seconds <= 0) return 0;
  return static_cast<double>(stats.Get(Metric::kOperation).ok) / measured_seconds;
}

double RunResult::FailureRatio() const {
  const MetricStats& operations = stats.Get(Metric::kOperation);
  return operations.Total() == 0 ? 0 : static_cast<double>(operations.Failed()) / operations.Total();
}

void InstallInterruptHandler() { std::signal(SIGINT, OnInterrupt); }

bool InterruptRequested() { return g_interrupted.load(); }

RunResult ExecuteRun(const RunSpec& spec_in, const WorkloadFactory& factory) {
  RunSpec spec = spec_in;
  spec.threads = std::max(1, spec.threads);
  RunResult result;
  result.label = spec.label;
  result.offered_rate = spec.rate;
  result.in_flight = spec.rate > 0 ? 0 : spec.in_flight;
  ProgressBoard board;
  std::vector<std::unique_ptr<Worker>> workers;
  for (int i = 0; i < spec.threads; ++i) {
    auto worker = std::make_unique<Worker>();
    worker->workload = factory(i, &worker->loop, &worker->recorder);
    worker->driver =
        std::make_unique<LoadDriver>(&worker->loop, worker->workload.get(), &worker->recorder.run(),
                                     WorkerShape(spec, i), spec.seed + 7919 * static_cast<uint64_t>(i));
    workers.push_back(std::move(worker));
  }
  const TimePoint prepare_start = BenchClock::now();
  for (auto& worker : workers) {
    Worker* w = worker.get();
    w->loop.Post([w] { w->workload->Prepare([w] { w->prepared.store(true); }); });
    w->thread = std::thread([w] { w->loop.Run(); });
  }
  result.completed = WaitUntilPrepared(workers, spec, &result.failure);
  result.prepare_seconds = SecondsBetween(prepare_start, BenchClock::now());
  const TimePoint start = BenchClock::now() + std::chrono::milliseconds(50);
  if (result.completed) {
    const TimePoint end = AfterSeconds(start, spec.duration_seconds);
    const TimePoint drain_until = AfterSeconds(end, spec.drain_seconds);
    for (size_t i = 0; i < workers.size(); ++i) {
      Worker* w = workers[i].get();
      // Constant-rate workers are staggered so that they interleave.
      const TimePoint worker_start =
          spec.rate > 0 ? AfterSeconds(start, static_cast<double>(i) / spec.rate) : start;
      w->loop.Post([w, &board, worker_start, end, drain_until] {
        BeginMeasuring(w, &board, worker_start, end, drain_until);
      });
    }
    FollowProgress(workers, &board, spec, start, &result);
  } else {
    for (auto& worker : workers) {
      Worker* w = worker.get();
      w->loop.Post([w] { w->workload->Stop(); });
      w->loop.RequestExit(BenchClock::now() + std::chrono::seconds(2));
    }
  }
  TimePoint last_finish = start;
  uint64_t scheduled = 0;
  for (auto& worker : workers) {
    worker->thread.join();
    scheduled += worker->driver->scheduled();
    last_finish = std::max(last_finish, worker->finished_at);
    result.stats.Merge(worker->recorder.run());
    result.prepare_stats.Merge(worker->recorder.prepare());
  }
  result.measured_seconds = result.completed ? SecondsBetween(start, last_finish) : 0;
  // A run bounded by time only offered load over all of it, even if its last
  // answer came a little before the end.
  if (result.completed && spec.max_units == 0 && !result.interrupted) {
    result.measured_seconds = std::max(result.measured_seconds, spec.duration_seconds);
  }
  // A shaped rate (golive) offers what its schedule held, not its mean.
  if (spec.rate_shape && result.completed) result.offered_rate = scheduled / spec.duration_seconds;
  return result;
}

}  // namespace qms::bench
