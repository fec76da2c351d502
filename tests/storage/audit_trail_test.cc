// The audit column family: its key order (a centre's day is one bounded
// range), reading a day in pages, the last sequence number, and opening a
// database made before the column family existed.
#include "storage/audit_trail.h"

#include <gtest/gtest.h>

#include "storage/keys.h"
#include "tests/support/temp_dir.h"

namespace qms::storage {
namespace {

v1::AuditRecord Record(uint32_t day, uint64_t seq, const std::string& action) {
  v1::AuditRecord r;
  r.set_service_day(day);
  r.set_seq(seq);
  r.set_action(action);
  return r;
}

std::unique_ptr<Store> OpenStore(const std::string& path) {
  StoreOptions options;
  options.path = path;
  auto store = Store::Open(options);
  EXPECT_TRUE(store.ok()) << store.status().ToString();
  return store.ok() ? std::move(*store) : nullptr;
}

void Write(Store* store, uint32_t centre, const std::vector<v1::AuditRecord>& records) {
  GroupCommitWriter writer(store);
  WriteSet writes;
  for (const auto& r : records) PutAuditRecord(centre, r, &writes);
  writer.Submit(std::move(writes), [](const Status& s) { EXPECT_TRUE(s.ok()) << s.ToString(); });
  ASSERT_TRUE(writer.Flush().ok());
}

TEST(AuditKeysTest, KeysSortByCentreThenDayThenSequence) {
  EXPECT_LT(AuditKey(1, 20260302, 900), AuditKey(1, 20260303, 1));
  EXPECT_LT(AuditKey(1, 20261231, 1), AuditKey(2, 20250101, 1));
  EXPECT_LT(AuditKey(1, 20260302, 255), AuditKey(1, 20260302, 256));
  AuditKeyParts parts;
  ASSERT_TRUE(ParseAuditKey(AuditKey(9187, 20260302, 1ull << 40), &parts));
  EXPECT_EQ(parts.centre, 9187u);
  EXPECT_EQ(parts.service_day, 20260302u);
  EXPECT_EQ(parts.seq, 1ull << 40);
  EXPECT_FALSE(ParseAuditKey(TicketKey(1, 2, 3), &parts));
  EXPECT_EQ(AuditKey(7, 20260302, 3).substr(0, 8), CentreDayPrefix(7, 20260302));
}

TEST(AuditTrailTest, ADayIsReadInPagesAndNothingOfAnotherDayOrCentre) {
  qms::test::TempDir dir;
  auto store = OpenStore(dir.path());
  ASSERT_NE(store, nullptr);
  Write(store.get(), 101,
        {Record(20260301, 1, "a"), Record(20260302, 2, "b"), Record(20260302, 3, "c"),
         Record(20260302, 4, "d"), Record(20260303, 5, "e")});
  Write(store.get(), 102, {Record(20260302, 1, "x")});
  std::vector<v1::AuditRecord> page;
  bool more = false;
  ASSERT_TRUE(ReadAuditDay(store.get(), 101, 20260302, 0, 2, &page, &more).ok());
  ASSERT_EQ(page.size(), 2u);
  EXPECT_EQ(page[0].action(), "b");
  EXPECT_EQ(page[1].action(), "c");
  EXPECT_TRUE(more);
  ASSERT_TRUE(ReadAuditDay(store.get(), 101, 20260302, page.back().seq(), 2, &page, &more).ok());
  ASSERT_EQ(page.size(), 3u);
  EXPECT_EQ(page[2].action(), "d");
  EXPECT_FALSE(more);
  EXPECT_EQ(LastAuditSeq(store.get(), 101), 5u);
  EXPECT_EQ(LastAuditSeq(store.get(), 102), 1u);
  EXPECT_EQ(LastAuditSeq(store.get(), 103), 0u);
  EXPECT_EQ(LastAuditSeq(store.get(), 100), 0u);
}

TEST(AuditTrailTest, AnUnreadableRecordIsDataLoss) {
  qms::test::TempDir dir;
  auto store = OpenStore(dir.path());
  ASSERT_NE(store, nullptr);
  ASSERT_TRUE(store->PutSync(Cf::kAudit, AuditKey(101, 20260302, 1), "\xff\xff\xff").ok());
  std::vector<v1::AuditRecord> page;
  bool more = false;
  EXPECT_EQ(ReadAuditDay(store.get(), 101, 20260302, 0, 10, &page, &more).code(), StatusCode::kDataLoss);
}

// A database of an earlier version: every column family but `audit`.
TEST(AuditTrailTest, AStoreMadeBeforeTheAuditColumnFamilyOpensAndGetsIt) {
  qms::test::TempDir dir;
  {
    rocksdb::Options options;
    options.create_if_missing = true;
    options.create_missing_column_families = true;
    std::vector<rocksdb::ColumnFamilyDescriptor> cfs;
    for (int i = 0; i < static_cast<int>(Cf::kCount); ++i) {
      if (static_cast<Cf>(i) != Cf::kAudit) cfs.emplace_back(CfName(static_cast<Cf>(i)), options);
    }
    std::vector<rocksdb::ColumnFamilyHandle*> handles;
    rocksdb::DB* raw = nullptr;
    ASSERT_TRUE(rocksdb::DB::Open(rocksdb::DBOptions(options), dir.path(), cfs, &handles, &raw).ok());
    std::unique_ptr<rocksdb::DB> db(raw);
    ASSERT_TRUE(
        db->Put(rocksdb::WriteOptions(), handles[static_cast<int>(Cf::kMeta)], "schema_version", "1").ok());
    std::vector<std::string> names;
    ASSERT_TRUE(rocksdb::DB::ListColumnFamilies(rocksdb::DBOptions(options), dir.path(), &names).ok());
    EXPECT_EQ(std::count(names.begin(), names.end(), "audit"), 0);
    for (auto* h : handles) ASSERT_TRUE(db->DestroyColumnFamilyHandle(h).ok());
    ASSERT_TRUE(db->Close().ok());
  }
  auto store = OpenStore(dir.path());
  ASSERT_NE(store, nullptr);
  std::string value;
  ASSERT_TRUE(store->Get(Cf::kMeta, "schema_version", &value).ok());
  EXPECT_EQ(value, "1");
  EXPECT_EQ(LastAuditSeq(store.get(), 101), 0u);
  Write(store.get(), 101, {Record(20260302, 1, "first")});
  store.reset();
  store = OpenStore(dir.path());
  std::vector<v1::AuditRecord> page;
  bool more = false;
  ASSERT_TRUE(ReadAuditDay(store.get(), 101, 20260302, 0, 10, &page, &more).ok());
  ASSERT_EQ(page.size(), 1u);
  EXPECT_EQ(page[0].action(), "first");
}

}  // namespace
}  // namespace qms::storage
