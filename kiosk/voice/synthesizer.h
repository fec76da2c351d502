// The seam between the voice and a speech engine: the voice hands over the
// words of a phrase and takes back PCM audio. EspeakSynthesizer is the real
// one; tests give their own.
#pragma once

#include <string>
#include <vector>

#include "kiosk/voice/wav.h"
#include "services/base/status.h"

namespace qms::voice {

class PhraseSynthesizer {
 public:
  virtual ~PhraseSynthesizer() = default;

  // Speaks `words` (NFC UTF-8, lower case, no digits) as one phrase.
  // Thread-safe. The sample rate of the result is the engine's own.
  [[nodiscard]] virtual StatusOr<PcmAudio> Synthesize(const std::vector<std::string>& words) = 0;
};

}  // namespace qms::voice
