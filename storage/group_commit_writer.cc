#include "storage/group_commit_writer.h"

#include <chrono>
#include <future>

namespace qms::storage {

GroupCommitWriter::GroupCommitWriter(Store* store, bool sync) : store_(store) {
  write_options_.sync = sync;
  thread_ = std::thread([this] { Run(); });
  callback_thread_ = std::thread([this] { RunCallbacks(); });
}

GroupCommitWriter::~GroupCommitWriter() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stopping_ = true;
  }
  work_.notify_one();
  thread_.join();  // every group written and handed over
  {
    std::lock_guard<std::mutex> lock(done_mu_);
    done_stopping_ = true;
  }
  done_ready_.notify_one();
  callback_thread_.join();  // every callback run
}

void GroupCommitWriter::Submit(WriteSet writes, Callback done) {
  std::unique_lock<std::mutex> lock(mu_);
  if (!failure_.ok()) {
    Status failure = failure_;
    lock.unlock();
    done(failure);
    return;
  }
  for (auto& op : writes.ops_) {
    auto* h = store_->handle(op.cf);
    if (op.is_delete) {
      pending_batch_.Delete(h, op.key).PermitUncheckedError();
    } else {
      pending_batch_.Put(h, op.key, op.value).PermitUncheckedError();
    }
  }
  pending_callbacks_.push_back(std::move(done));
  const bool first = pending_callbacks_.size() == 1;
  lock.unlock();
  if (first) work_.notify_one();
}

Status GroupCommitWriter::Flush() {
  std::promise<Status> done;
  auto result = done.get_future();
  Submit(WriteSet(), [&done](const Status& s) { done.set_value(s); });
  return result.get();
}

GroupCommitStats GroupCommitWriter::stats() const {
  std::lock_guard<std::mutex> lock(mu_);
  return stats_;
}

bool GroupCommitWriter::failed() const {
  std::lock_guard<std::mutex> lock(mu_);
  return !failure_.ok();
}

void GroupCommitWriter::Run() {
  rocksdb::WriteBatch batch;
  std::vector<Callback> callbacks;
  for (;;) {
    {
      std::unique_lock<std::mutex> lock(mu_);
      work_.wait(lock, [this] { return stopping_ || !pending_callbacks_.empty(); });
      if (pending_callbacks_.empty()) return;  // stopping, and drained
      std::swap(batch, pending_batch_);
      std::swap(callbacks, pending_callbacks_);
    }
    Status status;
    const auto started = std::chrono::steady_clock::now();
    if (batch.Count() > 0) {
      status = FromRocks(store_->db()->Write(write_options_, &batch));
      if (!status.ok()) status = Unavailable("storage write failed: " + status.message());
    }
    const auto took = std::chrono::steady_clock::now() - started;
    {
      std::lock_guard<std::mutex> lock(mu_);
      if (!status.ok() && failure_.ok()) failure_ = status;
      ++stats_.groups;
      stats_.operations += callbacks.size();
      stats_.write_micros += std::chrono::duration_cast<std::chrono::microseconds>(took).count();
      if (callbacks.size() > stats_.max_group) stats_.max_group = callbacks.size();
    }
    {
      std::lock_guard<std::mutex> lock(done_mu_);
      done_groups_.push_back({status, std::move(callbacks)});
    }
    done_ready_.notify_one();
    batch.Clear();
    callbacks.clear();
  }
}

void GroupCommitWriter::RunCallbacks() {
  std::deque<WrittenGroup> groups;
  for (;;) {
    {
      std::unique_lock<std::mutex> lock(done_mu_);
      done_ready_.wait(lock, [this] { return done_stopping_ || !done_groups_.empty(); });
      if (done_groups_.empty()) return;  // stopping, and drained
      std::swap(groups, done_groups_);
    }
    for (auto& group : groups) {
      for (auto& cb : group.callbacks) cb(group.status);
    }
    groups.clear();
  }
}

}  // namespace qms::storage
