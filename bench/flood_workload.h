#ifndef QMS_BENCH_FLOOD_WORKLOAD_H_
#define QMS_BENCH_FLOOD_WORKLOAD_H_

#include <memory>
#include <string>
#include <vector>

#include "bench/basic_workloads.h"

namespace qms::bench {

// issue --flood-share F: fairness between centres under overload. A share F
// of the offered IssueTickets goes to one centre (the flooding centre, over
// its own connections, as a misbehaving site would open them); the rest is
// spread over every other centre, each at a normal rate. Each ticket is
// recorded under IssueTicket as usual and also under its group's metric
// (IssueTicket_flood or IssueTicket_others, latency from the RPC's start),
// so that the report gives goodput, p99 of the served calls and the codes
// (RESOURCE_EXHAUSTED: shed) per group.
// Thread safety: loop thread only.
class FloodIssueWorkload final : public Workload {
 public:
  // `flood_client` talks over the flooding centre's connections;
  // `flood_targets` are its fields, `other_targets` every other centre's.
  FloodIssueWorkload(std::unique_ptr<QueueClient> flood_client, std::unique_ptr<QueueClient> other_client,
                     std::shared_ptr<const std::vector<IssueTarget>> flood_targets,
                     std::shared_ptr<const std::vector<IssueTarget>> other_targets, size_t first_other,
                     double flood_share, std::string request_id_prefix, WorkerRecorder* recorder);
  void Start(TimePoint scheduled, Done done) override;

 private:
  std::unique_ptr<QueueClient> flood_client_;
  std::unique_ptr<QueueClient> other_client_;
  std::shared_ptr<const std::vector<IssueTarget>> flood_targets_;
  std::shared_ptr<const std::vector<IssueTarget>> other_targets_;
  size_t next_flood_ = 0;
  size_t next_other_;
  const double flood_share_;
  double flood_credit_ = 0;  // a unit goes to the flooding centre whenever this reaches 1
  std::string request_id_prefix_;
  WorkerRecorder* recorder_;
  uint64_t sequence_ = 0;
};

}  // namespace qms::bench

#endif  // QMS_BENCH_FLOOD_WORKLOAD_H_
