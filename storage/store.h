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

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
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
  kAudit,     // the audit trail of both databases (storage/keys.h)
  kDayStats,  // the figures of a closed service day, kept after its tickets (storage/keys.h)
  kCount,     // not a column family
};
const char* CfName(Cf cf);

// How RocksDB is tuned. The defaults are the values qms-server has always
// used; docs/config.md ("Storage tuning") says what each one does. Zero for
// the WAL and compaction sizes means "RocksDB's own default".
struct StoreTuning {
  size_t block_cache_bytes = 256u << 20;  // one LRU cache for all column families
  size_t write_buffer_bytes = 64u << 20;  // one memtable, per column family
  int max_write_buffers = 4;              // memtables per column family
  int background_jobs = 2;                // flushes and compactions at once
  size_t bytes_per_sync = 1u << 20;       // tables: sync in steps of this size
  // Flush the memtables that keep the oldest WAL file alive once the WAL
  // passes this size: it bounds what a start after a crash replays. 0 is
  // RocksDB's rule (4 × all memtables), under which the rarely written
  // column families (counters, meta) kept the first WAL alive for the whole
  // day, and a crash replayed all of it (bench/README.md, "Restart").
  uint64_t max_total_wal_bytes = 64u << 20;
  uint64_t wal_bytes_per_sync = 0;         // WAL: sync in steps of this size (0: on each sync write)
  int level0_compaction_trigger = 4;       // L0 files that start a compaction
  uint64_t target_file_bytes = 64u << 20;  // table files of level 1
  uint64_t level_base_bytes = 256u << 20;  // total size of level 1
  // One sync write carries a whole group commit; pipelining lets the next
  // group enter the memtable while the WAL of the previous one syncs.
  bool pipelined_write = true;
};

// How the keys of one column family group: keys of one group arrive in
// ascending order (one centre's tickets, one day's dossiers), so the memtable
// keeps an insert hint per group and skips most of its skip-list search, the
// largest storage cost of a group commit in the profile. Only a hint: any
// grouping gives the same data. The file that encodes a column family's keys
// says how they group (storage/keys.h, services/deadline/dossier_keys.h).
struct KeyGrouping {
  size_t prefix_bytes = 0;  // a group is the key's first N bytes; or, when 0,
  char through_last = 0;    // the key up to and including its last such byte
};

struct StoreOptions {
  std::string path;
  bool create_if_missing = true;
  StoreTuning tuning;
  // The Env RocksDB uses (files, threads). nullptr: the default one. Tests
  // pass an Env whose files fail on demand, to prove what a failed write
  // leaves behind.
  rocksdb::Env* env = nullptr;
  // Column families whose keys are not storage's own (storage/keys.h groups
  // tickets, events and the audit trail by centre) and how they group;
  // absent ones get no hint.
  std::map<Cf, KeyGrouping> key_groups;
};

// What Store::Open found and how long it took.
struct StoreOpenStats {
  uint64_t wal_bytes = 0;  // the WAL files (*.log) the open had to replay; 0 after a clean close
  size_t wal_files = 0;
  int64_t micros = 0;  // the whole open, WAL replay included
};

// All tuned RocksDB options come from this one function; Store::Open adds
// only where the database is (create_if_missing, the Env).
rocksdb::Options MakeDbOptions(const StoreTuning& tuning);

class Store {
 public:
  [[nodiscard]] static StatusOr<std::unique_ptr<Store>> Open(const StoreOptions& options);
  // Flushes every memtable, so that the next open has no WAL to replay,
  // and closes the database.
  ~Store();
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;

  // Point read; NOT_FOUND when absent.
  [[nodiscard]] Status Get(Cf cf, const std::string& key, std::string* value);
  // Point reads of many keys of one column family at once (one RocksDB
  // MultiGet). `values` is resized to keys.size(); the i-th status is OK,
  // NOT_FOUND (absent) or the read's error, for the i-th key.
  [[nodiscard]] std::vector<Status> MultiGet(Cf cf, const std::vector<std::string>& keys,
                                             std::vector<std::string>* values);
  // The last key of [lower, upper) with its value; `upper` empty means "to
  // the end of the column family". True when found (key and value set),
  // false when the range is empty; UNAVAILABLE (or DATA_LOSS) when the read
  // failed.
  [[nodiscard]] StatusOr<bool> LastKeyInRange(Cf cf, const std::string& lower, const std::string& upper,
                                              std::string* key, std::string* value);
  // Immediate synchronous write of one value; for rare metadata only.
  [[nodiscard]] Status PutSync(Cf cf, const std::string& key, const std::string& value);
  // Writes several values of one column family as one synced batch; for
  // maintenance (retention), never for a request's change.
  [[nodiscard]] Status PutSyncBatch(Cf cf, const std::vector<std::pair<std::string, std::string>>& entries);
  // Removes every key of each [lower, upper) range of one column family.
  // The range tombstones are written into one table file that is ingested
  // (never into the memtable: RocksDB 7.8 corrupts a memtable that takes
  // range tombstones beside the insert hints of CfOptions). Writes to the
  // column family pause while its memtable is flushed for the ingestion
  // (flushed just before, so it holds only the writes of that moment).
  // The space comes back only when the ranges are compacted (CompactRange).
  // INVALID_ARGUMENT for a range with lower >= upper; OK for no range.
  [[nodiscard]] Status DeleteRanges(Cf cf, const std::vector<std::pair<std::string, std::string>>& ranges);
  [[nodiscard]] Status DeleteRange(Cf cf, const std::string& lower, const std::string& upper) {
    return DeleteRanges(cf, {{lower, upper}});
  }
  // Flushes the column family's memtable (so that range tombstones leave it
  // and reads stop paying for them) and compacts the keys of [lower, upper)
  // down to the last level, dropping what DeleteRange removed. Runs on
  // RocksDB's background threads while the caller waits (seconds for a
  // large range): call it off the request path. `upper` empty: to the end.
  //
  // `bytes_per_second` > 0 paces it (retention: today's work first): while
  // it runs, the file reads and writes of every compaction of this store
  // are held to that rate by the store's RocksDB rate limiter, flushes
  // first (they are high priority), so the compaction's CPU and disk use
  // stay bounded however large the range; the limit is lifted when it
  // returns. 0: as fast as RocksDB goes. REQUIRES: one paced compaction of
  // a store at a time (the retention thread is its only caller).
  [[nodiscard]] Status CompactRange(Cf cf, const std::string& lower, const std::string& upper,
                                    uint64_t bytes_per_second = 0);
  // Writes a consistent copy of the whole database into `dir`, which must
  // not exist (its parent must): a RocksDB checkpoint, the table files hard
  // linked where `dir` is on the same file system, copied otherwise, with
  // the memtables flushed first so the copy needs no WAL replay. Writes go
  // on meanwhile; the copy holds every write acknowledged before the call.
  // The copy opens like any store (Store::Open on `dir`).
  [[nodiscard]] Status Checkpoint(const std::string& dir);
  // An iterator over [lower, upper) of one column family. The bounds are
  // copied into the returned object and live as long as it does. A `bulk`
  // scan (recovery) leaves the block cache to later reads. It sets no fixed
  // readahead: RocksDB's own grows with the scan (8 KiB doubling to 256
  // KiB), and a fixed 2 MiB made each of 3,321 small centre days read (and
  // copy into fresh pages) megabytes past its end, half of a restart's CPU.
  class RangeIterator;
  std::unique_ptr<RangeIterator> Scan(Cf cf, const std::string& lower, const std::string& upper,
                                      bool bulk = false);
  const StoreOpenStats& open_stats() const { return open_stats_; }

 private:
  friend class GroupCommitWriter;  // writes its batches straight to db_
  Store() = default;
  rocksdb::DB* db() { return db_.get(); }
  rocksdb::ColumnFamilyHandle* handle(Cf cf) { return handles_[static_cast<int>(cf)]; }
  std::unique_ptr<rocksdb::DB> db_;
  std::vector<rocksdb::ColumnFamilyHandle*> handles_;
  StoreOpenStats open_stats_;
  std::string path_;
};

// A forward scan of one range. key() and value() stay valid until Next().
class Store::RangeIterator {
 public:
  bool Valid() const { return it_->Valid(); }
  void Next() { it_->Next(); }
  std::string_view key() const {
    const rocksdb::Slice k = it_->key();
    return {k.data(), k.size()};
  }
  std::string_view value() const {
    const rocksdb::Slice v = it_->value();
    return {v.data(), v.size()};
  }
  // OK, or why the scan stopped early (a read error, not the end).
  Status status() const;

 private:
  friend class Store;
  std::string lower_;
  std::string upper_;
  rocksdb::Slice upper_slice_;
  std::unique_ptr<rocksdb::Iterator> it_;
};

// Converts a RocksDB status to a Status with the closest specific code.
Status FromRocks(const rocksdb::Status& s);

}  // namespace qms::storage
