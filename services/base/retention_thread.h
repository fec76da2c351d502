// RetentionThread: runs the retention passes (docs/retention.md) on a thread
// of its own, so that their range deletions and compactions never hold a
// gRPC, timer or writer thread: once at start, then whenever the local day
// (by `clock`) changes, checked every `poll`. A pass that fails is logged
// and tried again at the next day roll (or the next start).
//
// The thread runs at the lowest CPU priority (kPassNice steps down, so nice
// 19; Linux: the thread alone, not the process; thread_priority.h), so that the passes' own work (reading
// old days, computing their figures, deleting) takes only the CPU that
// today's requests leave; their compactions, on RocksDB's threads, are
// paced by the store (Store::CompactRange). Where the priority cannot be
// set the passes run at the process's.
#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "services/base/clock.h"
#include "services/base/status.h"

namespace qms {

class RetentionThread {
 public:
  // A pass for `today` (yyyymmdd); returns a line for the log.
  using Pass = std::function<StatusOr<std::string>(uint32_t today)>;
  using Logger = std::function<void(const std::string&)>;
  static constexpr int kPassNice = 19;  // steps down: to the lowest, 19

  // `clock` must outlive the thread.
  RetentionThread(const Clock* clock, std::vector<Pass> passes, Logger log,
                  std::chrono::milliseconds poll = std::chrono::seconds(60));
  ~RetentionThread();  // Stop()
  void Start();
  // Waits for a pass under way to end (a compaction is not interrupted).
  void Stop();

 private:
  void Run();
  const Clock* clock_;
  std::vector<Pass> passes_;
  Logger log_;
  std::chrono::milliseconds poll_;
  std::mutex mu_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace qms
