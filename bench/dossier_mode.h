#ifndef QMS_BENCH_DOSSIER_MODE_H_
#define QMS_BENCH_DOSSIER_MODE_H_

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "bench/bench_options.h"
#include "bench/load_driver.h"
#include "bench/unary_call.h"
#include "qms/v1/deadline.grpc.pb.h"

namespace qms::bench {

// The dossier mode (DeadlineService):
//  1. --prefill N: receive N dossiers as fast as the server takes them
//     (closed loop), to fill the store (10 million for the design's target);
//  2. the measured run: ReceiveDossier at --rate (open loop) or with
//     --in-flight outstanding (closed loop), durable replies, every centre
//     the server hosts in turn, the catalogue's procedures in turn;
//  3. the first page of ListDossiers(overdue_only) timed --overdue-queries
//     times over the centres (one call at a time, the cold first call
//     reported apart).
// A dossier is overdue only once its due moment has passed on the server's
// clock: see docs/deadline.md for running the server with --clock-start so
// that a prefilled store is full of overdue dossiers.
struct DossierModeOptions {
  uint64_t prefill = 0;
  std::string procedure;  // empty: every procedure of ListProcedures in turn
  int overdue_queries = 200;
  uint32_t page_size = 50;
};

// One ReceiveDossier per unit, unique request ids, cycling through the
// centres (fastest) and the procedures.
class ReceiveDossierWorkload final : public Workload {
 public:
  ReceiveDossierWorkload(WorkerLoop* loop, const std::shared_ptr<grpc::Channel>& channel,
                         CallSettings settings, std::shared_ptr<const std::vector<std::string>> centres,
                         std::shared_ptr<const std::vector<std::string>> procedures, size_t first,
                         std::string request_id_prefix);
  void Start(TimePoint scheduled, Done done) override;

 private:
  WorkerLoop* loop_;
  CallSettings settings_;
  std::unique_ptr<v1::DeadlineService::Stub> stub_;
  std::shared_ptr<const std::vector<std::string>> centres_;
  std::shared_ptr<const std::vector<std::string>> procedures_;
  size_t next_;
  std::string request_id_prefix_;
  uint64_t sequence_ = 0;
};

int RunDossierMode(const CommonOptions& common, const DossierModeOptions& dossier);

}  // namespace qms::bench

#endif  // QMS_BENCH_DOSSIER_MODE_H_
