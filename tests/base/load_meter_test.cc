// LoadMeter: a server past its bounds sheds new calls with
// RESOURCE_EXHAUSTED and a retry hint; while busy, a centre past its fair
// share is shed and the others are still admitted; every Leave gives the
// room back.
#include "services/base/load_meter.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace qms {
namespace {

using ::testing::HasSubstr;

TEST(LoadMeterTest, BelowTheBoundsEveryCallIsAdmittedAndCounted) {
  LoadMeter meter({/*max_in_flight=*/10, /*busy_in_flight=*/10, /*centre_floor=*/10});
  std::atomic<int> a{0};
  for (int i = 0; i < 10; ++i) ASSERT_TRUE(meter.Enter(&a, "101").ok()) << i;
  EXPECT_EQ(meter.in_flight(), 10);
  EXPECT_EQ(a.load(), 10);
  for (int i = 0; i < 10; ++i) meter.Leave(&a);
  EXPECT_EQ(meter.in_flight(), 0);
  EXPECT_EQ(a.load(), 0);
  EXPECT_EQ(meter.shed(), 0u);
}

TEST(LoadMeterTest, PastTheMaximumEveryNewCallIsShedWithARetryHint) {
  LoadMeter meter({/*max_in_flight=*/3, /*busy_in_flight=*/3, /*centre_floor=*/3});
  std::atomic<int> a{0}, b{0};
  ASSERT_TRUE(meter.Enter(&a, "101").ok());
  ASSERT_TRUE(meter.Enter(&a, "101").ok());
  ASSERT_TRUE(meter.Enter(&b, "202").ok());
  const Status shed = meter.Enter(&b, "202");
  EXPECT_EQ(shed.code(), StatusCode::kResourceExhausted);
  EXPECT_THAT(shed.message(), HasSubstr("server busy"));
  EXPECT_THAT(shed.message(), HasSubstr("retry in"));
  EXPECT_EQ(b.load(), 1) << "a shed call leaves nothing counted";
  EXPECT_EQ(meter.in_flight(), 3);
  EXPECT_EQ(meter.shed(), 1u);
  meter.Leave(&a);
  EXPECT_TRUE(meter.Enter(&b, "202").ok()) << "the room given back is taken again";
}

TEST(LoadMeterTest, WhileBusyAFloodingCentreIsShedAndTheOthersAreServed) {
  // Busy past 4 in flight; two centres active share 4, so 2 each (floor 1).
  LoadMeter meter({/*max_in_flight=*/100, /*busy_in_flight=*/4, /*centre_floor=*/1});
  std::atomic<int> flood{0}, quiet{0};
  for (int i = 0; i < 4; ++i) ASSERT_TRUE(meter.Enter(&flood, "101").ok()) << "not busy yet: " << i;
  ASSERT_TRUE(meter.Enter(&quiet, "202").ok()) << "the quiet centre is under its share";
  const Status shed = meter.Enter(&flood, "101");
  EXPECT_EQ(shed.code(), StatusCode::kResourceExhausted);
  EXPECT_THAT(shed.message(), HasSubstr("centre 101 has 4 calls in flight, its share while busy is 2"));
  EXPECT_TRUE(meter.Enter(&quiet, "202").ok()) << "still within its share of 2";
  EXPECT_EQ(flood.load(), 4);
  EXPECT_EQ(quiet.load(), 2);
}

TEST(LoadMeterTest, TheFloorKeepsEveryCentreServedWhenManyAreActive) {
  // 100 centres active would make the share 0; the floor keeps it at 2.
  LoadMeter meter({/*max_in_flight=*/1000, /*busy_in_flight=*/10, /*centre_floor=*/2});
  std::vector<std::atomic<int>> centres(100);
  for (auto& c : centres) ASSERT_TRUE(meter.Enter(&c, "c").ok());
  for (auto& c : centres) EXPECT_TRUE(meter.Enter(&c, "c").ok()) << "second call within the floor";
  EXPECT_EQ(meter.Enter(&centres[0], "c").code(), StatusCode::kResourceExhausted);
  EXPECT_EQ(meter.in_flight(), 200);
}

}  // namespace
}  // namespace qms
