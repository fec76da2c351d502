#include "bench/mode_session.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "bench/basic_workloads.h"
#include "bench/report.h"

namespace qms::bench {

bool OpenSession(const CommonOptions& common, CentresNeeded needed, BenchSession* session) {
  grpc::Status status = Connections::Open(common.connection, &session->connections);
  if (!status.ok()) {
    std::fprintf(stderr, "qms-bench: %s\n", status.error_message().c_str());
    return false;
  }
  if (needed == CentresNeeded::kNone) return true;
  status = LoadCentres(*session->connections, common.centres, needed == CentresNeeded::kFieldsAndCounters,
                       &session->centres);
  if (!status.ok()) {
    std::fprintf(stderr, "qms-bench: reading centres from DirectoryService failed: %s\n",
                 status.error_message().c_str());
    return false;
  }
  for (const CentreLayout& centre : session->centres) session->counter_count += centre.counters.size();
  if (!common.quiet) {
    std::fprintf(stderr, "qms-bench: %zu centres", session->centres.size());
    if (needed == CentresNeeded::kFieldsAndCounters)
      std::fprintf(stderr, ", %zu counters", session->counter_count);
    std::fprintf(stderr, " at %s\n", common.connection.target.c_str());
  }
  return true;
}

RunSpec SpecFrom(const CommonOptions& common, const std::string& label) {
  RunSpec spec;
  spec.label = label;
  spec.threads = std::max(1, common.threads);
  spec.rate = std::max(0.0, common.rate);
  ParseArrivalProcess(common.arrival, &spec.process);
  spec.in_flight = std::max(1, common.in_flight);
  spec.max_units = common.max_units;
  spec.duration_seconds = common.duration_seconds;
  spec.drain_seconds = common.drain_seconds;
  spec.prepare_timeout_seconds = common.prepare_timeout_seconds;
  spec.show_progress = !common.quiet;
  spec.seed = common.seed;
  return spec;
}

nlohmann::json ParametersOf(const CommonOptions& common) {
  return {{"target", common.connection.target},
          {"channels", common.connection.channels},
          {"threads", common.threads},
          {"duration_seconds", common.duration_seconds},
          {"rate", common.rate},
          {"arrival", common.arrival},
          {"in_flight", common.in_flight},
          {"max_units", common.max_units},
          {"rpc_timeout_ms", common.connection.call.timeout_ms},
          {"transport", proto::Describe(common.connection.tls)},
          {"centres_limit", common.centres},
          {"seed", common.seed}};
}

WorkloadFactory EchoFactory(const BenchSession& session, size_t payload_bytes) {
  const Connections* connections = session.connections.get();
  return [connections, payload_bytes](int worker, WorkerLoop* loop, WorkerRecorder* recorder) {
    return std::make_unique<EchoWorkload>(loop, connections->ForWorker(worker), connections->call_settings(),
                                          recorder, payload_bytes);
  };
}

WorkloadFactory IssueFactory(const BenchSession& session, int threads) {
  const Connections* connections = session.connections.get();
  auto targets = std::make_shared<const std::vector<IssueTarget>>(IssueTargetsOf(session.centres));
  const std::string prefix = FreshRequestIdPrefix("i");
  return [connections, targets, prefix, threads](int worker, WorkerLoop* loop, WorkerRecorder* recorder) {
    auto client = std::make_unique<QueueClient>(loop, connections->ForWorker(worker),
                                                connections->call_settings(), recorder);
    const size_t first =
        targets->size() * static_cast<size_t>(worker) / static_cast<size_t>(std::max(1, threads));
    return std::make_unique<IssueWorkload>(std::move(client), targets, first,
                                           prefix + "w" + std::to_string(worker) + "-");
  };
}

CallWorkloadFactory CallFactory(const BenchSession& session, int threads, const CallModeOptions& call,
                                double planned_cycles, std::shared_ptr<CallTally> tally) {
  const Connections* connections = session.connections.get();
  const std::vector<CentreLayout>* centres = &session.centres;
  CallCycleOptions options;
  options.finish = call.finish == "no-show"    ? FinishStyle::kNoShow
                   : call.finish == "complete" ? FinishStyle::kComplete
                                               : FinishStyle::kServe;
  options.preparation.tickets_per_counter = call.tickets_per_counter;
  if (options.preparation.tickets_per_counter <= 0) {
    // A quarter more than the plan, so queues do not run dry near the end.
    const double per_counter =
        1.25 * planned_cycles / static_cast<double>(std::max<size_t>(1, session.counter_count));
    options.preparation.tickets_per_counter =
        static_cast<int>(std::clamp(std::ceil(per_counter) + 1, 2.0, 5000.0));
  }
  const std::string prefix = FreshRequestIdPrefix("c");
  return [connections, centres, threads, options, prefix, tally](int worker, WorkerLoop* loop,
                                                                 WorkerRecorder* recorder) {
    auto client = std::make_unique<QueueClient>(loop, connections->ForWorker(worker),
                                                connections->call_settings(), recorder);
    CallCycleOptions mine = options;
    mine.preparation.request_id_prefix = prefix + "w" + std::to_string(worker) + "-";
    return std::make_unique<CallCycleWorkload>(std::move(client), CentresForWorker(*centres, worker, threads),
                                               mine, tally);
  };
}

nlohmann::json CallTallyJson(const CallTally& tally) {
  return {{"cycles_ok", tally.cycles.load()},
          {"calls_without_ticket", tally.empty_calls.load()},
          {"counters_recovered", tally.recoveries.load()}};
}

void PrintRuns(const std::vector<RunResult>& runs) {
  for (const RunResult& run : runs) PrintRunSummary(run, stdout);
  std::fflush(stdout);
}

int WriteOutputs(const CommonOptions& common, const std::string& mode, const nlohmann::json& parameters,
                 const nlohmann::json& outcome, const std::vector<RunResult>& runs, bool sweep_plot) {
  int exit_code = 0;
  for (const RunResult& run : runs) exit_code = run.completed ? exit_code : 1;
  std::string error;
  if (!common.json_path.empty()) {
    nlohmann::json document = {{"mode", mode}, {"parameters", parameters}, {"outcome", outcome}};
    document["runs"] = nlohmann::json::array();
    for (const RunResult& run : runs) document["runs"].push_back(RunToJson(run));
    if (!WriteJsonFile(common.json_path, document, &error)) {
      std::fprintf(stderr, "qms-bench: %s\n", error.c_str());
      exit_code = 1;
    }
  }
  const std::string prefix = PlotPrefixFor(common.plot_prefix, common.json_path);
  if (prefix.empty() || runs.empty()) return exit_code;
  const PlotFiles files =
      sweep_plot ? WriteSweepPlot(prefix, runs, &error) : WriteSeriesPlot(prefix, runs.back(), &error);
  if (!error.empty()) {
    std::fprintf(stderr, "qms-bench: %s\n", error.c_str());
    return 1;
  }
  if (files.image_path.empty()) {
    std::printf("plot: %s and %s written; gnuplot is not on PATH (or failed), so run it there later\n",
                files.data_path.c_str(), files.script_path.c_str());
  } else {
    std::printf("plot: %s (from %s, %s)\n", files.image_path.c_str(), files.data_path.c_str(),
                files.script_path.c_str());
  }
  return exit_code;
}

}  // namespace qms::bench
