#ifndef QMS_BENCH_MODE_SESSION_H_
#define QMS_BENCH_MODE_SESSION_H_

#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "bench/bench_options.h"
#include "bench/call_workload.h"
#include "bench/centre_directory.h"
#include "bench/connections.h"
#include "bench/runner.h"

namespace qms::bench {

// What the modes share: the connections and, for the queue modes, the
// centres the server hosts.
struct BenchSession {
  std::unique_ptr<Connections> connections;
  std::vector<CentreLayout> centres;
  size_t counter_count = 0;
};

enum class CentresNeeded { kNone, kFields, kFieldsAndCounters };

// Connects and loads centres; prints the reason and returns false on failure.
bool OpenSession(const CommonOptions& common, CentresNeeded needed, BenchSession* session);

// The RunSpec for the common flags.
RunSpec SpecFrom(const CommonOptions& common, const std::string& label);

// The common flags as JSON, for the result file.
nlohmann::json ParametersOf(const CommonOptions& common);

WorkloadFactory EchoFactory(const BenchSession& session, size_t payload_bytes);
WorkloadFactory IssueFactory(const BenchSession& session, int threads);
using CallWorkloadFactory = std::function<std::unique_ptr<CallCycleWorkload>(
    int worker_index, WorkerLoop* loop, WorkerRecorder* recorder)>;
// `planned_cycles` sizes the queue fill when tickets_per_counter is 0.
CallWorkloadFactory CallFactory(const BenchSession& session, int threads, const CallModeOptions& call,
                                double planned_cycles, std::shared_ptr<CallTally> tally);
nlohmann::json CallTallyJson(const CallTally& tally);

// Prints each run's summary to stdout.
void PrintRuns(const std::vector<RunResult>& runs);

// Writes the JSON document {"mode", "parameters", "outcome", "runs"} to
// --json and the plot (per-second series of the last run, or the sweep).
// Returns 0 when every run completed and every file was written.
int WriteOutputs(const CommonOptions& common, const std::string& mode, const nlohmann::json& parameters,
                 const nlohmann::json& outcome, const std::vector<RunResult>& runs, bool sweep_plot);

}  // namespace qms::bench

#endif  // QMS_BENCH_MODE_SESSION_H_
