// GroupCommitWriter: makes changes durable in groups. Callers Submit a
// WriteSet with a callback and return at once; one dedicated thread takes
// everything submitted since its last write, writes it as ONE RocksDB batch
// with sync=true (the WAL is fsync'd), then runs the callbacks in submission
// order. Under load one fsync carries many operations, so throughput rises
// with load instead of queuing on fsync. The callbacks of a written group
// run on a second thread, so the next group's fsync overlaps the replies of
// the last one (replying is most of a callback's cost in qms-server).
//
// Guarantees:
// - A callback runs only after its own writes AND every write submitted
//   before it are on disk (or failed). Callbacks run on the writer's
//   callback thread in submission order; they must be short. A callback may Submit (it only
//   queues) but must not Flush.
// - An empty WriteSet is a barrier: its callback runs once everything
//   submitted before it is durable.
// - After a failed write the writer is failed: that group's callbacks and
//   every later one get UNAVAILABLE. In-memory state built on those writes is
//   then ahead of the disk, so the owner must stop serving (fail-stop) and
//   rebuild from disk at restart. Once failed, Submit runs `done` at once
//   on the caller's thread: a caller must not hold a lock its callback takes.
//
// Thread safety: Submit is safe from any thread.
#pragma once

#include <rocksdb/write_batch.h>

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "services/base/status.h"
#include "storage/store.h"

namespace qms::storage {

// The changes of one operation.
class WriteSet {
 public:
  void Put(Cf cf, std::string key, std::string value) {
    ops_.push_back({cf, std::move(key), std::move(value), false});
  }
  void Delete(Cf cf, std::string key) { ops_.push_back({cf, std::move(key), {}, true}); }
  bool empty() const { return ops_.empty(); }
  size_t size() const { return ops_.size(); }

 private:
  friend class GroupCommitWriter;
  struct Op {
    Cf cf;
    std::string key;
    std::string value;
    bool is_delete;
  };
  std::vector<Op> ops_;
};

struct GroupCommitStats {
  uint64_t groups = 0;        // sync writes done
  uint64_t operations = 0;    // callbacks served
  uint64_t max_group = 0;     // most callbacks in one group
  uint64_t write_micros = 0;  // time in RocksDB writes (memtable, WAL, fsync)
};

class GroupCommitWriter {
 public:
  using Callback = std::function<void(const Status&)>;

  // `store` must outlive the writer. `sync` false is for tests of ordering
  // only; production always syncs.
  explicit GroupCommitWriter(Store* store, bool sync = true);
  ~GroupCommitWriter();  // drains everything submitted, then stops
  GroupCommitWriter(const GroupCommitWriter&) = delete;
  GroupCommitWriter& operator=(const GroupCommitWriter&) = delete;

  void Submit(WriteSet writes, Callback done);
  // Blocks until everything submitted so far is durable. For shutdown/tests.
  [[nodiscard]] Status Flush();
  GroupCommitStats stats() const;
  bool failed() const;

 private:
  struct WrittenGroup {
    Status status;
    std::vector<Callback> callbacks;
  };
  void Run();
  void RunCallbacks();

  Store* store_;
  rocksdb::WriteOptions write_options_;
  mutable std::mutex mu_;
  std::condition_variable work_;
  rocksdb::WriteBatch pending_batch_;
  std::vector<Callback> pending_callbacks_;
  bool stopping_ = false;
  Status failure_;
  GroupCommitStats stats_;
  std::thread thread_;

  std::mutex done_mu_;
  std::condition_variable done_ready_;
  std::deque<WrittenGroup> done_groups_;  // written, callbacks not yet run
  bool done_stopping_ = false;
  std::thread callback_thread_;
};

}  // namespace qms::storage
