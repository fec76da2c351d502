#ifndef QMS_BENCH_MIXED_WORKLOAD_H_
#define QMS_BENCH_MIXED_WORKLOAD_H_

#include <deque>
#include <memory>
#include <random>
#include <vector>

#include "bench/basic_workloads.h"
#include "bench/counter_fleet.h"
#include "bench/load_driver.h"

namespace qms::bench {

struct MixedOptions {
  // Share of units that issue a ticket; the rest advance a counter one step.
  // About 0.27 keeps issuing slightly ahead of calling (one ticket takes
  // issue + call + start + complete), so queues never run dry.
  double issue_share = 0.27;
  double no_show_share = 0.08;  // of called tickets
  FleetPreparation preparation;
  std::string request_id_prefix;
  uint64_t seed = 1;
};

// mixed: each unit is one RPC, chosen so the proportions of a working day
// hold: IssueTicket, or the next step of an idle counter: CallNext when it is
// free, StartServing (or MarkNoShow) when it holds a CALLED ticket, Complete
// when it is SERVING. With no idle counter the unit issues a ticket instead.
// Thread safety: loop thread only.
class MixedWorkload final : public Workload {
 public:
  MixedWorkload(std::unique_ptr<QueueClient> client, const std::vector<const CentreLayout*>& centres,
                std::shared_ptr<const std::vector<IssueTarget>> targets, size_t first_target,
                MixedOptions options);

  void Prepare(std::function<void()> ready) override;
  void Start(TimePoint scheduled, Done done) override;
  void Stop() override;

 private:
  enum class Step { kCall, kStartOrNoShow, kComplete };
  struct CounterProgress {
    Step next = Step::kCall;
    std::string number;
  };

  void Issue(Done done);
  void Advance(size_t counter, Done done);
  void AfterStep(size_t counter, Step next, const std::string& number, Done done, grpc::StatusCode code);

  std::unique_ptr<QueueClient> client_;
  CounterFleet fleet_;
  std::shared_ptr<const std::vector<IssueTarget>> targets_;
  size_t next_target_;
  MixedOptions options_;
  std::vector<CounterProgress> progress_;
  std::deque<size_t> idle_counters_;
  std::mt19937_64 random_;
  uint64_t sequence_ = 0;
};

}  // namespace qms::bench

#endif  // QMS_BENCH_MIXED_WORKLOAD_H_
