#include "services/server/store_tuning.h"

namespace qms::server {

storage::StoreOptions StoreOptionsOf(const config::StorageConfig& s) {
  storage::StoreOptions options;
  storage::StoreTuning& t = options.tuning;
  t.block_cache_bytes = s.block_cache_bytes;
  t.write_buffer_bytes = s.write_buffer_bytes;
  t.max_write_buffers = s.max_write_buffers;
  t.background_jobs = s.background_jobs;
  t.bytes_per_sync = s.bytes_per_sync;
  t.max_total_wal_bytes = s.max_total_wal_bytes;
  t.wal_bytes_per_sync = s.wal_bytes_per_sync;
  t.level0_compaction_trigger = s.level0_compaction_trigger;
  t.target_file_bytes = s.target_file_bytes;
  t.level_base_bytes = s.level_base_bytes;
  t.pipelined_write = s.pipelined_write;
  return options;
}

}  // namespace qms::server
