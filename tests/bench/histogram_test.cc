#include "bench/histogram.h"

#include <gtest/gtest.h>

#include <cmath>
#include <random>

namespace qms::bench {
namespace {

TEST(LatencyHistogramTest, EmptyReportsZero) {
  LatencyHistogram histogram;
  EXPECT_EQ(histogram.Count(), 0u);
  EXPECT_EQ(histogram.Percentile(99), 0u);
  EXPECT_EQ(histogram.Max(), 0u);
  EXPECT_EQ(histogram.Min(), 0u);
}

TEST(LatencyHistogramTest, SmallValuesAreExact) {
  LatencyHistogram histogram;
  for (uint64_t v = 0; v < 256; ++v) histogram.Record(v);
  EXPECT_EQ(histogram.Percentile(50), 127u);
  EXPECT_EQ(histogram.Percentile(100), 255u);
  EXPECT_EQ(histogram.Min(), 0u);
}

TEST(LatencyHistogramTest, BucketsAreWithinOnePart128) {
  for (uint64_t v = 1; v < (uint64_t{1} << 34); v = v * 3 / 2 + 1) {
    const uint64_t highest = LatencyHistogram::BucketHighestValue(LatencyHistogram::BucketIndex(v));
    EXPECT_GE(highest, v);
    EXPECT_LE(static_cast<double>(highest - v), static_cast<double>(v) / 128.0 + 1.0) << v;
    EXPECT_LT(LatencyHistogram::BucketIndex(v), LatencyHistogram::BucketCount());
  }
}

TEST(LatencyHistogramTest, PercentilesOfUniformValues) {
  LatencyHistogram histogram;
  for (uint64_t v = 1; v <= 100000; ++v) histogram.Record(v);
  EXPECT_EQ(histogram.Count(), 100000u);
  EXPECT_NEAR(static_cast<double>(histogram.Percentile(50)), 50000, 50000 * 0.01);
  EXPECT_NEAR(static_cast<double>(histogram.Percentile(90)), 90000, 90000 * 0.01);
  EXPECT_NEAR(static_cast<double>(histogram.Percentile(99)), 99000, 99000 * 0.01);
  EXPECT_NEAR(static_cast<double>(histogram.Percentile(99.9)), 99900, 99900 * 0.01);
  EXPECT_EQ(histogram.Max(), 100000u);
  EXPECT_EQ(histogram.Percentile(100), 100000u);
  EXPECT_NEAR(histogram.Mean(), 50000.5, 1e-6);
}

TEST(LatencyHistogramTest, PercentilesOfExponentialDistribution) {
  // Quantile of an exponential with mean m: -m ln(1 - p).
  const double mean = 2000;
  std::mt19937_64 random(42);
  std::exponential_distribution<double> exponential(1.0 / mean);
  LatencyHistogram histogram;
  for (int i = 0; i < 1000000; ++i)
    histogram.Record(static_cast<uint64_t>(std::llround(exponential(random))));
  for (double p : {50.0, 90.0, 99.0, 99.9}) {
    const double expected = -mean * std::log(1.0 - p / 100.0);
    EXPECT_NEAR(static_cast<double>(histogram.Percentile(p)), expected, expected * 0.03) << "p" << p;
  }
  EXPECT_NEAR(histogram.Mean(), mean, mean * 0.01);
}

TEST(LatencyHistogramTest, MergeEqualsOneHistogramOfEverything) {
  std::mt19937_64 random(7);
  std::lognormal_distribution<double> lognormal(7.0, 1.5);
  LatencyHistogram whole;
  LatencyHistogram first;
  LatencyHistogram second;
  for (int i = 0; i < 200000; ++i) {
    const auto v = static_cast<uint64_t>(lognormal(random));
    whole.Record(v);
    (i % 3 == 0 ? first : second).Record(v);
  }
  LatencyHistogram merged;
  merged.Merge(first);
  merged.Merge(second);
  EXPECT_EQ(merged.Count(), whole.Count());
  EXPECT_EQ(merged.Min(), whole.Min());
  EXPECT_EQ(merged.Max(), whole.Max());
  EXPECT_DOUBLE_EQ(merged.Mean(), whole.Mean());
  for (double p : {1.0, 50.0, 90.0, 99.0, 99.9, 99.99, 100.0}) {
    EXPECT_EQ(merged.Percentile(p), whole.Percentile(p)) << "p" << p;
  }
}

TEST(LatencyHistogramTest, MergeIntoEmptyKeepsMinimum) {
  LatencyHistogram empty;
  LatencyHistogram other;
  other.Record(500);
  other.Record(900);
  empty.Merge(other);
  EXPECT_EQ(empty.Min(), 500u);
  EXPECT_EQ(empty.Max(), 900u);
}

TEST(LatencyHistogramTest, HugeValuesAreClamped) {
  LatencyHistogram histogram;
  histogram.Record(~uint64_t{0});
  EXPECT_EQ(histogram.Max(), LatencyHistogram::kMaxTrackable);
  EXPECT_EQ(histogram.Percentile(50), LatencyHistogram::kMaxTrackable);
}

TEST(LatencyHistogramTest, ResetForgetsEverything) {
  LatencyHistogram histogram;
  histogram.RecordCount(1000, 10);
  histogram.Reset();
  EXPECT_EQ(histogram.Count(), 0u);
  EXPECT_EQ(histogram.Percentile(50), 0u);
}

}  // namespace
}  // namespace qms::bench
