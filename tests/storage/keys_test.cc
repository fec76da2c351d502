#include "storage/keys.h"

#include <gtest/gtest.h>

namespace qms::storage {
namespace {

TEST(KeysTest, BigEndianOrderIsNumericOrder) {
  EXPECT_LT(TicketKey(1, 20250701, 9), TicketKey(1, 20250701, 10));
  EXPECT_LT(TicketKey(1, 20250701, 255), TicketKey(1, 20250701, 256));
  EXPECT_LT(TicketKey(1, 20250701, 70000), TicketKey(1, 20250702, 1));
  EXPECT_LT(TicketKey(1, 20991231, 1), TicketKey(2, 20250101, 1));
  EXPECT_LT(EventKey(7, 20250701, 0xffffffffULL), EventKey(7, 20250701, 0x100000000ULL));
}

TEST(KeysTest, TicketKeyRoundTrips) {
  TicketKeyParts parts;
  ASSERT_TRUE(ParseTicketKey(TicketKey(26881, 20250701, 4242), &parts));
  EXPECT_EQ(parts.centre, 26881u);
  EXPECT_EQ(parts.service_day, 20250701u);
  EXPECT_EQ(parts.seq, 4242u);
  EXPECT_FALSE(ParseTicketKey("short", &parts));
}

TEST(KeysTest, ReadsWhatItAppends) {
  std::string k;
  AppendU32(&k, 0xdeadbeef);
  AppendU64(&k, 0x0102030405060708ULL);
  ASSERT_EQ(k.size(), 12u);
  EXPECT_EQ(ReadU32(k, 0), 0xdeadbeefu);
  EXPECT_EQ(ReadU64(k, 4), 0x0102030405060708ULL);
}

TEST(KeysTest, PrefixUpperBoundIsJustPastThePrefix) {
  const std::string prefix = CentreDayPrefix(5, 20250701);
  const std::string upper = PrefixUpperBound(prefix);
  EXPECT_GT(upper, TicketKey(5, 20250701, 0xffffffff));
  EXPECT_LE(upper, TicketKey(5, 20250702, 0));
  EXPECT_EQ(PrefixUpperBound(std::string("a\xff\xff", 3)), "b");
  EXPECT_EQ(PrefixUpperBound(std::string("\xff\xff", 2)), "");
}

TEST(KeysTest, CounterKeysGroupByCentre) {
  EXPECT_EQ(CounterKey(3, "12").substr(0, 4), CentrePrefix(3));
  EXPECT_LT(CounterKey(3, "zz"), PrefixUpperBound(CentrePrefix(3)));
}

}  // namespace
}  // namespace qms::storage

namespace qms::storage {
namespace {

TEST(EventKeyTest, ParsesWhatEventKeyEncodes) {
  const std::string key = EventKey(4000000001u, 20250701, 0x0102030405060708ull);
  ASSERT_EQ(key.size(), kEventKeyBytes);
  EventKeyParts parts;
  ASSERT_TRUE(ParseEventKey(key, &parts));
  EXPECT_EQ(parts.centre, 4000000001u);
  EXPECT_EQ(parts.service_day, 20250701u);
  EXPECT_EQ(parts.seq, 0x0102030405060708ull);
  EXPECT_FALSE(ParseEventKey(TicketKey(1, 20250701, 1), &parts));  // 12 bytes
  EXPECT_EQ(TicketKey(1, 20250701, 1).size(), kTicketKeyBytes);
  EXPECT_EQ(AuditKey(1, 20250701, 1).size(), kAuditKeyBytes);
  EXPECT_EQ(CentrePrefix(7).size(), kCentrePrefixBytes);
}

}  // namespace
}  // namespace qms::storage
