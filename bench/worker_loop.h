#ifndef QMS_BENCH_WORKER_LOOP_H_
#define QMS_BENCH_WORKER_LOOP_H_

#include <grpcpp/grpcpp.h>

#include <functional>
#include <mutex>
#include <queue>
#include <unordered_set>
#include <vector>

#include "bench/bench_clock.h"

namespace qms::bench {

// The tag of one outstanding operation on a worker's CompletionQueue. The
// object that starts an operation registers itself with WorkerLoop::Track()
// and is handed back through OnComplete(); it may delete itself there.
class CompletionTag {
 public:
  virtual ~CompletionTag() = default;
  virtual void OnComplete(bool ok) = 0;
  // Ask gRPC to end the operation early (ClientContext::TryCancel). The tag
  // still completes through OnComplete.
  virtual void Cancel() = 0;
};

// One client thread: a CompletionQueue for the async gRPC API plus timers.
// Everything a worker owns (its stubs' calls, drivers, workloads) runs on the
// thread that calls Run(), so none of it needs locks.
//
// Thread safety: Post() and RequestExit() may be called from any thread;
// everything else only from the loop's own thread.
class WorkerLoop {
 public:
  WorkerLoop();
  ~WorkerLoop();
  WorkerLoop(const WorkerLoop&) = delete;
  WorkerLoop& operator=(const WorkerLoop&) = delete;

  // gRPC waits in whole milliseconds, so timers run up to this much early
  // (on the wake-up before their time) rather than up to this much late.
  static constexpr BenchClock::duration kTimerSlack = std::chrono::milliseconds(1);

  grpc::CompletionQueue* queue() { return &queue_; }

  // Runs `task` on the loop thread at `when` (at most kTimerSlack early).
  void RunAt(TimePoint when, std::function<void()> task);
  void RunSoon(std::function<void()> task) { RunAt(BenchClock::now(), std::move(task)); }
  // Thread-safe: runs `task` on the loop thread within ~10 ms.
  void Post(std::function<void()> task);

  // An operation was started with `tag` on queue(); it must complete once.
  void Track(CompletionTag* tag);
  size_t InFlight() const { return in_flight_.size(); }

  // Thread-safe: stop running timers, finish the outstanding operations and
  // return from Run(). Operations still outstanding at `cancel_at` are
  // cancelled, so Run() always returns.
  void RequestExit(TimePoint cancel_at);

  // Runs until RequestExit() and every tracked operation has completed, then
  // shuts the queue down and drains it. REQUIRES: called once.
  void Run();

 private:
  struct Timer {
    TimePoint when;
    uint64_t order;
    std::function<void()> task;
  };
  struct LaterFirst {
    bool operator()(const Timer& a, const Timer& b) const {
      return a.when != b.when ? a.when > b.when : a.order > b.order;
    }
  };

  void RunPostedTasks();
  void RunDueTimers();
  bool WaitForCompletions(TimePoint until);
  void CancelAllOutstanding();

  grpc::CompletionQueue queue_;
  std::priority_queue<Timer, std::vector<Timer>, LaterFirst> timers_;
  uint64_t timer_order_ = 0;
  std::unordered_set<CompletionTag*> in_flight_;
  bool cancelled_all_ = false;

  std::mutex posted_mutex_;
  std::vector<std::function<void()>> posted_;
  bool exit_requested_ = false;  // guarded by posted_mutex_
  TimePoint cancel_at_;          // guarded by posted_mutex_
};

}  // namespace qms::bench

#endif  // QMS_BENCH_WORKER_LOOP_H_
