#include "services/base/retention_thread.h"

#ifdef __linux__
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif

namespace qms {

namespace {

// Lowers the calling thread's CPU priority; on Linux nice is per thread.
void LowerThisThreadsPriority(int nice) {
#ifdef __linux__
  const auto tid = static_cast<id_t>(syscall(SYS_gettid));
  (void)setpriority(PRIO_PROCESS, tid, nice);  // only lowering: always allowed
#else
  (void)nice;
#endif
}

}  // namespace

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
  LowerThisThreadsPriority(kPassNice);
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
