// sweep: steps the offered rate up, one open-loop run per step, until p99,
// the error ratio or the achieved rate breaks its bound; the knee is the
// highest offered rate that kept within all three.
#include <cstdio>

#include "bench/mode_session.h"
#include "bench/modes.h"

namespace qms::bench {
namespace {

struct StepVerdict {
  bool within_bounds = false;
  std::string broken;  // which bound broke, for the report
};

std::string Fixed(double value, int decimals) {
  char text[32];
  std::snprintf(text, sizeof(text), "%.*f", decimals, value);
  return text;
}

StepVerdict Judge(const RunResult& step, const SweepOptions& sweep) {
  const double p99_ms = step.stats.Get(Metric::kOperation).latency.Percentile(99) / 1000.0;
  const double achieved_ratio = step.offered_rate > 0 ? step.AchievedRate() / step.offered_rate : 0;
  if (!step.completed) return {false, "run did not complete: " + step.failure};
  if (step.interrupted) return {false, "interrupted"};
  if (p99_ms > sweep.p99_bound_ms) return {false, "p99 " + Fixed(p99_ms, 2) + " ms above bound"};
  if (step.FailureRatio() > sweep.error_bound) {
    return {false, "errors " + Fixed(100 * step.FailureRatio(), 3) + "% above bound"};
  }
  if (achieved_ratio < sweep.min_achieved_ratio) {
    return {false, "achieved only " + Fixed(100 * achieved_ratio, 1) + "% of offered"};
  }
  return {true, ""};
}

WorkloadFactory StepFactory(const BenchSession& session, const CommonOptions& common,
                            const SweepOptions& sweep, double rate, std::shared_ptr<CallTally> tally) {
  if (sweep.workload == "issue") return IssueFactory(session, common.threads);
  if (sweep.workload == "call") {
    return CallFactory(session, common.threads, sweep.call, rate * sweep.step_seconds, std::move(tally));
  }
  return EchoFactory(session, 16);
}

void PrintStepTable(const std::vector<RunResult>& steps, const std::vector<StepVerdict>& verdicts) {
  std::printf("\n== sweep ==\n%-6s %12s %12s %9s %9s %9s %9s  %s\n", "step", "offered/s", "achieved/s",
              "p50 ms", "p99 ms", "p99.9 ms", "errors %", "verdict");
  for (size_t i = 0; i < steps.size(); ++i) {
    const LatencyHistogram& h = steps[i].stats.Get(Metric::kOperation).latency;
    std::printf("%-6zu %12.0f %12.0f %9.2f %9.2f %9.2f %9.3f  %s\n", i + 1, steps[i].offered_rate,
                steps[i].AchievedRate(), h.Percentile(50) / 1000.0, h.Percentile(99) / 1000.0,
                h.Percentile(99.9) / 1000.0, 100.0 * steps[i].FailureRatio(),
                verdicts[i].within_bounds ? "within bounds" : verdicts[i].broken.c_str());
  }
}

}  // namespace

int RunSweepMode(const CommonOptions& common, const SweepOptions& sweep) {
  if (sweep.workload != "echo" && sweep.workload != "issue" && sweep.workload != "call") {
    std::fprintf(stderr, "qms-bench: sweep --workload must be echo, issue or call\n");
    return 1;
  }
  BenchSession session;
  const CentresNeeded needed = sweep.workload == "echo"    ? CentresNeeded::kNone
                               : sweep.workload == "issue" ? CentresNeeded::kFields
                                                           : CentresNeeded::kFieldsAndCounters;
  if (!OpenSession(common, needed, &session)) return 1;
  std::vector<RunResult> steps;
  std::vector<StepVerdict> verdicts;
  double rate = sweep.start_rate;
  double knee = 0;
  for (int i = 0; i < std::max(1, sweep.max_steps) && !InterruptRequested(); ++i) {
    CommonOptions step_options = common;
    step_options.rate = rate;
    step_options.duration_seconds = sweep.step_seconds;
    auto tally = std::make_shared<CallTally>();
    RunSpec spec =
        SpecFrom(step_options, "sweep " + sweep.workload + " at " + std::to_string(int64_t(rate)) + "/s");
    RunResult step = ExecuteRun(spec, StepFactory(session, step_options, sweep, rate, tally));
    if (sweep.workload == "call") step.extra = CallTallyJson(*tally);
    verdicts.push_back(Judge(step, sweep));
    step.extra["within_bounds"] = verdicts.back().within_bounds;
    step.extra["broken_bound"] = verdicts.back().broken;
    steps.push_back(std::move(step));
    if (!verdicts.back().within_bounds) break;
    knee = rate;
    rate = rate * sweep.step_factor + sweep.step_rate;
  }
  PrintStepTable(steps, verdicts);
  if (knee > 0) {
    std::printf(
        "knee: %.0f op/s offered (highest step with p99 <= %.2f ms, errors <= %.2f%%, achieved >= %.0f%%)\n",
        knee, sweep.p99_bound_ms, 100 * sweep.error_bound, 100 * sweep.min_achieved_ratio);
  } else {
    std::printf("knee: none; the first step already broke a bound\n");
  }
  if (!verdicts.empty() && verdicts.back().within_bounds) {
    std::printf("note: every step kept within bounds; raise --max-steps or --start-rate to find the knee\n");
  }
  nlohmann::json parameters = ParametersOf(common);
  parameters["sweep"] = {{"workload", sweep.workload},
                         {"start_rate", sweep.start_rate},
                         {"step_factor", sweep.step_factor},
                         {"step_rate", sweep.step_rate},
                         {"max_steps", sweep.max_steps},
                         {"step_seconds", sweep.step_seconds},
                         {"p99_bound_ms", sweep.p99_bound_ms},
                         {"error_bound", sweep.error_bound},
                         {"min_achieved_ratio", sweep.min_achieved_ratio}};
  const nlohmann::json outcome = {{"knee_rate", knee},
                                  {"steps", steps.size()},
                                  {"stopped_because", verdicts.empty() ? "" : verdicts.back().broken}};
  return WriteOutputs(common, "sweep", parameters, outcome, steps, true);
}

}  // namespace qms::bench
