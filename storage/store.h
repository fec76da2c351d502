// Store: one RocksDB database with the project's column families. Each
// service process owns its own Store in its own directory; services never
// share a database.
//
// Open creates the directory (and its parents) when missing.
// Thread safety: all methods are safe to call concurrently. Writes that must
// be durable before a reply go through GroupCommitWriter (see
// group_commit_writer.h), never through Store directly.
#pragma once

#include <rocksdb/db.h>

#include <memory>
#include <string>
#include <vector>

#include "services/base/status.h"

namespace qms::storage {

// Every column family, named once. Every database opens all of them; the
// ones a service does not use stay empty and cost nothing. A database made
// before a column family existed gets it, empty, when opened
// (create_missing_column_families).
enum class Cf : int {
  kDefault = 0,
  kTickets,
  kEvents,
  kCounters,
  kMeta,
  kDossiers,
  kDossierDue,
  kDossierIndex,
  kAudit,  // the audit trail of both databases (storage/keys.h)
  kCount,  // not a column family
};
const char* CfName(Cf cf);

struct StoreOptions {
  std::string path;
  size_t block_cache_bytes = 256u << 20;
  size_t write_buffer_bytes = 64u << 20;
  int background_jobs = 2;
  bool create_if_missing = true;
  // The Env RocksDB uses (files, threads). nullptr: the default one. Tests
  // pass an Env whose files fail on demand, to prove what a failed write
  // leaves behind.
  rocksdb::Env* env = nullptr;
};

// All RocksDB options come from this one function.
rocksdb::Options BuildRocksOptions(const StoreOptions& options);

class Store {
 public:
  [[nodiscard]] static StatusOr<std::unique_ptr<Store>> Open(const StoreOptions& options);
  ~Store();
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;

  rocksdb::DB* db() { return db_.get(); }
  rocksdb::ColumnFamilyHandle* handle(Cf cf) { return handles_[static_cast<int>(cf)]; }

  // Point read; NOT_FOUND when absent.
  [[nodiscard]] Status Get(Cf cf, const std::string& key, std::string* value);
  // Immediate synchronous write of one value; for rare metadata only.
  [[nodiscard]] Status PutSync(Cf cf, const std::string& key, const std::string& value);
  // An iterator over [lower, upper) of one column family. The bounds are
  // copied into the returned object and live as long as it does. A `bulk`
  // scan (recovery) reads ahead and leaves the block cache to later reads.
  struct RangeIterator;
  std::unique_ptr<RangeIterator> Scan(Cf cf, const std::string& lower, const std::string& upper,
                                      bool bulk = false);

 private:
  Store() = default;
  std::unique_ptr<rocksdb::DB> db_;
  std::vector<rocksdb::ColumnFamilyHandle*> handles_;
};

struct Store::RangeIterator {
  std::string lower;
  std::string upper;
  rocksdb::Slice upper_slice;
  std::unique_ptr<rocksdb::Iterator> it;
  bool Valid() const { return it->Valid(); }
  void Next() { it->Next(); }
  rocksdb::Slice key() const { return it->key(); }
  rocksdb::Slice value() const { return it->value(); }
};

// Converts a RocksDB status to a Status with the closest specific code.
Status FromRocks(const rocksdb::Status& s);

}  // namespace qms::storage
