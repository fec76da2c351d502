#include "kiosk/voice/chime.h"

#include <algorithm>
#include <cmath>

namespace qms::voice {
namespace {

constexpr double kPi = 3.14159265358979323846;
constexpr double kAttack = 0.010;  // seconds
constexpr double kDecay = 0.28;    // seconds: time constant of the decay
constexpr double kPeak = 0.5;      // of full scale

size_t Samples(double seconds, int sample_rate) {
  return static_cast<size_t>(std::lround(seconds * sample_rate));
}

// Adds one struck tone from `begin` (a sample index) for `length` samples.
// The last 20 ms fade linearly to zero so the tone ends without a click.
void AddTone(std::vector<double>& out, size_t begin, size_t length, double hz, int sample_rate) {
  size_t fade = Samples(0.020, sample_rate);
  for (size_t i = 0; i < length && begin + i < out.size(); ++i) {
    double t = static_cast<double>(i) / sample_rate;
    double envelope = std::min(1.0, t / kAttack) * std::exp(-t / kDecay);
    if (i + fade > length) envelope *= static_cast<double>(length - i) / fade;
    double wave = std::sin(2 * kPi * hz * t) + 0.25 * std::sin(2 * kPi * 2 * hz * t);
    out[begin + i] += envelope * wave / 1.25;
  }
}

}  // namespace

size_t ChimeSampleCount(int sample_rate) { return Samples(kChimeRing + kChimeSilence, sample_rate); }

std::vector<int16_t> MakeChime(int sample_rate) {
  std::vector<double> mix(ChimeSampleCount(sample_rate), 0.0);
  size_t second_at = Samples(kChimeSecondAt, sample_rate);
  AddTone(mix, 0, Samples(kChimeRing, sample_rate), kChimeFirstHz, sample_rate);  // rings under the second
  AddTone(mix, second_at, Samples(kChimeRing, sample_rate) - second_at, kChimeSecondHz, sample_rate);
  std::vector<int16_t> out(mix.size());
  for (size_t i = 0; i < mix.size(); ++i) {
    out[i] = static_cast<int16_t>(std::lround(std::clamp(mix[i] * kPeak, -1.0, 1.0) * 32767));
  }
  return out;
}

}  // namespace qms::voice
