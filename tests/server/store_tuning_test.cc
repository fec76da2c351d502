// The config's `storage:` settings reach the stores: every field of
// StorageConfig lands in its StoreTuning field, and the defaults of both are
// the same values.
#include "services/server/store_tuning.h"

#include <gtest/gtest.h>

namespace qms::server {
namespace {

TEST(StoreTuningTest, DefaultsOfTheConfigAreTheStoresDefaults) {
  const storage::StoreTuning from_config = StoreOptionsOf(config::StorageConfig{}).tuning;
  const storage::StoreTuning plain;
  EXPECT_EQ(from_config.block_cache_bytes, plain.block_cache_bytes);
  EXPECT_EQ(from_config.write_buffer_bytes, plain.write_buffer_bytes);
  EXPECT_EQ(from_config.max_write_buffers, plain.max_write_buffers);
  EXPECT_EQ(from_config.background_jobs, plain.background_jobs);
  EXPECT_EQ(from_config.bytes_per_sync, plain.bytes_per_sync);
  EXPECT_EQ(from_config.max_total_wal_bytes, plain.max_total_wal_bytes);
  EXPECT_EQ(from_config.wal_bytes_per_sync, plain.wal_bytes_per_sync);
  EXPECT_EQ(from_config.level0_compaction_trigger, plain.level0_compaction_trigger);
  EXPECT_EQ(from_config.target_file_bytes, plain.target_file_bytes);
  EXPECT_EQ(from_config.level_base_bytes, plain.level_base_bytes);
  EXPECT_EQ(from_config.pipelined_write, plain.pipelined_write);
}

TEST(StoreTuningTest, EveryFieldIsCarried) {
  config::StorageConfig s;
  s.block_cache_bytes = 11;
  s.write_buffer_bytes = 12;
  s.max_write_buffers = 13;
  s.background_jobs = 14;
  s.bytes_per_sync = 15;
  s.max_total_wal_bytes = 16;
  s.wal_bytes_per_sync = 17;
  s.level0_compaction_trigger = 18;
  s.target_file_bytes = 19;
  s.level_base_bytes = 20;
  s.pipelined_write = false;
  const storage::StoreOptions options = StoreOptionsOf(s);
  const storage::StoreTuning& t = options.tuning;
  EXPECT_EQ(t.block_cache_bytes, 11u);
  EXPECT_EQ(t.write_buffer_bytes, 12u);
  EXPECT_EQ(t.max_write_buffers, 13);
  EXPECT_EQ(t.background_jobs, 14);
  EXPECT_EQ(t.bytes_per_sync, 15u);
  EXPECT_EQ(t.max_total_wal_bytes, 16u);
  EXPECT_EQ(t.wal_bytes_per_sync, 17u);
  EXPECT_EQ(t.level0_compaction_trigger, 18);
  EXPECT_EQ(t.target_file_bytes, 19u);
  EXPECT_EQ(t.level_base_bytes, 20u);
  EXPECT_FALSE(t.pipelined_write);
  EXPECT_TRUE(options.path.empty());  // each stack says where its store is
}

}  // namespace
}  // namespace qms::server
