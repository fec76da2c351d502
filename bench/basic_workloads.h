#ifndef QMS_BENCH_BASIC_WORKLOADS_H_
#define QMS_BENCH_BASIC_WORKLOADS_H_

#include <memory>
#include <string>
#include <vector>

#include "bench/centre_directory.h"
#include "bench/load_driver.h"
#include "bench/queue_client.h"
#include "qms/v1/echo.grpc.pb.h"

namespace qms::bench {

// echo: one EchoService.Echo per unit, the ceiling of the machine.
class EchoWorkload final : public Workload {
 public:
  EchoWorkload(WorkerLoop* loop, const std::shared_ptr<grpc::Channel>& channel, CallSettings settings,
               WorkerRecorder* recorder, size_t payload_bytes);
  void Start(TimePoint scheduled, Done done) override;

 private:
  WorkerLoop* loop_;
  CallSettings settings_;
  WorkerRecorder* recorder_;
  std::unique_ptr<v1::EchoService::Stub> stub_;
  v1::EchoRequest request_;
};

struct IssueTarget {
  std::string centre_id;
  std::string field_id;
};

// Every (centre, field) pair, interleaved so that consecutive tickets go to
// different centres.
std::vector<IssueTarget> IssueTargetsOf(const std::vector<CentreLayout>& centres);

// A request id no earlier run can have used: "<tag><random hex>-" (at most
// 20 bytes, leaving room for a worker and sequence suffix within 64).
std::string FreshRequestIdPrefix(const std::string& tag);

// issue and prefill: one IssueTicket per unit, channel KIOSK, NORMAL class,
// unique request ids, cycling through `targets` from `first_target`.
class IssueWorkload final : public Workload {
 public:
  IssueWorkload(std::unique_ptr<QueueClient> client, std::shared_ptr<const std::vector<IssueTarget>> targets,
                size_t first_target, std::string request_id_prefix);
  void Start(TimePoint scheduled, Done done) override;

 private:
  std::unique_ptr<QueueClient> client_;
  std::shared_ptr<const std::vector<IssueTarget>> targets_;
  size_t next_target_;
  std::string request_id_prefix_;
  uint64_t sequence_ = 0;
};

}  // namespace qms::bench

#endif  // QMS_BENCH_BASIC_WORKLOADS_H_
