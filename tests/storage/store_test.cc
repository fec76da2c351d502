#include "storage/store.h"

#include <gtest/gtest.h>

#include "storage/keys.h"
#include "tests/support/temp_dir.h"

namespace qms::storage {
namespace {

class StoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    StoreOptions options;
    options.path = dir_.path();
    auto store = Store::Open(options);
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    store_ = std::move(*store);
  }
  void Put(Cf cf, const std::string& key, const std::string& value) {
    ASSERT_TRUE(store_->PutSync(cf, key, value).ok());
  }
  // "key=value" of the last key in [lower, upper), "none", or the error.
  std::string Last(Cf cf, const std::string& lower, const std::string& upper) {
    std::string key, value;
    auto found = store_->LastKeyInRange(cf, lower, upper, &key, &value);
    if (!found.ok()) return found.status().ToString();
    return *found ? key + "=" + value : "none";
  }

  qms::test::TempDir dir_;
  std::unique_ptr<Store> store_;
};

TEST_F(StoreTest, LastKeyInRangeIsTheLastKeyBelowTheUpperBound) {
  Put(Cf::kMeta, "a1", "v1");
  Put(Cf::kMeta, "b1", "v2");
  Put(Cf::kMeta, "b2", "v3");
  Put(Cf::kMeta, "c1", "v4");
  EXPECT_EQ(Last(Cf::kMeta, "b", "c"), "b2=v3");
  EXPECT_EQ(Last(Cf::kMeta, "b", "b2"), "b1=v2");  // the upper bound itself is out
  EXPECT_EQ(Last(Cf::kMeta, "a", "b1"), "a1=v1");
  EXPECT_EQ(Last(Cf::kMeta, "", ""), "c1=v4");  // empty upper: to the end
  EXPECT_EQ(Last(Cf::kMeta, "b", ""), "c1=v4");
}

TEST_F(StoreTest, LastKeyInRangeFindsNothingBelowTheLowerBound) {
  Put(Cf::kMeta, "a1", "v1");
  Put(Cf::kMeta, "c1", "v2");
  EXPECT_EQ(Last(Cf::kMeta, "b", "c"), "none");
  EXPECT_EQ(Last(Cf::kMeta, "d", ""), "none");
  EXPECT_EQ(Last(Cf::kTickets, "", ""), "none");  // another column family
}

TEST_F(StoreTest, LastKeyInRangeWithBinaryCentrePrefixes) {
  Put(Cf::kEvents, EventKey(7, 20250701, 3), "x");
  Put(Cf::kEvents, EventKey(7, 20250702, 9), "y");
  Put(Cf::kEvents, EventKey(8, 20250101, 1), "z");
  std::string key, value;
  const std::string prefix = CentrePrefix(7);
  auto found = store_->LastKeyInRange(Cf::kEvents, prefix, PrefixUpperBound(prefix), &key, &value);
  ASSERT_TRUE(found.ok());
  ASSERT_TRUE(*found);
  EXPECT_EQ(key, EventKey(7, 20250702, 9));
  EXPECT_EQ(value, "y");
}

TEST_F(StoreTest, MultiGetAnswersEachKeyInOrder) {
  Put(Cf::kDossiers, "k1", "one");
  Put(Cf::kDossiers, "k3", "three");
  std::vector<std::string> values;
  const std::vector<Status> read = store_->MultiGet(Cf::kDossiers, {"k3", "k2", "k1"}, &values);
  ASSERT_EQ(read.size(), 3u);
  ASSERT_EQ(values.size(), 3u);
  EXPECT_TRUE(read[0].ok());
  EXPECT_EQ(values[0], "three");
  EXPECT_EQ(read[1].code(), StatusCode::kNotFound);
  EXPECT_TRUE(read[2].ok());
  EXPECT_EQ(values[2], "one");
}

TEST_F(StoreTest, MultiGetOfNoKeysIsEmpty) {
  std::vector<std::string> values;
  EXPECT_TRUE(store_->MultiGet(Cf::kDossiers, {}, &values).empty());
}

}  // namespace
}  // namespace qms::storage

namespace qms::storage {
namespace {

// The defaults are the options qms-server always ran with; changing one is
// a decision for docs/config.md, not an accident.
TEST(MakeDbOptionsTest, DefaultsAreTheLongStandingValues) {
  const rocksdb::Options o = MakeDbOptions(StoreTuning{});
  EXPECT_EQ(o.write_buffer_size, 64u << 20);
  EXPECT_EQ(o.max_write_buffer_number, 4);
  EXPECT_EQ(o.max_background_jobs, 2);
  EXPECT_EQ(o.bytes_per_sync, 1u << 20);
  EXPECT_EQ(o.max_total_wal_size, 64u << 20);  // bounds the replay after a crash
  EXPECT_EQ(o.wal_bytes_per_sync, 0u);
  EXPECT_EQ(o.level0_file_num_compaction_trigger, 4);
  EXPECT_EQ(o.target_file_size_base, 64u << 20);
  EXPECT_EQ(o.max_bytes_for_level_base, 256u << 20);
  EXPECT_TRUE(o.enable_pipelined_write);
  EXPECT_TRUE(o.create_missing_column_families);
  EXPECT_EQ(o.compression, rocksdb::kLZ4Compression);
  EXPECT_EQ(o.bottommost_compression, rocksdb::kZSTD);
}

TEST(MakeDbOptionsTest, EveryTuningReachesRocksDb) {
  StoreTuning t;
  t.write_buffer_bytes = 8u << 20;
  t.max_write_buffers = 3;
  t.background_jobs = 4;
  t.bytes_per_sync = 2u << 20;
  t.max_total_wal_bytes = 512u << 20;
  t.wal_bytes_per_sync = 1u << 20;
  t.level0_compaction_trigger = 8;
  t.target_file_bytes = 32u << 20;
  t.level_base_bytes = 128u << 20;
  t.pipelined_write = false;
  const rocksdb::Options o = MakeDbOptions(t);
  EXPECT_EQ(o.write_buffer_size, 8u << 20);
  EXPECT_EQ(o.max_write_buffer_number, 3);
  EXPECT_EQ(o.max_background_jobs, 4);
  EXPECT_EQ(o.bytes_per_sync, 2u << 20);
  EXPECT_EQ(o.max_total_wal_size, 512u << 20);
  EXPECT_EQ(o.wal_bytes_per_sync, 1u << 20);
  EXPECT_EQ(o.level0_file_num_compaction_trigger, 8);
  EXPECT_EQ(o.target_file_size_base, 32u << 20);
  EXPECT_EQ(o.max_bytes_for_level_base, 128u << 20);
  EXPECT_FALSE(o.enable_pipelined_write);
}

TEST(MakeDbOptionsTest, AStoreOpensWithASmallTuning) {
  qms::test::TempDir dir;
  StoreOptions options;
  options.path = dir.path();
  options.tuning.block_cache_bytes = 1u << 20;
  options.tuning.write_buffer_bytes = 1u << 20;
  auto store = Store::Open(options);
  ASSERT_TRUE(store.ok()) << store.status().ToString();
  ASSERT_TRUE((*store)->PutSync(Cf::kMeta, "k", "v").ok());
  std::string value;
  ASSERT_TRUE((*store)->Get(Cf::kMeta, "k", &value).ok());
  EXPECT_EQ(value, "v");
}

}  // namespace
}  // namespace qms::storage
