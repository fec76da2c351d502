#ifndef QMS_BENCH_CALL_WORKLOAD_H_
#define QMS_BENCH_CALL_WORKLOAD_H_

#include <atomic>
#include <deque>
#include <memory>
#include <vector>

#include "bench/counter_fleet.h"
#include "bench/load_driver.h"
#include "bench/queue_client.h"

namespace qms::bench {

enum class FinishStyle {
  kServe,     // CallNext -> StartServing -> Complete
  kComplete,  // CallNext -> Complete (the server accepts a CALLED ticket)
  kNoShow,    // CallNext -> MarkNoShow
};

struct CallCycleOptions {
  FinishStyle finish = FinishStyle::kServe;
  FleetPreparation preparation;
};

// Counts shared by all workers of a run, read when it has ended.
struct CallTally {
  std::atomic<uint64_t> cycles{0};
  std::atomic<uint64_t> empty_calls{0};  // CallNext found nobody waiting (NOT_FOUND)
  std::atomic<uint64_t> recoveries{0};   // counter still held a ticket
};

// call: each unit is one cycle of a free counter, CallNext then finishing the
// ticket, so a counter never calls while it holds a CALLED ticket. Units that
// find every counter busy wait for one (latency keeps running from their
// scheduled time). A cycle whose CallNext finds no ticket ends as NOT_FOUND
// (what the server answers; an OK without a ticket is treated the same).
// Thread safety: loop thread only.
class CallCycleWorkload final : public Workload {
 public:
  CallCycleWorkload(std::unique_ptr<QueueClient> client, const std::vector<const CentreLayout*>& centres,
                    CallCycleOptions options, std::shared_ptr<CallTally> tally);

  void Prepare(std::function<void()> ready) override;
  void Start(TimePoint scheduled, Done done) override;
  void Stop() override;

  QueueClient* client() { return client_.get(); }
  size_t counter_count() const { return fleet_.size(); }

 private:
  void RunCycle(size_t counter, Done done);
  void FinishTicket(size_t counter, const std::string& number, Done done);
  void EndCycle(size_t counter, Done done, grpc::StatusCode code);

  std::unique_ptr<QueueClient> client_;
  CounterFleet fleet_;
  CallCycleOptions options_;
  std::shared_ptr<CallTally> tally_;
  std::deque<size_t> free_counters_;
  std::deque<Done> waiting_units_;
  bool stopped_ = false;
};

}  // namespace qms::bench

#endif  // QMS_BENCH_CALL_WORKLOAD_H_
