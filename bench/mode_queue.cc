// The modes that drive one workload for one run: echo, issue, prefill, call,
// mixed and watch.
#include <algorithm>
#include <cstdio>

#include "bench/basic_workloads.h"
#include "bench/flood_workload.h"
#include "bench/mixed_workload.h"
#include "bench/mode_session.h"
#include "bench/modes.h"
#include "bench/watch_workload.h"

namespace qms::bench {
namespace {

// Calls per second assumed when sizing the queue fill of a closed-loop run:
// the design's CallNext target.
constexpr double kClosedLoopCallRateGuess = 20000;
// Call cycles per second behind the watch streams when --rate is not given.
constexpr double kWatchDefaultCallRate = 2000;

int ReportOne(const CommonOptions& common, const std::string& mode, const nlohmann::json& parameters,
              const RunResult& result) {
  PrintRuns({result});
  return WriteOutputs(common, mode, parameters, result.extra, {result}, false);
}

double PlannedCycles(const CommonOptions& common, double rate) {
  return (rate > 0 ? rate : kClosedLoopCallRateGuess) * common.duration_seconds;
}

}  // namespace

int RunEchoMode(const CommonOptions& common, const EchoOptions& echo) {
  BenchSession session;
  if (!OpenSession(common, CentresNeeded::kNone, &session)) return 1;
  RunResult result = ExecuteRun(SpecFrom(common, "echo"), EchoFactory(session, echo.payload_bytes));
  nlohmann::json parameters = ParametersOf(common);
  parameters["payload_bytes"] = echo.payload_bytes;
  return ReportOne(common, "echo", parameters, result);
}

namespace {

// issue --flood-share: the first centre floods over its own connections;
// the others share the session's.
int RunFloodIssueMode(const CommonOptions& common, const FloodOptions& flood, BenchSession& session) {
  if (session.centres.size() < 2) {
    std::fprintf(stderr, "qms-bench: --flood-share needs at least two centres\n");
    return 1;
  }
  ConnectionOptions flood_connection = common.connection;
  flood_connection.channels = flood.channels;
  std::unique_ptr<Connections> flood_connections;
  if (grpc::Status s = Connections::Open(flood_connection, &flood_connections); !s.ok()) {
    std::fprintf(stderr, "qms-bench: the flooding centre's connections: %s\n", s.error_message().c_str());
    return 1;
  }
  const std::vector<CentreLayout> flooding(session.centres.begin(), session.centres.begin() + 1);
  const std::vector<CentreLayout> others(session.centres.begin() + 1, session.centres.end());
  auto flood_targets = std::make_shared<const std::vector<IssueTarget>>(IssueTargetsOf(flooding));
  auto other_targets = std::make_shared<const std::vector<IssueTarget>>(IssueTargetsOf(others));
  const Connections* connections = session.connections.get();
  const Connections* own = flood_connections.get();
  const std::string prefix = FreshRequestIdPrefix("f");
  const int threads = std::max(1, common.threads);
  WorkloadFactory factory = [&](int worker, WorkerLoop* loop, WorkerRecorder* recorder) {
    auto flood_client =
        std::make_unique<QueueClient>(loop, own->ForWorker(worker), own->call_settings(), recorder);
    auto other_client = std::make_unique<QueueClient>(loop, connections->ForWorker(worker),
                                                      connections->call_settings(), recorder);
    const size_t first = other_targets->size() * static_cast<size_t>(worker) / static_cast<size_t>(threads);
    return std::make_unique<FloodIssueWorkload>(std::move(flood_client), std::move(other_client),
                                                flood_targets, other_targets, first, flood.share,
                                                prefix + "w" + std::to_string(worker) + "-", recorder);
  };
  RunResult result = ExecuteRun(SpecFrom(common, "issue"), factory);
  result.extra["centres"] = session.centres.size();
  result.extra["flooding_centre"] = flooding.front().centre_id;
  if (common.rate > 0) {
    result.extra["offered_flood_per_second"] = common.rate * flood.share;
    result.extra["offered_others_per_second"] = common.rate * (1 - flood.share);
  }
  nlohmann::json parameters = ParametersOf(common);
  parameters["flood_share"] = flood.share;
  parameters["flood_channels"] = flood.channels;
  return ReportOne(common, "issue", parameters, result);
}

}  // namespace

int RunIssueMode(const CommonOptions& common, const FloodOptions& flood) {
  BenchSession session;
  if (!OpenSession(common, CentresNeeded::kFields, &session)) return 1;
  if (flood.share > 0) return RunFloodIssueMode(common, flood, session);
  RunResult result = ExecuteRun(SpecFrom(common, "issue"), IssueFactory(session, common.threads));
  result.extra["centres"] = session.centres.size();
  return ReportOne(common, "issue", ParametersOf(common), result);
}

int RunPrefillMode(const CommonOptions& common, uint64_t tickets) {
  BenchSession session;
  if (!OpenSession(common, CentresNeeded::kFields, &session)) return 1;
  RunSpec spec = SpecFrom(common, "prefill");
  spec.max_units = tickets;
  if (!common.duration_given) spec.duration_seconds = 3600;
  RunResult result = ExecuteRun(spec, IssueFactory(session, common.threads));
  const uint64_t issued = result.stats.Get(Metric::kIssueTicket).ok;
  result.extra["tickets_requested"] = tickets;
  result.extra["tickets_issued"] = issued;
  result.extra["centres"] = session.centres.size();
  if (issued < tickets) {
    std::fprintf(stderr, "qms-bench: prefill issued %llu of %llu tickets (time bound or errors)\n",
                 static_cast<unsigned long long>(issued), static_cast<unsigned long long>(tickets));
  }
  nlohmann::json parameters = ParametersOf(common);
  parameters["tickets"] = tickets;
  return ReportOne(common, "prefill", parameters, result);
}

int RunCallMode(const CommonOptions& common, const CallModeOptions& call) {
  BenchSession session;
  if (!OpenSession(common, CentresNeeded::kFieldsAndCounters, &session)) return 1;
  auto tally = std::make_shared<CallTally>();
  RunResult result =
      ExecuteRun(SpecFrom(common, "call"),
                 CallFactory(session, common.threads, call, PlannedCycles(common, common.rate), tally));
  result.extra = CallTallyJson(*tally);
  result.extra["centres"] = session.centres.size();
  result.extra["counters"] = session.counter_count;
  nlohmann::json parameters = ParametersOf(common);
  parameters["finish"] = call.finish;
  parameters["tickets_per_counter"] = call.tickets_per_counter;
  return ReportOne(common, "call", parameters, result);
}

int RunMixedMode(const CommonOptions& common, const MixedModeOptions& mixed) {
  BenchSession session;
  if (!OpenSession(common, CentresNeeded::kFieldsAndCounters, &session)) return 1;
  auto targets = std::make_shared<const std::vector<IssueTarget>>(IssueTargetsOf(session.centres));
  const std::string prefix = FreshRequestIdPrefix("m");
  const Connections* connections = session.connections.get();
  const std::vector<CentreLayout>* centres = &session.centres;
  const int threads = std::max(1, common.threads);
  WorkloadFactory factory = [&](int worker, WorkerLoop* loop, WorkerRecorder* recorder) {
    auto client = std::make_unique<QueueClient>(loop, connections->ForWorker(worker),
                                                connections->call_settings(), recorder);
    MixedOptions options;
    options.issue_share = mixed.issue_share;
    options.no_show_share = mixed.no_show_share;
    options.preparation.tickets_per_counter = mixed.tickets_per_counter;
    options.preparation.request_id_prefix = prefix + "p" + std::to_string(worker) + "-";
    options.request_id_prefix = prefix + "w" + std::to_string(worker) + "-";
    options.seed = common.seed + static_cast<uint64_t>(worker);
    const size_t first = targets->size() * static_cast<size_t>(worker) / static_cast<size_t>(threads);
    return std::make_unique<MixedWorkload>(std::move(client), CentresForWorker(*centres, worker, threads),
                                           targets, first, options);
  };
  RunResult result = ExecuteRun(SpecFrom(common, "mixed"), factory);
  result.extra["centres"] = session.centres.size();
  result.extra["counters"] = session.counter_count;
  nlohmann::json parameters = ParametersOf(common);
  parameters["issue_share"] = mixed.issue_share;
  parameters["no_show_share"] = mixed.no_show_share;
  return ReportOne(common, "mixed", parameters, result);
}

int RunWatchMode(const CommonOptions& common_in, const WatchModeOptions& watch) {
  CommonOptions common = common_in;
  if (common.rate <= 0) common.rate = kWatchDefaultCallRate;
  BenchSession session;
  if (!OpenSession(common, CentresNeeded::kFieldsAndCounters, &session)) return 1;
  const int threads = std::max(1, common.threads);
  auto call_tally = std::make_shared<CallTally>();
  auto watch_tally = std::make_shared<WatchTally>();
  CallWorkloadFactory calls =
      CallFactory(session, threads, watch.call, PlannedCycles(common, common.rate), call_tally);
  const std::vector<CentreLayout>* centres = &session.centres;
  WorkloadFactory factory = [&](int worker, WorkerLoop* loop, WorkerRecorder* recorder) {
    std::unique_ptr<CallCycleWorkload> call_workload = calls(worker, loop, recorder);
    const int streams = watch.streams / threads + (worker < watch.streams % threads ? 1 : 0);
    return std::make_unique<WatchWorkload>(std::move(call_workload),
                                           CentresForWorker(*centres, worker, threads), streams, recorder,
                                           watch_tally);
  };
  RunSpec spec = SpecFrom(common, "watch");
  spec.progress_note = [](double, const IntervalStats& interval) {
    return "events/s " + std::to_string(interval.metric_counts[static_cast<int>(Metric::kWatchEventDelay)]);
  };
  RunResult result = ExecuteRun(spec, factory);
  result.extra = CallTallyJson(*call_tally);
  result.extra["streams_requested"] = watch.streams;
  result.extra["streams_opened"] = watch_tally->streams_opened.load();
  result.extra["streams_failed"] = watch_tally->streams_failed.load();
  result.extra["events_received"] = watch_tally->events.load();
  result.extra["called_events_received"] = watch_tally->called_events.load();
  nlohmann::json parameters = ParametersOf(common);
  parameters["streams"] = watch.streams;
  return ReportOne(common, "watch", parameters, result);
}

}  // namespace qms::bench
