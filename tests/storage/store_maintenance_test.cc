// The Store's maintenance calls: DeleteRange + CompactRange (retention),
// PutSyncBatch, and Checkpoint (backup) on a real RocksDB.
#include <gtest/gtest.h>

#include <filesystem>
#include <random>

#include "storage/keys.h"
#include "storage/store.h"
#include "tests/support/temp_dir.h"

namespace qms::storage {
namespace {

class StoreMaintenanceTest : public ::testing::Test {
 protected:
  void SetUp() override { store_ = OpenAt(dir_.path() + "/db"); }
  static std::unique_ptr<Store> OpenAt(const std::string& path) {
    StoreOptions options;
    options.path = path;
    auto store = Store::Open(options);
    EXPECT_TRUE(store.ok()) << store.status().ToString();
    return store.ok() ? std::move(*store) : nullptr;
  }
  static size_t Count(Store* store, Cf cf, const std::string& lower, const std::string& upper) {
    size_t n = 0;
    for (auto it = store->Scan(cf, lower, upper); it->Valid(); it->Next()) ++n;
    return n;
  }

  qms::test::TempDir dir_;
  std::unique_ptr<Store> store_;
};

TEST_F(StoreMaintenanceTest, DeleteRangeRemovesExactlyTheRangeAndSurvivesCompactionAndReopen) {
  std::vector<std::pair<std::string, std::string>> tickets;
  for (uint32_t day : {20250701u, 20250702u, 20250703u}) {
    for (uint32_t seq = 1; seq <= 50; ++seq) {
      tickets.emplace_back(TicketKey(7, day, seq), "t");
      tickets.emplace_back(TicketKey(8, day, seq), "t");
    }
  }
  ASSERT_TRUE(store_->PutSyncBatch(Cf::kTickets, tickets).ok());
  ASSERT_EQ(Count(store_.get(), Cf::kTickets, "", ""), 300u);
  // Centre 7's first two days.
  ASSERT_TRUE(store_->DeleteRange(Cf::kTickets, CentrePrefix(7), CentreDayPrefix(7, 20250703)).ok());
  EXPECT_EQ(Count(store_.get(), Cf::kTickets, CentrePrefix(7), PrefixUpperBound(CentrePrefix(7))), 50u);
  EXPECT_EQ(Count(store_.get(), Cf::kTickets, CentrePrefix(8), PrefixUpperBound(CentrePrefix(8))), 150u);
  ASSERT_TRUE(store_->CompactRange(Cf::kTickets, CentrePrefix(7), PrefixUpperBound(CentrePrefix(8))).ok());
  ASSERT_TRUE(store_->CompactRange(Cf::kTickets, "", "").ok());  // the whole column family
  EXPECT_EQ(Count(store_.get(), Cf::kTickets, "", ""), 200u);
  store_.reset();
  store_ = OpenAt(dir_.path() + "/db");
  ASSERT_NE(store_, nullptr);
  std::string value;
  EXPECT_EQ(store_->Get(Cf::kTickets, TicketKey(7, 20250702, 50), &value).code(), StatusCode::kNotFound);
  EXPECT_TRUE(store_->Get(Cf::kTickets, TicketKey(7, 20250703, 1), &value).ok());
  EXPECT_TRUE(store_->Get(Cf::kTickets, TicketKey(8, 20250701, 1), &value).ok());
  EXPECT_EQ(Count(store_.get(), Cf::kTickets, "", ""), 200u);
}

// The table files' bytes of the store at `path`.
uint64_t TableBytes(const std::string& path) {
  uint64_t bytes = 0;
  for (const auto& entry : std::filesystem::directory_iterator(path)) {
    if (entry.path().extension() == ".sst") bytes += entry.file_size();
  }
  return bytes;
}

// A paced compaction (retention's) still does the whole job: the deleted
// range's space comes back and the rest is untouched; the store writes
// and compacts normally afterwards.
TEST_F(StoreMaintenanceTest, APacedCompactionDropsTheDeletedRange) {
  std::vector<std::pair<std::string, std::string>> tickets;
  std::mt19937 random(7);  // values that do not compress
  std::string value(1000, 'x');
  for (uint32_t seq = 1; seq <= 1000; ++seq) {
    for (char& c : value) c = static_cast<char>(random());
    tickets.emplace_back(TicketKey(7, 20250701, seq), value);
    if (seq <= 100) tickets.emplace_back(TicketKey(8, 20250701, seq), value);
  }
  ASSERT_TRUE(store_->PutSyncBatch(Cf::kTickets, tickets).ok());
  ASSERT_TRUE(store_->CompactRange(Cf::kTickets, "", "").ok());
  const uint64_t before = TableBytes(dir_.path() + "/db");
  ASSERT_GT(before, 500'000u);
  ASSERT_TRUE(store_->DeleteRange(Cf::kTickets, CentrePrefix(7), PrefixUpperBound(CentrePrefix(7))).ok());
  ASSERT_TRUE(store_->CompactRange(Cf::kTickets, "", "", /*bytes_per_second=*/8u << 20).ok());
  EXPECT_LT(TableBytes(dir_.path() + "/db"), before / 4);
  EXPECT_EQ(Count(store_.get(), Cf::kTickets, "", ""), 100u);
  ASSERT_TRUE(store_->PutSync(Cf::kTickets, TicketKey(8, 20250702, 1), "after").ok());
  ASSERT_TRUE(store_->CompactRange(Cf::kTickets, "", "").ok());
  EXPECT_EQ(Count(store_.get(), Cf::kTickets, "", ""), 101u);
}

TEST_F(StoreMaintenanceTest, DeleteRangeRefusesAnEmptyRange) {
  EXPECT_EQ(store_->DeleteRange(Cf::kTickets, "b", "a").code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(store_->DeleteRange(Cf::kTickets, "a", "a").code(), StatusCode::kInvalidArgument);
}

TEST_F(StoreMaintenanceTest, ACheckpointOpensWithEverythingWrittenBeforeItAndNothingAfter) {
  ASSERT_TRUE(store_->PutSync(Cf::kMeta, "citizen_salt", "salt").ok());
  ASSERT_TRUE(store_->PutSync(Cf::kTickets, TicketKey(7, 20250701, 1), "before").ok());
  ASSERT_TRUE(store_->PutSync(Cf::kDayStats, DayStatsKey(7, 20250630), "figures").ok());
  const std::string copy = dir_.path() + "/backup/queue";
  std::filesystem::create_directories(dir_.path() + "/backup");
  ASSERT_TRUE(store_->Checkpoint(copy).ok());
  ASSERT_TRUE(store_->PutSync(Cf::kTickets, TicketKey(7, 20250701, 2), "after").ok());
  // A second checkpoint into the same folder is refused.
  EXPECT_FALSE(store_->Checkpoint(copy).ok());

  auto restored = OpenAt(copy);
  ASSERT_NE(restored, nullptr);
  std::string value;
  ASSERT_TRUE(restored->Get(Cf::kMeta, "citizen_salt", &value).ok());
  EXPECT_EQ(value, "salt");
  ASSERT_TRUE(restored->Get(Cf::kTickets, TicketKey(7, 20250701, 1), &value).ok());
  EXPECT_EQ(value, "before");
  ASSERT_TRUE(restored->Get(Cf::kDayStats, DayStatsKey(7, 20250630), &value).ok());
  EXPECT_EQ(restored->Get(Cf::kTickets, TicketKey(7, 20250701, 2), &value).code(), StatusCode::kNotFound);
  // The live store is unaffected by writes to the copy.
  ASSERT_TRUE(restored->PutSync(Cf::kTickets, TicketKey(7, 20250701, 3), "copy only").ok());
  EXPECT_EQ(store_->Get(Cf::kTickets, TicketKey(7, 20250701, 3), &value).code(), StatusCode::kNotFound);
}

}  // namespace
}  // namespace qms::storage
