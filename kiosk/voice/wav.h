// 16-bit PCM mono audio and its RIFF/WAVE file form.
//
// EncodeWav writes the canonical 44-byte header (RIFF, WAVE, a 16-byte "fmt "
// chunk with format 1 = PCM, 1 channel, 16 bits, then "data"), all fields
// little-endian, then the samples. DecodeWav reads what recording tools write:
// it skips chunks it does not know (LIST, bext, fact...), and accepts format 1
// or WAVE_FORMAT_EXTENSIBLE with the PCM sub-format.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "services/base/status.h"

namespace qms::voice {

struct PcmAudio {
  int sample_rate = 0;  // samples per second
  std::vector<int16_t> samples;

  double seconds() const { return sample_rate > 0 ? static_cast<double>(samples.size()) / sample_rate : 0; }
};

// The bytes of a WAV file holding `audio`.
// REQUIRES: audio.sample_rate > 0; fewer than 2^31 samples.
std::string EncodeWav(const PcmAudio& audio);

// INVALID_ARGUMENT, with a message saying what is wrong ("not a RIFF/WAVE
// file", "2 channels, need mono", "24 bits per sample, need 16", "not PCM",
// "no data chunk", "data chunk truncated"), for anything but 16-bit PCM mono.
[[nodiscard]] StatusOr<PcmAudio> DecodeWav(std::string_view bytes);

// DecodeWav of a file; the message of any error starts with the file's path.
// NOT_FOUND if the file cannot be opened.
[[nodiscard]] StatusOr<PcmAudio> ReadWavFile(const std::filesystem::path& path);

}  // namespace qms::voice
