// The open-loop scheduler: requests keep their scheduled send times, so a
// stalled target shows up as latency of the requests that queued behind it
// (no coordinated omission). No assertion depends on how fast this machine
// is: the stall is real, so the latencies it causes are lower bounds.
#include "bench/load_driver.h"

#include <gtest/gtest.h>

#include <chrono>
#include <thread>
#include <vector>

#include "bench/arrival_schedule.h"
#include "bench/parallel_steps.h"
#include "bench/worker_loop.h"

namespace qms::bench {
namespace {

using std::chrono::milliseconds;

// Answers at once; the `stall_at`-th request instead blocks the caller for
// `stall` first (a target that hangs, e.g. on fsync).
class StallingTarget final : public Workload {
 public:
  StallingTarget(uint64_t stall_at, milliseconds stall) : stall_at_(stall_at), stall_(stall) {}

  void Start(TimePoint scheduled, Done done) override {
    if (started_++ == stall_at_) std::this_thread::sleep_for(stall_);
    latencies_us.push_back(MicrosBetween(scheduled, BenchClock::now()));
    done(grpc::StatusCode::OK);
  }

  std::vector<uint64_t> latencies_us;

 private:
  uint64_t stall_at_;
  milliseconds stall_;
  uint64_t started_ = 0;
};

// Never answers: holds every request.
class SilentTarget final : public Workload {
 public:
  void Start(TimePoint, Done done) override { held.push_back(std::move(done)); }
  std::vector<Done> held;
};

// Runs `driver` on `loop` in this thread from shortly after now.
void RunDriver(WorkerLoop* loop, LoadDriver* driver, double seconds, double drain_seconds) {
  const TimePoint start = BenchClock::now() + milliseconds(20);
  const TimePoint end = AfterSeconds(start, seconds);
  loop->RunSoon([=] {
    driver->Begin(start, end, AfterSeconds(end, drain_seconds),
                  [loop] { loop->RequestExit(BenchClock::now() + std::chrono::seconds(1)); });
  });
  loop->Run();
}

TEST(ArrivalScheduleTest, ConstantRateIsEvenlySpaced) {
  const TimePoint start = BenchClock::now();
  ArrivalSchedule schedule(ArrivalProcess::kConstant, 1000, start, 1);
  for (int k = 0; k < 5000; ++k) {
    const TimePoint at = schedule.Next();
    EXPECT_NEAR(SecondsBetween(start, at), k / 1000.0, 1e-6) << k;
  }
}

TEST(ArrivalScheduleTest, PoissonGapsAverageOneOverRate) {
  const TimePoint start = BenchClock::now();
  ArrivalSchedule schedule(ArrivalProcess::kPoisson, 2000, start, 99);
  TimePoint last = start;
  for (int k = 0; k < 200000; ++k) last = schedule.Next();
  EXPECT_NEAR(SecondsBetween(start, last) / 200000, 1 / 2000.0, 0.02 / 2000.0);
}

TEST(ArrivalScheduleTest, SameSeedSameSchedule) {
  const TimePoint start = BenchClock::now();
  ArrivalSchedule a(ArrivalProcess::kPoisson, 500, start, 5);
  ArrivalSchedule b(ArrivalProcess::kPoisson, 500, start, 5);
  for (int k = 0; k < 1000; ++k) EXPECT_EQ(a.Next(), b.Next());
}

TEST(ArrivalScheduleTest, ShapeMovesTheRate) {
  const TimePoint start = BenchClock::now();
  ArrivalSchedule schedule(ArrivalProcess::kPoisson, 1000, start, 3);
  schedule.SetShape(RateShape{[](double t) { return t < 1.0 ? 2.0 : 0.5; }, 2.0});
  int first_second = 0;
  int second_second = 0;
  while (true) {
    const double t = SecondsBetween(start, schedule.Next());
    if (t >= 2.0) break;
    ++(t < 1.0 ? first_second : second_second);
  }
  EXPECT_NEAR(first_second, 2000, 200);
  EXPECT_NEAR(second_second, 500, 100);
}

TEST(OpenLoopDriverTest, StalledTargetShowsAsLatencyOfLaterRequests) {
  WorkerLoop loop;
  WorkerStats stats;
  // Request 100 (due at 100 ms) blocks for 200 ms; requests due in the
  // meantime can only be sent when it returns, at about 300 ms.
  StallingTarget target(100, milliseconds(200));
  LoadShape shape;
  shape.rate = 1000;
  LoadDriver driver(&loop, &target, &stats, shape, 1);
  RunDriver(&loop, &driver, 1.0, 5.0);

  const MetricStats& operations = stats.Get(Metric::kOperation);
  EXPECT_EQ(operations.ok, 1000u) << "every scheduled request is sent, none dropped";
  EXPECT_EQ(operations.Failed(), 0u);
  EXPECT_GE(operations.latency.Max(), 200000u);
  // Requests due between 100 ms and 200 ms waited at least 100 ms: about 100
  // of them. A driver that timed from the actual send would see one slow
  // request.
  size_t waited_100ms = 0;
  for (uint64_t latency : target.latencies_us) waited_100ms += latency >= 100000 ? 1 : 0;
  EXPECT_GE(waited_100ms, 95u);
  EXPECT_GE(operations.latency.Percentile(90), 90000u);
  EXPECT_GE(stats.Get(Metric::kSendLag).latency.Max(), 190000u)
      << "the send lag shows the client was held up";
}

TEST(OpenLoopDriverTest, RequestsNeverSentAreCountedAsUnsent) {
  WorkerLoop loop;
  WorkerStats stats;
  SilentTarget target;
  LoadShape shape;
  shape.rate = 1000;
  shape.max_outstanding = 10;
  LoadDriver driver(&loop, &target, &stats, shape, 1);
  RunDriver(&loop, &driver, 0.2, 0.1);
  EXPECT_EQ(target.held.size(), 10u);
  const MetricStats& operations = stats.Get(Metric::kOperation);
  ASSERT_EQ(operations.errors.count(kUnsentCode), 1u);
  EXPECT_EQ(operations.errors.at(kUnsentCode), 190u);
}

TEST(OpenLoopDriverTest, UnitBudgetStopsScheduling) {
  WorkerLoop loop;
  WorkerStats stats;
  StallingTarget target(~uint64_t{0}, milliseconds(0));
  LoadShape shape;
  shape.rate = 5000;
  shape.max_units = 250;
  LoadDriver driver(&loop, &target, &stats, shape, 1);
  RunDriver(&loop, &driver, 10.0, 1.0);  // the budget ends it long before 10 s
  EXPECT_EQ(stats.Get(Metric::kOperation).ok, 250u);
}

// Closed loop: at most `in_flight` outstanding, and exactly the budget done.
class CountingTarget final : public Workload {
 public:
  explicit CountingTarget(WorkerLoop* loop) : loop_(loop) {}
  void Start(TimePoint, Done done) override {
    ++outstanding;
    most_outstanding = std::max(most_outstanding, outstanding);
    loop_->RunSoon([this, done = std::move(done)] {
      --outstanding;
      done(grpc::StatusCode::OK);
    });
  }
  int outstanding = 0;
  int most_outstanding = 0;

 private:
  WorkerLoop* loop_;
};

TEST(ClosedLoopDriverTest, KeepsInFlightAndHonoursBudget) {
  WorkerLoop loop;
  WorkerStats stats;
  CountingTarget target(&loop);
  LoadShape shape;
  shape.in_flight = 4;
  shape.max_units = 1000;
  LoadDriver driver(&loop, &target, &stats, shape, 1);
  RunDriver(&loop, &driver, 30.0, 1.0);
  EXPECT_EQ(stats.Get(Metric::kOperation).ok, 1000u);
  EXPECT_EQ(target.most_outstanding, 4);
}

TEST(ParallelStepsTest, RunsEveryStepWithBoundedParallelism) {
  WorkerLoop loop;
  int outstanding = 0;
  int most = 0;
  int done_steps = 0;
  bool all_done = false;
  loop.RunSoon([&] {
    RunParallelSteps(
        50, 3,
        [&](size_t, std::function<void()> finished) {
          most = std::max(most, ++outstanding);
          loop.RunSoon([&, finished] {
            --outstanding;
            ++done_steps;
            finished();
          });
        },
        [] { return true; },
        [&] {
          all_done = true;
          loop.RequestExit(BenchClock::now());
        });
  });
  loop.Run();
  EXPECT_TRUE(all_done);
  EXPECT_EQ(done_steps, 50);
  EXPECT_EQ(most, 3);
}

}  // namespace
}  // namespace qms::bench
