#include "storage/store.h"

#include <rocksdb/filter_policy.h>
#include <rocksdb/rate_limiter.h>
#include <rocksdb/slice_transform.h>
#include <rocksdb/sst_file_writer.h>
#include <rocksdb/table.h>
#include <rocksdb/utilities/checkpoint.h>
#include <rocksdb/write_batch.h>

#include <chrono>
#include <filesystem>

#include "storage/keys.h"
#include "storage/stderr_logger.h"

namespace qms::storage {

const char* CfName(Cf cf) {
  switch (cf) {
    case Cf::kDefault: return "default";
    case Cf::kTickets: return "tickets";
    case Cf::kEvents: return "events";
    case Cf::kCounters: return "counters";
    case Cf::kMeta: return "meta";
    case Cf::kDossiers: return "dossiers";
    case Cf::kDossierDue: return "dossier_due";
    case Cf::kDossierIndex: return "dossier_index";
    case Cf::kAudit: return "audit";
    case Cf::kDayStats: return "day_stats";
    case Cf::kCount: break;
  }
  return "?";
}

namespace {
// The rate limiter's rate when no paced compaction runs: far above what
// this machine's disks do, so it never holds anything back.
constexpr int64_t kUnlimitedBytesPerSecond = int64_t{64} << 30;
}  // namespace

rocksdb::Options MakeDbOptions(const StoreTuning& tuning) {
  rocksdb::Options o;
  o.create_missing_column_families = true;
  o.max_background_jobs = tuning.background_jobs;
  o.write_buffer_size = tuning.write_buffer_bytes;
  o.max_write_buffer_number = tuning.max_write_buffers;
  o.bytes_per_sync = tuning.bytes_per_sync;
  if (tuning.max_total_wal_bytes > 0) o.max_total_wal_size = tuning.max_total_wal_bytes;
  if (tuning.wal_bytes_per_sync > 0) o.wal_bytes_per_sync = tuning.wal_bytes_per_sync;
  if (tuning.level0_compaction_trigger > 0)
    o.level0_file_num_compaction_trigger = tuning.level0_compaction_trigger;
  if (tuning.target_file_bytes > 0) o.target_file_size_base = tuning.target_file_bytes;
  if (tuning.level_base_bytes > 0) o.max_bytes_for_level_base = tuning.level_base_bytes;
  o.compression = rocksdb::kLZ4Compression;
  o.bottommost_compression = rocksdb::kZSTD;
  o.enable_pipelined_write = tuning.pipelined_write;
  // Installed unlimited; Store::CompactRange lowers it while a paced
  // compaction runs. kAllIo: compaction reads count too, so a compaction
  // that mostly drops deleted keys is held as well.
  o.rate_limiter.reset(rocksdb::NewGenericRateLimiter(kUnlimitedBytesPerSecond, 100 * 1000, 10,
                                                      rocksdb::RateLimiter::Mode::kAllIo));
  // RocksDB derives the stall write rate from a rate limiter's rate unless
  // given: keep the rate it uses without one.
  o.delayed_write_rate = 16u << 20;
  rocksdb::BlockBasedTableOptions table;
  table.block_cache = rocksdb::NewLRUCache(tuning.block_cache_bytes);
  table.filter_policy.reset(rocksdb::NewBloomFilterPolicy(10, false));
  table.cache_index_and_filter_blocks = true;
  o.table_factory.reset(rocksdb::NewBlockBasedTableFactory(table));
  return o;
}

// Options of one column family: the base options with the memtable insert
// hint of its key grouping (KeyGrouping, store.h).
namespace {

// Groups keys up to and including their last `separator`: for keys whose
// variable-length head is cut off by it.
class ThroughLastPrefix final : public rocksdb::SliceTransform {
 public:
  explicit ThroughLastPrefix(char separator)
      : separator_(separator), name_(std::string("qms.ThroughLast.") + separator) {}
  const char* Name() const override { return name_.c_str(); }
  rocksdb::Slice Transform(const rocksdb::Slice& key) const override {
    return rocksdb::Slice(key.data(), LastSeparator(key) + 1);
  }
  bool InDomain(const rocksdb::Slice& key) const override { return LastSeparator(key) != kNone; }

 private:
  static constexpr size_t kNone = static_cast<size_t>(-1);
  size_t LastSeparator(const rocksdb::Slice& key) const {
    for (size_t i = key.size(); i > 0; --i) {
      if (key[i - 1] == separator_) return i - 1;
    }
    return kNone;
  }
  const char separator_;
  const std::string name_;
};

// Storage's own keys (storage/keys.h) start with the centre.
KeyGrouping OwnGrouping(Cf cf) {
  switch (cf) {
    case Cf::kTickets:
    case Cf::kEvents:
    case Cf::kAudit:
    case Cf::kDayStats: return KeyGrouping{kCentrePrefixBytes, 0};
    default: return KeyGrouping{};
  }
}

rocksdb::ColumnFamilyOptions CfOptions(const rocksdb::Options& base, Cf cf, const StoreOptions& options) {
  rocksdb::ColumnFamilyOptions o(base);
  const auto given = options.key_groups.find(cf);
  const KeyGrouping g = given != options.key_groups.end() ? given->second : OwnGrouping(cf);
  if (g.prefix_bytes > 0) {
    o.memtable_insert_with_hint_prefix_extractor.reset(rocksdb::NewFixedPrefixTransform(g.prefix_bytes));
  } else if (g.through_last != 0) {
    o.memtable_insert_with_hint_prefix_extractor = std::make_shared<ThroughLastPrefix>(g.through_last);
  }
  return o;
}

}  // namespace

Status FromRocks(const rocksdb::Status& s) {
  if (s.ok()) return Status::Ok();
  if (s.IsNotFound()) return NotFound(s.ToString());
  if (s.IsInvalidArgument()) return InvalidArgument(s.ToString());
  if (s.IsCorruption()) return Status(StatusCode::kDataLoss, s.ToString());
  if (s.IsIOError() || s.IsBusy() || s.IsTimedOut() || s.IsTryAgain()) return Unavailable(s.ToString());
  return Internal(s.ToString());
}

namespace {

// The WAL files in `path` (RocksDB names them NNNNNN.log; its info log is
// LOG, without the extension).
void MeasureWal(const std::string& path, StoreOpenStats* stats) {
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(path, ec)) {
    if (entry.path().extension() != ".log") continue;
    const uintmax_t size = entry.file_size(ec);
    if (ec) continue;
    stats->wal_bytes += size;
    stats->wal_files++;
  }
}

int64_t MonotonicMicros() {
  return std::chrono::duration_cast<std::chrono::microseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

}  // namespace

StatusOr<std::unique_ptr<Store>> Store::Open(const StoreOptions& options) {
  const int64_t started = MonotonicMicros();
  std::error_code ec;  // RocksDB creates only the last folder of the path
  std::filesystem::create_directories(options.path, ec);
  if (ec) return Unavailable("cannot create " + options.path + ": " + ec.message());
  rocksdb::Options o = MakeDbOptions(options.tuning);
  o.create_if_missing = options.create_if_missing;
  if (options.env != nullptr) o.env = options.env;
  o.info_log = NewStderrLogger(options.path);
  std::vector<rocksdb::ColumnFamilyDescriptor> cfs;
  for (int i = 0; i < static_cast<int>(Cf::kCount); ++i) {
    cfs.emplace_back(CfName(static_cast<Cf>(i)), CfOptions(o, static_cast<Cf>(i), options));
  }
  std::unique_ptr<Store> store(new Store());
  MeasureWal(options.path, &store->open_stats_);
  rocksdb::DB* raw = nullptr;
  rocksdb::Status s = rocksdb::DB::Open(rocksdb::DBOptions(o), options.path, cfs, &store->handles_, &raw);
  if (!s.ok()) return Unavailable("cannot open store at " + options.path + ": " + s.ToString());
  store->db_.reset(raw);
  store->open_stats_.micros = MonotonicMicros() - started;
  store->path_ = options.path;
  return store;
}

Store::~Store() {
  if (!db_) return;
  // Flushing the memtables on a clean stop spares the next start a WAL replay.
  rocksdb::FlushOptions flush;
  db_->Flush(flush, handles_).PermitUncheckedError();
  for (auto* h : handles_) db_->DestroyColumnFamilyHandle(h).PermitUncheckedError();
  db_->Close().PermitUncheckedError();
}

Status Store::Get(Cf cf, const std::string& key, std::string* value) {
  return FromRocks(db_->Get(rocksdb::ReadOptions(), handle(cf), key, value));
}

Status Store::PutSync(Cf cf, const std::string& key, const std::string& value) {
  rocksdb::WriteOptions w;
  w.sync = true;
  return FromRocks(db_->Put(w, handle(cf), key, value));
}

std::unique_ptr<Store::RangeIterator> Store::Scan(Cf cf, const std::string& lower, const std::string& upper,
                                                  bool bulk) {
  auto r = std::unique_ptr<RangeIterator>(new RangeIterator());
  r->lower_ = lower;
  r->upper_ = upper;
  rocksdb::ReadOptions ro;
  if (bulk) {
    ro.fill_cache = false;
  }
  if (!r->upper_.empty()) {
    r->upper_slice_ = rocksdb::Slice(r->upper_);
    ro.iterate_upper_bound = &r->upper_slice_;
  }
  r->it_.reset(db_->NewIterator(ro, handle(cf)));
  r->it_->Seek(r->lower_);
  return r;
}

}  // namespace qms::storage

namespace qms::storage {

Status Store::RangeIterator::status() const { return FromRocks(it_->status()); }

std::vector<Status> Store::MultiGet(Cf cf, const std::vector<std::string>& keys,
                                    std::vector<std::string>* values) {
  std::vector<rocksdb::Slice> slices(keys.begin(), keys.end());
  std::vector<rocksdb::ColumnFamilyHandle*> handles(keys.size(), handle(cf));
  const std::vector<rocksdb::Status> read = db_->MultiGet(rocksdb::ReadOptions(), handles, slices, values);
  std::vector<Status> statuses;
  statuses.reserve(read.size());
  for (const auto& s : read) statuses.push_back(FromRocks(s));
  return statuses;
}

StatusOr<bool> Store::LastKeyInRange(Cf cf, const std::string& lower, const std::string& upper,
                                     std::string* key, std::string* value) {
  rocksdb::ReadOptions ro;
  const rocksdb::Slice lower_slice(lower);
  ro.iterate_lower_bound = &lower_slice;
  std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(ro, handle(cf)));
  if (upper.empty()) {
    it->SeekToLast();
  } else {
    // The last key at or before `upper`, stepping off `upper` itself.
    it->SeekForPrev(upper);
    if (it->Valid() && it->key() == rocksdb::Slice(upper)) it->Prev();
  }
  if (!it->Valid()) {
    if (!it->status().ok()) return FromRocks(it->status());
    return false;
  }
  if (it->key().compare(lower_slice) < 0) return false;
  key->assign(it->key().data(), it->key().size());
  value->assign(it->value().data(), it->value().size());
  return true;
}

}  // namespace qms::storage

namespace qms::storage {

Status Store::PutSyncBatch(Cf cf, const std::vector<std::pair<std::string, std::string>>& entries) {
  rocksdb::WriteBatch batch;
  for (const auto& [key, value] : entries) {
    if (Status s = FromRocks(batch.Put(handle(cf), key, value)); !s.ok()) return s;
  }
  rocksdb::WriteOptions w;
  w.sync = true;
  return FromRocks(db_->Write(w, &batch));
}

Status Store::DeleteRanges(Cf cf, const std::vector<std::pair<std::string, std::string>>& ranges) {
  for (const auto& [lower, upper] : ranges) {
    if (!(lower < upper)) return InvalidArgument("DeleteRanges: empty range");
  }
  if (ranges.empty()) return Status::Ok();
  // Flushed first, so that the ingestion's own flush (writes paused) is short.
  if (Status s = FromRocks(db_->Flush(rocksdb::FlushOptions(), handle(cf))); !s.ok()) return s;
  const std::string file = path_ + "/ranges-" + CfName(cf) + ".sst.tmp";
  rocksdb::SstFileWriter writer(rocksdb::EnvOptions(), db_->GetOptions(handle(cf)), handle(cf));
  rocksdb::Status s = writer.Open(file);
  for (size_t i = 0; s.ok() && i < ranges.size(); ++i)
    s = writer.DeleteRange(ranges[i].first, ranges[i].second);
  if (s.ok()) s = writer.Finish();
  if (s.ok()) {
    rocksdb::IngestExternalFileOptions ingest;
    ingest.move_files = true;
    s = db_->IngestExternalFile(handle(cf), {file}, ingest);
  }
  std::error_code ec;
  std::filesystem::remove(file, ec);  // linked into the database, or failed
  return FromRocks(s);
}

Status Store::CompactRange(Cf cf, const std::string& lower, const std::string& upper,
                           uint64_t bytes_per_second) {
  rocksdb::FlushOptions flush;
  if (Status s = FromRocks(db_->Flush(flush, handle(cf))); !s.ok()) return s;
  rocksdb::CompactRangeOptions o;
  o.exclusive_manual_compaction = false;  // automatic compactions go on
  o.bottommost_level_compaction = rocksdb::BottommostLevelCompaction::kForceOptimized;
  const rocksdb::Slice begin(lower), end(upper);
  rocksdb::RateLimiter* limiter = db_->GetDBOptions().rate_limiter.get();
  const bool paced = bytes_per_second > 0 && limiter != nullptr;
  if (paced) limiter->SetBytesPerSecond(static_cast<int64_t>(bytes_per_second));
  const rocksdb::Status s = db_->CompactRange(o, handle(cf), &begin, upper.empty() ? nullptr : &end);
  if (paced) limiter->SetBytesPerSecond(kUnlimitedBytesPerSecond);
  return FromRocks(s);
}

Status Store::Checkpoint(const std::string& dir) {
  rocksdb::Checkpoint* raw = nullptr;
  if (Status s = FromRocks(rocksdb::Checkpoint::Create(db_.get(), &raw)); !s.ok()) return s;
  std::unique_ptr<rocksdb::Checkpoint> checkpoint(raw);
  // 0: always flush the memtables first, so the copy's WAL is empty.
  return FromRocks(checkpoint->CreateCheckpoint(dir, /*log_size_for_flush=*/0));
}

}  // namespace qms::storage
