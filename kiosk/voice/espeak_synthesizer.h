// Speech by libespeak-ng, offline, in its synchronous mode.
//
// espeak-ng keeps its state in globals and is not thread-safe, so the process
// has one engine: it is initialised once, on the first Open, and every call
// into it, from any EspeakSynthesizer, holds one process-wide mutex. Each
// Synthesize selects its synthesizer's voice and rate, speaks, and collects
// the samples through the synth callback. The engine is never terminated
// (espeak-ng cannot be initialised twice).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "kiosk/voice/synthesizer.h"
#include "services/base/status.h"

namespace qms::voice {

struct EspeakOptions {
  std::string voice = "vi";    // "vi" (northern), "vi-vn-x-central", "vi-vn-x-south"
  int words_per_minute = 150;  // espeak-ng's default is 175; slower carries better in a hall
};

class EspeakSynthesizer final : public PhraseSynthesizer {
 public:
  // UNAVAILABLE if espeak-ng or its data cannot be initialised (the message
  // is espeak-ng's); NOT_FOUND if it has no voice named options.voice;
  // INVALID_ARGUMENT if words_per_minute is outside 80..450.
  [[nodiscard]] static StatusOr<std::unique_ptr<EspeakSynthesizer>> Open(const EspeakOptions& options);

  // INVALID_ARGUMENT if a word holds a digit (espeak-ng would misread it) or
  // there is no word; INTERNAL if espeak-ng fails.
  [[nodiscard]] StatusOr<PcmAudio> Synthesize(const std::vector<std::string>& words) override;

  // The rate of every PcmAudio this returns (22050 Hz with Debian's data).
  int sample_rate() const { return sample_rate_; }

 private:
  EspeakSynthesizer(const EspeakOptions& options, int sample_rate)
      : options_(options), sample_rate_(sample_rate) {}

  const EspeakOptions options_;
  const int sample_rate_;
};

}  // namespace qms::voice
