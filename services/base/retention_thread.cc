#include "services/base/retention_thread.h"

#include "services/base/thread_priority.h"

namespace qms {

RetentionThread::RetentionThread(const Clock* clock, std::vector<Pass> passes, Logger log,
                                 std::chrono::milliseconds poll)
    : clock_(clock), passes_(std::move(passes)), log_(std::move(log)), poll_(poll) {}

RetentionThread::~RetentionThread() { Stop(); }

void RetentionThread::Start() {
  thread_ = std::thread([this] { Run(); });
}

void RetentionThread::Stop() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void RetentionThread::Run() {
  LowerThisThreadPriority(kPassNice);
  uint32_t done_for = 0;  // the day of the last passes run
  std::unique_lock<std::mutex> lock(mu_);
  while (!stopping_) {
    const uint32_t today = LocalDateOf(clock_->Now()).ToYyyymmdd();
    if (today != done_for) {
      done_for = today;
      lock.unlock();
      for (const auto& pass : passes_) {
        auto line = pass(today);
        log_(line.ok() ? *line
                       : "retention failed, tried again at the next day: " + line.status().ToString());
      }
      lock.lock();
      continue;
    }
    wake_.wait_for(lock, poll_, [this] { return stopping_; });
  }
}

}  // namespace qms
