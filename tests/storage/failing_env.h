// A RocksDB Env whose write-ahead log fails on demand: what a full or
// failing disk does to a write. Tests use it to prove what a failed group
// commit leaves behind (nothing). Header-only.
#pragma once

#include <rocksdb/env.h>
#include <rocksdb/file_system.h>

#include <atomic>
#include <memory>
#include <string>

namespace qms::testing {

class FailingWalFs final : public rocksdb::FileSystemWrapper {
 public:
  FailingWalFs() : FileSystemWrapper(rocksdb::FileSystem::Default()) {}
  const char* Name() const override { return "FailingWalFs"; }

  // From now on every append to and sync of a WAL file fails (or works again).
  void FailWal(bool fail) { fail_->store(fail); }

  rocksdb::IOStatus NewWritableFile(const std::string& name, const rocksdb::FileOptions& options,
                                    std::unique_ptr<rocksdb::FSWritableFile>* result,
                                    rocksdb::IODebugContext* dbg) override {
    rocksdb::IOStatus s = target()->NewWritableFile(name, options, result, dbg);
    if (s.ok() && name.size() > 4 && name.compare(name.size() - 4, 4, ".log") == 0) {
      *result = std::make_unique<File>(std::move(*result), fail_);
    }
    return s;
  }

 private:
  class File final : public rocksdb::FSWritableFileOwnerWrapper {
   public:
    File(std::unique_ptr<rocksdb::FSWritableFile> file, std::shared_ptr<std::atomic<bool>> fail)
        : FSWritableFileOwnerWrapper(std::move(file)), fail_(std::move(fail)) {}
    rocksdb::IOStatus Append(const rocksdb::Slice& data, const rocksdb::IOOptions& options,
                             rocksdb::IODebugContext* dbg) override {
      if (fail_->load()) return rocksdb::IOStatus::IOError("injected WAL failure");
      return target()->Append(data, options, dbg);
    }
    rocksdb::IOStatus Append(const rocksdb::Slice& data, const rocksdb::IOOptions& options,
                             const rocksdb::DataVerificationInfo& info,
                             rocksdb::IODebugContext* dbg) override {
      if (fail_->load()) return rocksdb::IOStatus::IOError("injected WAL failure");
      return target()->Append(data, options, info, dbg);
    }
    rocksdb::IOStatus Sync(const rocksdb::IOOptions& options, rocksdb::IODebugContext* dbg) override {
      if (fail_->load()) return rocksdb::IOStatus::IOError("injected WAL failure");
      return target()->Sync(options, dbg);
    }
    rocksdb::IOStatus Fsync(const rocksdb::IOOptions& options, rocksdb::IODebugContext* dbg) override {
      if (fail_->load()) return rocksdb::IOStatus::IOError("injected WAL failure");
      return target()->Fsync(options, dbg);
    }

   private:
    std::shared_ptr<std::atomic<bool>> fail_;
  };

  std::shared_ptr<std::atomic<bool>> fail_ = std::make_shared<std::atomic<bool>>(false);
};

}  // namespace qms::testing
