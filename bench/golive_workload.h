#ifndef QMS_BENCH_GOLIVE_WORKLOAD_H_
#define QMS_BENCH_GOLIVE_WORKLOAD_H_

#include <array>
#include <memory>
#include <mutex>
#include <random>
#include <vector>

#include "bench/counter_fleet.h"
#include "bench/golive_model.h"
#include "bench/load_driver.h"

namespace qms::bench {

// What happened per simulated hour, over all workers; read after the run.
struct GoliveTally {
  struct Hour {
    uint64_t issued = 0;
    uint64_t called = 0;
    uint64_t completed = 0;
    uint64_t no_shows = 0;
    uint64_t transfers = 0;
    uint64_t empty_calls = 0;
  };
  std::mutex mutex;
  std::array<Hour, 24> hours{};

  void Merge(const std::array<Hour, 24>& local);
};

// golive: the units are citizens arriving (IssueTicket, field and class from
// the model, at the rate shape of the day); each counter is a simulated clerk
// on timers: CallNext, then either MarkNoShow after a wait, or StartServing,
// a service time for the field, and Complete (or Transfer to another field).
// Clerks rest over lunch and stop at 17:00 simulated. Clerk times are divided
// by the scale.
// Thread safety: loop thread only.
class GoliveWorkload final : public Workload {
 public:
  GoliveWorkload(std::unique_ptr<QueueClient> client, const std::vector<const CentreLayout*>& centres,
                 GoliveParameters parameters, std::string request_id_prefix,
                 std::shared_ptr<GoliveTally> tally);

  void Prepare(std::function<void()> ready) override;
  void Begin(TimePoint start, TimePoint end) override;
  void Start(TimePoint scheduled, Done done) override;
  void Stop() override;

 private:
  void ScheduleTurn(size_t counter, double simulated_minutes);
  void CounterTurn(size_t counter);
  void OnCalled(size_t counter, const v1::Ticket& ticket);
  void Serve(size_t counter, const v1::Ticket& ticket);
  void FinishService(size_t counter, const v1::Ticket& ticket);
  double LocalMinuteNow() const;
  GoliveTally::Hour& HourNow();
  double Uniform() { return std::uniform_real_distribution<double>(0.0, 1.0)(random_); }

  std::unique_ptr<QueueClient> client_;
  CounterFleet fleet_;
  GoliveParameters parameters_;
  SimulatedDay day_;
  std::string request_id_prefix_;
  std::shared_ptr<GoliveTally> tally_;
  std::vector<const CentreLayout*> centres_;  // those with fields
  std::vector<FieldMix> mixes_;
  std::vector<double> busyness_cumulative_;
  std::mt19937_64 random_;
  std::vector<int> empty_streak_;  // per counter: CallNext in a row that found nobody
  std::array<GoliveTally::Hour, 24> hours_{};
  TimePoint start_;
  TimePoint end_;
  uint64_t sequence_ = 0;
  bool stopped_ = false;
};

}  // namespace qms::bench

#endif  // QMS_BENCH_GOLIVE_WORKLOAD_H_
