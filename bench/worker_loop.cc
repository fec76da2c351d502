#include "bench/worker_loop.h"

#include <grpc/support/time.h>

#include <algorithm>
#include <chrono>
#include <cstdio>

namespace qms::bench {
namespace {

// Posted tasks and the exit flag are looked at least this often.
constexpr auto kMaxIdleWait = std::chrono::milliseconds(10);
// Completions handled in a row before timers get a turn again.
constexpr int kCompletionBatch = 256;
constexpr auto kGiveUpAfterCancel = std::chrono::seconds(10);

std::chrono::system_clock::time_point ToSystemClock(TimePoint when) {
  const auto delay = when - BenchClock::now();
  return std::chrono::system_clock::now() + std::chrono::duration_cast<std::chrono::system_clock::duration>(
                                                std::max(delay, BenchClock::duration::zero()));
}

}  // namespace

WorkerLoop::WorkerLoop() = default;

WorkerLoop::~WorkerLoop() = default;

void WorkerLoop::RunAt(TimePoint when, std::function<void()> task) {
  timers_.push(Timer{when, timer_order_++, std::move(task)});
}

void WorkerLoop::Post(std::function<void()> task) {
  std::lock_guard<std::mutex> lock(posted_mutex_);
  posted_.push_back(std::move(task));
}

void WorkerLoop::Track(CompletionTag* tag) {
  in_flight_.insert(tag);
  // Past the cancel deadline nothing new may outlive the loop.
  if (cancelled_all_) tag->Cancel();
}

void WorkerLoop::RequestExit(TimePoint cancel_at) {
  std::lock_guard<std::mutex> lock(posted_mutex_);
  if (exit_requested_) {
    cancel_at_ = std::min(cancel_at_, cancel_at);
    return;
  }
  exit_requested_ = true;
  cancel_at_ = cancel_at;
}

void WorkerLoop::RunPostedTasks() {
  std::vector<std::function<void()>> tasks;
  {
    std::lock_guard<std::mutex> lock(posted_mutex_);
    tasks.swap(posted_);
  }
  for (auto& task : tasks) task();
}

void WorkerLoop::RunDueTimers() {
  const TimePoint now = BenchClock::now() + kTimerSlack;
  // Only timers already due when we looked, so a task that re-arms itself at
  // "now" cannot starve the completion queue.
  while (!timers_.empty() && timers_.top().when <= now) {
    std::function<void()> task = std::move(const_cast<Timer&>(timers_.top()).task);
    timers_.pop();
    task();
  }
}

bool WorkerLoop::WaitForCompletions(TimePoint until) {
  // gRPC rounds an AsyncNext deadline up to a whole millisecond, so the wait
  // ends up to kTimerSlack before `until` and the timer then runs early
  // (RunDueTimers) instead of up to 1 ms late. No polling, no spinning.
  const TimePoint wake = until - kTimerSlack;
  void* tag = nullptr;
  bool ok = false;
  const gpr_timespec no_wait = gpr_inf_past(GPR_CLOCK_REALTIME);
  grpc::CompletionQueue::NextStatus status = wake > BenchClock::now()
                                                 ? queue_.AsyncNext(&tag, &ok, ToSystemClock(wake))
                                                 : queue_.AsyncNext(&tag, &ok, no_wait);
  for (int handled = 0;; ++handled) {
    if (status != grpc::CompletionQueue::GOT_EVENT) return status != grpc::CompletionQueue::SHUTDOWN;
    auto* completion = static_cast<CompletionTag*>(tag);
    in_flight_.erase(completion);
    completion->OnComplete(ok);
    // Every event taken from the queue is handled: fetch only if there is
    // room in this batch.
    if (handled + 1 >= kCompletionBatch) return true;
    status = queue_.AsyncNext(&tag, &ok, no_wait);  // then only what is ready
  }
}

void WorkerLoop::CancelAllOutstanding() {
  // Copy: Cancel() never completes synchronously, but be safe anyway.
  std::vector<CompletionTag*> outstanding(in_flight_.begin(), in_flight_.end());
  for (CompletionTag* tag : outstanding) tag->Cancel();
  cancelled_all_ = true;
}

void WorkerLoop::Run() {
  while (true) {
    RunPostedTasks();
    bool exiting = false;
    TimePoint cancel_at;
    {
      std::lock_guard<std::mutex> lock(posted_mutex_);
      exiting = exit_requested_;
      cancel_at = cancel_at_;
    }
    if (exiting) {
      if (in_flight_.empty()) break;
      if (!cancelled_all_ && BenchClock::now() >= cancel_at) CancelAllOutstanding();
      if (cancelled_all_ && BenchClock::now() >= cancel_at + kGiveUpAfterCancel) {
        // gRPC completes cancelled operations promptly; a tag still missing
        // now was lost by a bug. Say so rather than hang.
        std::fprintf(stderr, "qms-bench: %zu operations never completed after cancel; leaving them\n",
                     in_flight_.size());
        break;
      }
    } else {
      RunDueTimers();
    }
    TimePoint until = BenchClock::now() + kMaxIdleWait;
    if (!exiting && !timers_.empty()) until = std::min(until, timers_.top().when);
    if (!WaitForCompletions(until)) break;
  }
  queue_.Shutdown();
  void* tag = nullptr;
  bool ok = false;
  while (queue_.Next(&tag, &ok)) {
    // Nothing should be left; a stray completion is handed back regardless.
    static_cast<CompletionTag*>(tag)->OnComplete(ok);
  }
}

}  // namespace qms::bench
