// golive: the go-live day over every centre the server hosts, compressed
// into --day-minutes of real time and multiplied by --scale.
#include <algorithm>
#include <cstdio>

#include "bench/basic_workloads.h"
#include "bench/golive_workload.h"
#include "bench/mode_session.h"
#include "bench/modes.h"

namespace qms::bench {
namespace {

RunSpec GoliveSpec(const CommonOptions& common, const GoliveParameters& golive, size_t centres) {
  const SimulatedDay day(golive.day_minutes);
  RunSpec spec = SpecFrom(common, "golive");
  const double tickets = golive.tickets_per_centre * golive.scale * static_cast<double>(centres);
  spec.rate = tickets / day.real_seconds();  // the mean; the shape moves it
  spec.process = ArrivalProcess::kPoisson;
  const double mean = MeanArrivalIntensity();
  spec.rate_shape =
      RateShape{[day, mean](double elapsed) { return ArrivalIntensity(day.LocalMinuteAt(elapsed)) / mean; },
                PeakArrivalIntensity() / mean};
  spec.duration_seconds =
      common.duration_given ? std::min(common.duration_seconds, day.real_seconds()) : day.real_seconds();
  spec.progress_note = [day](double elapsed, const IntervalStats& interval) {
    const auto count = [&interval](Metric metric) {
      return std::to_string(interval.metric_counts[static_cast<int>(metric)]);
    };
    return "sim " + FormatLocalTime(day.LocalMinuteAt(elapsed)) + "  calls " + count(Metric::kCallNext) +
           " completes " + count(Metric::kComplete);
  };
  return spec;
}

nlohmann::json HoursJson(const GoliveTally& tally) {
  nlohmann::json hours = nlohmann::json::array();
  for (size_t h = 0; h < tally.hours.size(); ++h) {
    const GoliveTally::Hour& hour = tally.hours[h];
    if (hour.issued + hour.called + hour.empty_calls == 0) continue;
    hours.push_back({{"hour", h},
                     {"issued", hour.issued},
                     {"called", hour.called},
                     {"completed", hour.completed},
                     {"no_shows", hour.no_shows},
                     {"transfers", hour.transfers},
                     {"calls_without_ticket", hour.empty_calls}});
  }
  return hours;
}

void PrintHours(const GoliveTally& tally) {
  std::printf("%-8s %10s %10s %10s %9s %9s %12s\n", "hour", "issued", "called", "completed", "no-shows",
              "transfers", "empty calls");
  for (size_t h = 0; h < tally.hours.size(); ++h) {
    const GoliveTally::Hour& hour = tally.hours[h];
    if (hour.issued + hour.called + hour.empty_calls == 0) continue;
    std::printf(
        "%02zu:00    %10llu %10llu %10llu %9llu %9llu %12llu\n", h,
        static_cast<unsigned long long>(hour.issued), static_cast<unsigned long long>(hour.called),
        static_cast<unsigned long long>(hour.completed), static_cast<unsigned long long>(hour.no_shows),
        static_cast<unsigned long long>(hour.transfers), static_cast<unsigned long long>(hour.empty_calls));
  }
}

nlohmann::json GoliveParametersJson(const GoliveParameters& golive) {
  return {{"day_minutes", golive.day_minutes},
          {"scale", golive.scale},
          {"tickets_per_centre", golive.tickets_per_centre},
          {"certification_share", {golive.certification_min, golive.certification_max}},
          {"priority_share", golive.priority_share},
          {"appointment_share", golive.appointment_share},
          {"no_show_share", golive.no_show_share},
          {"transfer_share", golive.transfer_share}};
}

}  // namespace

int RunGoliveMode(const CommonOptions& common, const GoliveParameters& golive) {
  BenchSession session;
  if (!OpenSession(common, CentresNeeded::kFieldsAndCounters, &session)) return 1;
  const int threads = std::max(1, common.threads);
  auto tally = std::make_shared<GoliveTally>();
  const std::string prefix = FreshRequestIdPrefix("g");
  const Connections* connections = session.connections.get();
  const std::vector<CentreLayout>* centres = &session.centres;
  WorkloadFactory factory = [&](int worker, WorkerLoop* loop, WorkerRecorder* recorder) {
    auto client = std::make_unique<QueueClient>(loop, connections->ForWorker(worker),
                                                connections->call_settings(), recorder);
    GoliveParameters mine = golive;
    mine.seed = golive.seed + static_cast<uint64_t>(worker);
    return std::make_unique<GoliveWorkload>(std::move(client), CentresForWorker(*centres, worker, threads),
                                            mine, prefix + "w" + std::to_string(worker) + "-", tally);
  };
  const RunSpec spec = GoliveSpec(common, golive, session.centres.size());
  if (!common.quiet) {
    std::fprintf(stderr, "qms-bench: go-live day in %.1f min, scale x%g: %.0f tickets planned, mean %.0f/s\n",
                 golive.day_minutes, golive.scale,
                 spec.rate * SimulatedDay(golive.day_minutes).real_seconds(), spec.rate);
  }
  RunResult result = ExecuteRun(spec, factory);
  result.extra["centres"] = session.centres.size();
  result.extra["counters"] = session.counter_count;
  result.extra["tickets_planned"] = spec.rate * SimulatedDay(golive.day_minutes).real_seconds();
  PrintRuns({result});
  PrintHours(*tally);
  nlohmann::json parameters = ParametersOf(common);
  parameters["golive"] = GoliveParametersJson(golive);
  nlohmann::json outcome = result.extra;
  outcome["by_simulated_hour"] = HoursJson(*tally);
  return WriteOutputs(common, "golive", parameters, outcome, {result}, false);
}

}  // namespace qms::bench
