#include "kiosk/voice/chime.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

namespace qms::voice {
namespace {

// Power of `hz` in samples [begin, end) (Goertzel).
double Power(const std::vector<int16_t>& s, size_t begin, size_t end, double hz, int rate) {
  double coefficient = 2 * std::cos(2 * M_PI * hz / rate), q1 = 0, q2 = 0;
  for (size_t i = begin; i < end; ++i) {
    double q0 = coefficient * q1 - q2 + s[i];
    q2 = q1;
    q1 = q0;
  }
  return q1 * q1 + q2 * q2 - coefficient * q1 * q2;
}

TEST(VoiceChime, LengthLevelAndEnds) {
  for (int rate : {8000, 16000, 22050, 44100, 48000}) {
    std::vector<int16_t> chime = MakeChime(rate);
    ASSERT_EQ(chime.size(), ChimeSampleCount(rate)) << rate;
    EXPECT_EQ(chime.size(), static_cast<size_t>(std::lround((kChimeRing + kChimeSilence) * rate)));
    EXPECT_EQ(chime.front(), 0);
    int peak = 0;
    for (int16_t s : chime) peak = std::max(peak, std::abs(static_cast<int>(s)));
    EXPECT_GT(peak, 0.3 * 32767) << rate;
    EXPECT_LT(peak, 0.6 * 32767) << rate;
    // Silent after the ring, so the phrase starts clear of it.
    size_t ring_end = static_cast<size_t>(std::lround(kChimeRing * rate));
    EXPECT_TRUE(std::all_of(chime.begin() + ring_end, chime.end(), [](int16_t s) { return s == 0; })) << rate;
    // And no click where the ring stops: the last 5 ms before it are quiet.
    for (size_t i = ring_end - rate / 200; i < ring_end; ++i) ASSERT_LT(std::abs(chime[i]), 600) << rate;
  }
}

TEST(VoiceChime, TwoTonesHighThenLow) {
  const int rate = 22050;
  std::vector<int16_t> chime = MakeChime(rate);
  auto at = [&](double seconds) { return static_cast<size_t>(seconds * rate); };
  double first_high = Power(chime, at(0.02), at(0.38), kChimeFirstHz, rate);
  double first_low = Power(chime, at(0.02), at(0.38), kChimeSecondHz, rate);
  double second_high = Power(chime, at(0.45), at(0.85), kChimeFirstHz, rate);
  double second_low = Power(chime, at(0.45), at(0.85), kChimeSecondHz, rate);
  EXPECT_GT(first_high, 20 * first_low);
  EXPECT_GT(second_low, 4 * second_high);
}

}  // namespace
}  // namespace qms::voice
