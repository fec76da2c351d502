// The dossier mode: ReceiveDossier rate and latency, with an optional
// prefill, then the time of the first page of overdue dossiers.
#include "bench/dossier_mode.h"

#include <algorithm>
#include <cstdio>

#include "bench/basic_workloads.h"
#include "bench/histogram.h"
#include "bench/mode_session.h"
#include "bench/runner.h"

namespace qms::bench {

namespace {

// The prefill runs until its count is reached, bounded by this many seconds
// (10 million at 10,000/s is about 1,000 s); --duration is the measured run's.
constexpr double kPrefillSeconds = 4 * 3600;

std::unique_ptr<Workload> MakeWorkload(WorkerLoop* loop, const Connections& connections, int worker,
                                       int threads,
                                       const std::shared_ptr<const std::vector<std::string>>& centres,
                                       const std::shared_ptr<const std::vector<std::string>>& procedures,
                                       const std::string& prefix) {
  const size_t first =
      centres->size() * static_cast<size_t>(worker) / static_cast<size_t>(std::max(1, threads));
  return std::make_unique<ReceiveDossierWorkload>(loop, connections.ForWorker(worker),
                                                  connections.call_settings(), centres, procedures, first,
                                                  prefix + "w" + std::to_string(worker) + "-");
}

WorkloadFactory ReceiveFactory(const BenchSession& session, int threads,
                               std::shared_ptr<const std::vector<std::string>> centres,
                               std::shared_ptr<const std::vector<std::string>> procedures,
                               const std::string& tag) {
  const Connections* connections = session.connections.get();
  const std::string prefix = FreshRequestIdPrefix(tag);
  return [=](int worker, WorkerLoop* loop, WorkerRecorder*) {
    return MakeWorkload(loop, *connections, worker, threads, centres, procedures, prefix);
  };
}

// The procedure codes to receive: the one asked for, or the catalogue.
bool LoadProcedures(const Connections& connections, const DossierModeOptions& dossier,
                    std::vector<std::string>* codes) {
  if (!dossier.procedure.empty()) {
    codes->push_back(dossier.procedure);
    return true;
  }
  auto stub = v1::DeadlineService::NewStub(connections.ForWorker(0));
  grpc::ClientContext context;
  connections.call_settings().Apply(&context);
  v1::ListProceduresResponse response;
  const grpc::Status status = stub->ListProcedures(&context, v1::ListProceduresRequest(), &response);
  if (!status.ok() || response.procedures_size() == 0) {
    std::fprintf(stderr, "qms-bench: ListProcedures failed (is the deadline service on?): %s\n",
                 status.error_message().c_str());
    return false;
  }
  for (const auto& p : response.procedures()) codes->push_back(p.code());
  return true;
}

// Times the first page of overdue dossiers, one call at a time, centre after
// centre. The first call (cold caches) is reported apart.
nlohmann::json TimeOverduePages(const Connections& connections, const std::vector<std::string>& centres,
                                const DossierModeOptions& dossier) {
  auto stub = v1::DeadlineService::NewStub(connections.ForWorker(0));
  LatencyHistogram latency;
  uint64_t failed = 0, dossiers = 0, cold_us = 0;
  for (int i = 0; i < dossier.overdue_queries; ++i) {
    v1::ListDossiersRequest request;
    request.set_centre_id(centres[static_cast<size_t>(i) % centres.size()]);
    request.set_overdue_only(true);
    request.set_page_size(dossier.page_size);
    grpc::ClientContext context;
    connections.call_settings().Apply(&context);
    v1::ListDossiersResponse response;
    const TimePoint started = BenchClock::now();
    const grpc::Status status = stub->ListDossiers(&context, request, &response);
    const uint64_t micros = MicrosBetween(started, BenchClock::now());
    if (!status.ok()) {
      ++failed;
      continue;
    }
    if (latency.Count() == 0) cold_us = micros;
    latency.Record(micros);
    dossiers += static_cast<uint64_t>(response.dossiers_size());
  }
  const uint64_t ok = latency.Count();
  return {{"calls", dossier.overdue_queries},
          {"failed", failed},
          {"page_size", dossier.page_size},
          {"mean_dossiers_per_page", ok == 0 ? 0.0 : static_cast<double>(dossiers) / static_cast<double>(ok)},
          {"cold_us", cold_us},
          {"p50_us", latency.Percentile(50)},
          {"p99_us", latency.Percentile(99)},
          {"max_us", latency.Max()},
          {"mean_us", latency.Mean()}};
}

void PrintOverdue(const nlohmann::json& o) {
  std::printf(
      "overdue first page: %d calls (%d failed), %.1f dossiers/page, cold %.2f ms, p50 %.2f ms, p99 %.2f ms, "
      "max %.2f ms\n",
      o["calls"].get<int>(), o["failed"].get<int>(), o["mean_dossiers_per_page"].get<double>(),
      o["cold_us"].get<double>() / 1000, o["p50_us"].get<double>() / 1000, o["p99_us"].get<double>() / 1000,
      o["max_us"].get<double>() / 1000);
}

}  // namespace

ReceiveDossierWorkload::ReceiveDossierWorkload(WorkerLoop* loop,
                                               const std::shared_ptr<grpc::Channel>& channel,
                                               CallSettings settings,
                                               std::shared_ptr<const std::vector<std::string>> centres,
                                               std::shared_ptr<const std::vector<std::string>> procedures,
                                               size_t first, std::string request_id_prefix)
    : loop_(loop),
      settings_(std::move(settings)),
      stub_(v1::DeadlineService::NewStub(channel)),
      centres_(std::move(centres)),
      procedures_(std::move(procedures)),
      next_(first),
      request_id_prefix_(std::move(request_id_prefix)) {}

void ReceiveDossierWorkload::Start(TimePoint /*scheduled*/, Done done) {
  const size_t n = next_++;
  v1::ReceiveDossierRequest request;
  request.set_centre_id((*centres_)[n % centres_->size()]);
  request.set_procedure_code((*procedures_)[(n / centres_->size()) % procedures_->size()]);
  request.set_request_id(request_id_prefix_ + std::to_string(sequence_++));
  request.set_applicant_name("Nguyễn Văn Bench");
  request.set_clerk_id("bench");
  auto* stub = stub_.get();
  UnaryCall<v1::ReceiveDossierResponse>::Start(
      loop_, settings_,
      [stub](grpc::ClientContext* context, const v1::ReceiveDossierRequest& r, grpc::CompletionQueue* queue) {
        return stub->PrepareAsyncReceiveDossier(context, r, queue);
      },
      request,
      [done = std::move(done)](const grpc::Status& status, const v1::ReceiveDossierResponse&, uint64_t) {
        done(status.error_code());
      });
}

int RunDossierMode(const CommonOptions& common, const DossierModeOptions& dossier) {
  BenchSession session;
  if (!OpenSession(common, CentresNeeded::kFields, &session)) return 1;
  auto centres = std::make_shared<std::vector<std::string>>();
  for (const auto& c : session.centres) centres->push_back(c.centre_id);
  auto procedures = std::make_shared<std::vector<std::string>>();
  if (!LoadProcedures(*session.connections, dossier, procedures.get())) return 1;

  std::vector<RunResult> runs;
  nlohmann::json extra = {{"centres", centres->size()}, {"procedures", procedures->size()}};
  if (dossier.prefill > 0) {
    RunSpec spec = SpecFrom(common, "dossier-prefill");
    spec.rate = 0;
    spec.max_units = dossier.prefill;
    spec.duration_seconds = kPrefillSeconds;
    runs.push_back(ExecuteRun(spec, ReceiveFactory(session, common.threads, centres, procedures, "dp")));
    extra["prefill_requested"] = dossier.prefill;
    extra["prefill_received"] = runs.back().stats.Get(Metric::kOperation).ok;
  }
  runs.push_back(ExecuteRun(SpecFrom(common, "dossier"),
                            ReceiveFactory(session, common.threads, centres, procedures, "dr")));
  extra["overdue_first_page"] = TimeOverduePages(*session.connections, *centres, dossier);
  PrintRuns(runs);
  PrintOverdue(extra["overdue_first_page"]);
  nlohmann::json parameters = ParametersOf(common);
  parameters["prefill"] = dossier.prefill;
  parameters["procedure"] = dossier.procedure;
  parameters["overdue_queries"] = dossier.overdue_queries;
  parameters["page_size"] = dossier.page_size;
  return WriteOutputs(common, "dossier", parameters, extra, runs, false);
}

}  // namespace qms::bench
