#include "bench/worker_loop.h"

#include <grpcpp/alarm.h>
#include <gtest/gtest.h>

#include <memory>
#include <vector>

namespace qms::bench {
namespace {

// A CompletionQueue event without a network: a grpc::Alarm.
class AlarmTag final : public CompletionTag {
 public:
  AlarmTag(WorkerLoop* loop, TimePoint when, int* fired, int* cancelled)
      : fired_(fired), cancelled_(cancelled) {
    alarm_.Set(loop->queue(), std::chrono::system_clock::now() + (when - BenchClock::now()), this);
    loop->Track(this);
  }
  void OnComplete(bool ok) override { ++*(ok ? fired_ : cancelled_); }
  void Cancel() override { alarm_.Cancel(); }

 private:
  grpc::Alarm alarm_;
  int* fired_;
  int* cancelled_;
};

TEST(WorkerLoopTest, HandlesEveryCompletionOfALargeBurst) {
  // Far more completions ready at once than one batch (256) holds: none may
  // be dropped, or Run() could never return.
  WorkerLoop loop;
  int fired = 0;
  int cancelled = 0;
  std::vector<std::unique_ptr<AlarmTag>> tags;
  const TimePoint when = BenchClock::now() + std::chrono::milliseconds(50);
  for (int i = 0; i < 2000; ++i) tags.push_back(std::make_unique<AlarmTag>(&loop, when, &fired, &cancelled));
  loop.RunAt(when + std::chrono::milliseconds(20),
             [&] { loop.RequestExit(BenchClock::now() + std::chrono::seconds(30)); });
  loop.Run();
  EXPECT_EQ(fired, 2000);
  EXPECT_EQ(cancelled, 0);
  EXPECT_EQ(loop.InFlight(), 0u);
}

TEST(WorkerLoopTest, ExitCancelsWhatIsStillOutstanding) {
  WorkerLoop loop;
  int fired = 0;
  int cancelled = 0;
  // Due in an hour: only cancelling can end them.
  AlarmTag tag(&loop, BenchClock::now() + std::chrono::hours(1), &fired, &cancelled);
  loop.RunSoon([&] { loop.RequestExit(BenchClock::now() + std::chrono::milliseconds(50)); });
  loop.Run();
  EXPECT_EQ(fired, 0);
  EXPECT_EQ(cancelled, 1);
}

TEST(WorkerLoopTest, TimersRunInOrderAndPostedTasksRun) {
  WorkerLoop loop;
  std::vector<int> order;
  const TimePoint now = BenchClock::now();
  loop.RunAt(now + std::chrono::milliseconds(30), [&] { order.push_back(3); });
  loop.RunAt(now + std::chrono::milliseconds(10), [&] { order.push_back(1); });
  loop.RunAt(now + std::chrono::milliseconds(10), [&] { order.push_back(2); });
  loop.RunAt(now + std::chrono::milliseconds(40), [&] {
    loop.Post([&] {
      order.push_back(4);
      loop.RequestExit(BenchClock::now());
    });
  });
  loop.Run();
  EXPECT_EQ(order, (std::vector<int>{1, 2, 3, 4}));
}

}  // namespace
}  // namespace qms::bench
