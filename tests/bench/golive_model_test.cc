#include "bench/golive_model.h"

#include <gtest/gtest.h>

#include <map>

namespace qms::bench {
namespace {

TEST(GoliveModelTest, OpeningSurgeLunchLullAndAfternoonPeak) {
  const double opening = ArrivalIntensity(7 * 60 + 30);
  const double late_morning = ArrivalIntensity(11 * 60);
  const double lunch = ArrivalIntensity(12 * 60 + 30);
  const double after_lunch = ArrivalIntensity(13 * 60 + 45);
  const double late_afternoon = ArrivalIntensity(16 * 60 + 30);
  EXPECT_GT(opening, 2 * MeanArrivalIntensity());
  EXPECT_GT(opening, late_morning);
  EXPECT_LT(lunch, 0.2 * opening);
  EXPECT_GT(after_lunch, late_morning);
  EXPECT_GT(after_lunch, late_afternoon);
  EXPECT_EQ(ArrivalIntensity(6 * 60), 0);
  EXPECT_EQ(ArrivalIntensity(18 * 60), 0);
  EXPECT_GE(PeakArrivalIntensity(), opening);
}

TEST(GoliveModelTest, SimulatedDayMapsRealTimeToLocalClock) {
  const SimulatedDay day(10);  // the day in ten real minutes
  EXPECT_DOUBLE_EQ(day.real_seconds(), 600);
  EXPECT_DOUBLE_EQ(day.LocalMinuteAt(0), kDayOpensMinute);
  EXPECT_DOUBLE_EQ(day.LocalMinuteAt(600), kDayClosesMinute);
  EXPECT_NEAR(day.ElapsedSecondsAt(day.LocalMinuteAt(123.4)), 123.4, 1e-9);
  // 570 simulated minutes in 600 s: a 5-minute service takes 5.26 s.
  EXPECT_NEAR(day.RealSecondsFor(5), 5.0 * 600 / 570, 1e-9);
  EXPECT_EQ(FormatLocalTime(kDayOpensMinute), "07:30");
  EXPECT_EQ(FormatLocalTime(13 * 60 + 5.9), "13:05");
}

CentreLayout WardWithFourFields(const std::string& id) {
  CentreLayout centre;
  centre.centre_id = id;
  centre.field_ids = {"chung_thuc", "ho_tich", "dat_dai", "ho_kinh_doanh"};
  return centre;
}

TEST(GoliveModelTest, CertificationIsSixtyToEightyFivePercentOfWalkIns) {
  GoliveParameters parameters;
  for (int i = 0; i < 500; ++i) {
    const FieldMix mix(WardWithFourFields(std::to_string(10001 + i)), parameters);
    const double certification = mix.ShareOf("chung_thuc");
    EXPECT_GE(certification, 0.60 - 1e-9);
    EXPECT_LE(certification, 0.85 + 1e-9);
    const double total =
        certification + mix.ShareOf("ho_tich") + mix.ShareOf("dat_dai") + mix.ShareOf("ho_kinh_doanh");
    EXPECT_NEAR(total, 1.0, 1e-9);
    EXPECT_GT(mix.ShareOf("ho_tich"), mix.ShareOf("ho_kinh_doanh"));
  }
}

TEST(GoliveModelTest, PickFollowsTheMix) {
  GoliveParameters parameters;
  const FieldMix mix(WardWithFourFields("10042"), parameters);
  std::mt19937_64 random(1);
  std::map<std::string, int> picked;
  const int draws = 200000;
  for (int i = 0; i < draws; ++i) ++picked[mix.Pick(random)];
  for (const auto& [field, count] : picked) {
    EXPECT_NEAR(static_cast<double>(count) / draws, mix.ShareOf(field), 0.01) << field;
  }
}

TEST(GoliveModelTest, CentreWithoutCertificationStillHasAMix) {
  CentreLayout centre;
  centre.centre_id = "10007";
  centre.field_ids = {"ho_tich", "dat_dai"};
  const FieldMix mix(centre, GoliveParameters{});
  EXPECT_NEAR(mix.ShareOf("ho_tich") + mix.ShareOf("dat_dai"), 1.0, 1e-9);
  EXPECT_GT(mix.ShareOf("ho_tich"), mix.ShareOf("dat_dai"));
}

TEST(GoliveModelTest, BusynessIsStablePerCentreAndBounded) {
  for (int i = 0; i < 1000; ++i) {
    const std::string id = std::to_string(10001 + i);
    const double busyness = CentreBusyness(id, 1);
    EXPECT_GE(busyness, 0.5);
    EXPECT_LE(busyness, 1.5);
    EXPECT_EQ(busyness, CentreBusyness(id, 1));
  }
}

TEST(GoliveModelTest, ServiceTimesPerField) {
  EXPECT_LT(MeanServiceMinutes("chung_thuc"), MeanServiceMinutes("ho_tich"));
  EXPECT_LT(MeanServiceMinutes("ho_tich"), MeanServiceMinutes("dat_dai"));
  EXPECT_GT(MeanServiceMinutes("something_else"), 0);
}

}  // namespace
}  // namespace qms::bench
