#ifndef QMS_BENCH_COUNTER_FLEET_H_
#define QMS_BENCH_COUNTER_FLEET_H_

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "bench/centre_directory.h"
#include "bench/queue_client.h"

namespace qms::bench {

struct FleetCounter {
  CounterRef ref;
  const CentreLayout* centre = nullptr;
  std::vector<std::string> field_ids;  // fields this counter serves
};

struct FleetPreparation {
  // Tickets issued per counter before the run, into the fields it serves, so
  // that CallNext finds someone waiting. 0: none.
  int tickets_per_counter = 0;
  int parallel = 256;  // RPCs outstanding while preparing
  std::string request_id_prefix;
};

// The counters of one worker's centres, each with one bench clerk. Prepares
// them for a run: opens every counter (one already open is fine), finishes a
// ticket a counter still holds from an earlier run (StartServing then
// Complete, errors ignored) and fills the queues.
// Thread safety: loop thread only.
class CounterFleet {
 public:
  CounterFleet(QueueClient* client, const std::vector<const CentreLayout*>& centres);

  // Calls done() when every step has answered. Failures are counted in the
  // preparation stats, not fatal: the run shows what the server does.
  void Prepare(const FleetPreparation& preparation, std::function<void()> done);
  // Ends the current preparation early.
  void Stop() { stopped_ = true; }

  // Finishes whatever ticket the counter holds (state unknown): StartServing,
  // then Complete, errors ignored. Used after FAILED_PRECONDITION.
  void Recover(size_t counter_index, std::function<void()> done);

  std::vector<FleetCounter>& counters() { return counters_; }
  size_t size() const { return counters_.size(); }

 private:
  void OpenAll(std::function<void()> done);
  void FillQueues(const FleetPreparation& preparation, std::function<void()> done);

  QueueClient* client_;
  std::vector<FleetCounter> counters_;
  std::vector<size_t> holding_;  // counters that reported a current ticket when opened
  bool stopped_ = false;
};

}  // namespace qms::bench

#endif  // QMS_BENCH_COUNTER_FLEET_H_
