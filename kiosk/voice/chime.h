// The chime before each call: a two-tone "ding-dong" (E5, then C5 a major
// third down while the first still rings), each a sine with a soft octave
// partial, a 10 ms attack and an exponential decay, followed by a short silence so the phrase starts clear
// of the ring. Synthesised here, so it exists at any sample rate and needs no
// file.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace qms::voice {

inline constexpr double kChimeFirstHz = 659.26;   // E5
inline constexpr double kChimeSecondHz = 523.25;  // C5
inline constexpr double kChimeSecondAt = 0.40;    // seconds: start of the second tone
inline constexpr double kChimeRing = 1.20;        // seconds: end of the second tone's ring
inline constexpr double kChimeSilence = 0.30;     // seconds of silence after it

// Samples of the chime and its silence at `sample_rate`: exactly
// ChimeSampleCount(sample_rate) of them, peak a little under half of full scale,
// starting and ending at zero. REQUIRES: sample_rate >= 8000.
std::vector<int16_t> MakeChime(int sample_rate);
size_t ChimeSampleCount(int sample_rate);

}  // namespace qms::voice
