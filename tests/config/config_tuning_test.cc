// The tuning sections: `storage:` (RocksDB settings of both databases, in
// MiB/KiB as their names say) and `load:` (when the server sheds), their
// defaults, and every mistake reported with its line.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

#include "services/config/config_loader.h"
#include "tests/config/config_test_util.h"

namespace qms::config {
namespace {

using test_util::CentreYaml;
using test_util::ExpectInvalid;
using test_util::Parse;

const std::string kCentres = "centres:\n" + CentreYaml("1");

TEST(ConfigStorageTest, DefaultsAreTheValuesTheServerAlwaysUsed) {
  const auto config = Parse(kCentres);
  ASSERT_TRUE(config.ok()) << config.status().ToString();
  const StorageConfig& s = config->storage;
  EXPECT_EQ(s.block_cache_bytes, 256u << 20);
  EXPECT_EQ(s.write_buffer_bytes, 64u << 20);
  EXPECT_EQ(s.max_write_buffers, 4);
  EXPECT_EQ(s.background_jobs, 2);
  EXPECT_EQ(s.max_total_wal_bytes, 64u << 20);
  EXPECT_TRUE(s.pipelined_write);
}

TEST(ConfigStorageTest, EveryKeyScalesToItsField) {
  const auto config = Parse(
      "storage:\n"
      "  block_cache_mb: 512\n"
      "  write_buffer_mb: 32\n"
      "  max_write_buffers: 3\n"
      "  background_jobs: 4\n"
      "  bytes_per_sync_kb: 512\n"
      "  max_total_wal_mb: 128\n"
      "  wal_bytes_per_sync_kb: 64\n"
      "  level0_compaction_trigger: 8\n"
      "  target_file_mb: 16\n"
      "  level_base_mb: 100\n"
      "  pipelined_write: false\n" +
      kCentres);
  ASSERT_TRUE(config.ok()) << config.status().ToString();
  const StorageConfig& s = config->storage;
  EXPECT_EQ(s.block_cache_bytes, 512ull << 20);
  EXPECT_EQ(s.write_buffer_bytes, 32ull << 20);
  EXPECT_EQ(s.max_write_buffers, 3);
  EXPECT_EQ(s.background_jobs, 4);
  EXPECT_EQ(s.bytes_per_sync, 512ull << 10);
  EXPECT_EQ(s.max_total_wal_bytes, 128ull << 20);
  EXPECT_EQ(s.wal_bytes_per_sync, 64ull << 10);
  EXPECT_EQ(s.level0_compaction_trigger, 8);
  EXPECT_EQ(s.target_file_bytes, 16ull << 20);
  EXPECT_EQ(s.level_base_bytes, 100ull << 20);
  EXPECT_FALSE(s.pipelined_write);
}

TEST(ConfigStorageTest, Mistakes) {
  ExpectInvalid("storage:\n  cache_mb: 5\n" + kCentres, 2, "storage.cache_mb",
                "unknown key (expected one of:");
  ExpectInvalid("storage:\n  block_cache_mb: 0\n" + kCentres, 2, "storage.block_cache_mb",
                "expected a whole number");
  ExpectInvalid("storage:\n  max_write_buffers: 1\n" + kCentres, 2, "storage.max_write_buffers",
                "expected a whole number");
  ExpectInvalid("storage:\n  write_buffer_mb: 64MB\n" + kCentres, 2, "storage.write_buffer_mb",
                "expected a whole number");
  ExpectInvalid("storage:\n  pipelined_write: maybe\n" + kCentres, 2, "storage.pipelined_write", "");
  ExpectInvalid("storage: [fast]\n" + kCentres, 1, "storage", "expected a map");
}

TEST(ConfigLoadTest, DefaultsAndValues) {
  const auto defaults = Parse(kCentres);
  ASSERT_TRUE(defaults.ok()) << defaults.status().ToString();
  EXPECT_EQ(defaults->load.max_in_flight, 4096);
  EXPECT_EQ(defaults->load.busy_in_flight, 1024);
  EXPECT_EQ(defaults->load.centre_floor, 32);
  EXPECT_EQ(defaults->load.max_streams_per_connection, 256);
  EXPECT_EQ(defaults->load.watch_stall_ms, 30000);
  const auto config = Parse(
      "load:\n  max_in_flight: 500\n  busy_in_flight: 100\n  centre_floor: 4\n  max_streams_per_connection: "
      "64\n  watch_stall_ms: 5000\n" +
      kCentres);
  ASSERT_TRUE(config.ok()) << config.status().ToString();
  EXPECT_EQ(config->load.max_in_flight, 500);
  EXPECT_EQ(config->load.busy_in_flight, 100);
  EXPECT_EQ(config->load.centre_floor, 4);
  EXPECT_EQ(config->load.max_streams_per_connection, 64);
  EXPECT_EQ(config->load.watch_stall_ms, 5000);
}

TEST(ConfigLoadTest, Mistakes) {
  ExpectInvalid("load:\n  max_in_flight: 0\n" + kCentres, 2, "load.max_in_flight", "expected a whole number");
  ExpectInvalid("load:\n  queue: 5\n" + kCentres, 2, "load.queue",
                "unknown key (expected one of: busy_in_flight, centre_floor, max_in_flight, "
                "max_streams_per_connection, watch_stall_ms)");
  ExpectInvalid("load:\n  watch_stall_ms: 50\n" + kCentres, 2, "load.watch_stall_ms",
                "expected a whole number 100-3600000");
  ExpectInvalid("load:\n  max_in_flight: 10\n  busy_in_flight: 20\n" + kCentres, 1, "load",
                "busy_in_flight must not be above max_in_flight");
}

}  // namespace
}  // namespace qms::config
