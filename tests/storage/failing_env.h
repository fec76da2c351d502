// A RocksDB FileSystem whose write-ahead log fails on demand: what a full or
// failing disk does to a write. Tests use it to prove what a failed group
// commit leaves behind. Header-only.
//
// Faults (Inject): kWrite fails every append to a WAL file (nothing of the
// write reaches the file); kSync fails every sync of a WAL file (the bytes
// may be in the file, but the write is not durable and RocksDB reports it
// failed); kNoSpace fails appends and syncs with "no space left on device";
// kAll (FailWal(true)) fails appends and syncs with an I/O error. Only WAL
// files (*.log) are affected; tables and the manifest write normally.
//
// Wrap it in an Env with rocksdb::NewCompositeEnv(fs) and give that to
// StoreOptions::env, or use FailingDisk below, which does both. Thread-safe.
#pragma once

#include <rocksdb/env.h>
#include <rocksdb/file_system.h>

#include <atomic>
#include <memory>
#include <string>

#include "storage/store.h"

namespace qms::testing {

enum class WalFault : int { kNone, kWrite, kSync, kNoSpace, kAll };

class FailingWalFs final : public rocksdb::FileSystemWrapper {
 public:
  FailingWalFs() : FileSystemWrapper(rocksdb::FileSystem::Default()) {}
  const char* Name() const override { return "FailingWalFs"; }

  // From now on every append to and sync of a WAL file fails (or works again).
  void FailWal(bool fail) { Inject(fail ? WalFault::kAll : WalFault::kNone); }
  void Inject(WalFault fault) { state_->fault.store(fault); }
  // How many appends and syncs failed so far: proof that a fault was hit.
  int failures() const { return state_->failures.load(); }

  rocksdb::IOStatus NewWritableFile(const std::string& name, const rocksdb::FileOptions& options,
                                    std::unique_ptr<rocksdb::FSWritableFile>* result,
                                    rocksdb::IODebugContext* dbg) override {
    rocksdb::IOStatus s = target()->NewWritableFile(name, options, result, dbg);
    if (s.ok() && name.size() > 4 && name.compare(name.size() - 4, 4, ".log") == 0) {
      *result = std::make_unique<File>(std::move(*result), state_);
    }
    return s;
  }

 private:
  struct State {
    std::atomic<WalFault> fault{WalFault::kNone};
    std::atomic<int> failures{0};
    // The injected error of an append (or a sync), or OK.
    rocksdb::IOStatus Check(bool sync) {
      const WalFault f = fault.load();
      rocksdb::IOStatus s;
      if (f == WalFault::kAll || (f == WalFault::kWrite && !sync) || (f == WalFault::kSync && sync)) {
        s = rocksdb::IOStatus::IOError("injected WAL failure");
      } else if (f == WalFault::kNoSpace) {
        s = rocksdb::IOStatus::NoSpace("injected: the disk is full");
      }
      if (!s.ok()) failures.fetch_add(1);
      return s;
    }
  };

  class File final : public rocksdb::FSWritableFileOwnerWrapper {
   public:
    File(std::unique_ptr<rocksdb::FSWritableFile> file, std::shared_ptr<State> state)
        : FSWritableFileOwnerWrapper(std::move(file)), state_(std::move(state)) {}
    rocksdb::IOStatus Append(const rocksdb::Slice& data, const rocksdb::IOOptions& options,
                             rocksdb::IODebugContext* dbg) override {
      if (auto s = state_->Check(false); !s.ok()) return s;
      return target()->Append(data, options, dbg);
    }
    rocksdb::IOStatus Append(const rocksdb::Slice& data, const rocksdb::IOOptions& options,
                             const rocksdb::DataVerificationInfo& info,
                             rocksdb::IODebugContext* dbg) override {
      if (auto s = state_->Check(false); !s.ok()) return s;
      return target()->Append(data, options, info, dbg);
    }
    rocksdb::IOStatus Sync(const rocksdb::IOOptions& options, rocksdb::IODebugContext* dbg) override {
      if (auto s = state_->Check(true); !s.ok()) return s;
      return target()->Sync(options, dbg);
    }
    rocksdb::IOStatus Fsync(const rocksdb::IOOptions& options, rocksdb::IODebugContext* dbg) override {
      if (auto s = state_->Check(true); !s.ok()) return s;
      return target()->Fsync(options, dbg);
    }

   private:
    std::shared_ptr<State> state_;
  };

  std::shared_ptr<State> state_ = std::make_shared<State>();
};

// A failing WAL file system and the Env over it, for a test fixture to open
// its stack with: `OpenStack(disk_.Options())`, then `disk_.fs->Inject(...)`.
// Must outlive every store opened with its options.
struct FailingDisk {
  std::shared_ptr<FailingWalFs> fs = std::make_shared<FailingWalFs>();
  std::unique_ptr<rocksdb::Env> env = rocksdb::NewCompositeEnv(fs);

  storage::StoreOptions Options() const {
    storage::StoreOptions options;
    options.env = env.get();
    return options;
  }
};

}  // namespace qms::testing
