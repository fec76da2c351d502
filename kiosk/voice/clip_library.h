// Recorded clips, one per word (or per fixed group of words), joined at run
// time into a phrase: the natural-sounding voice a centre records itself.
//
// A clip library is a directory of WAV files. A file's name without ".wav" is
// the word it speaks, in Vietnamese: "mời.wav", "bê.wav", "mươi.wav". A name
// of several words ("mời số.wav", "đến_quầy_số.wav") is one clip for those
// words in a row, used in preference to the single words. Names are matched
// after lower-casing and NFC composition, so "Mời.wav" and a decomposed
// (macOS) "mời.wav" both serve "mời". Other files and subdirectories are
// ignored.
//
// Silence at either end of a clip is trimmed at load (below kSilenceLevel,
// keeping kTrimMarginMs before the first and after the last louder sample),
// so clips recorded with pauses around them still join into one fluent
// phrase; the gap between clips is then Join's alone.
//
// Thread safety: immutable after Load; every method may be called from any
// thread.
#pragma once

#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "kiosk/voice/wav.h"
#include "services/base/status.h"

namespace qms::voice {

inline constexpr int kSilenceLevel = 328;  // of 32767: -40 dBFS
inline constexpr int kTrimMarginMs = 10;

// `samples` without the silence at its ends, as described above. Empty if
// every sample is below kSilenceLevel.
std::vector<int16_t> TrimSilence(const std::vector<int16_t>& samples, int sample_rate);

class ClipLibrary {
 public:
  // Loads and checks every clip. Errors, each naming the file:
  //   NOT_FOUND         `dir` is not a directory;
  //   INVALID_ARGUMENT  a clip that is not 16-bit PCM mono WAV, or is empty,
  //                     or silent, or whose sample rate differs from the others'; a name
  //                     that is not UTF-8, holds a digit ("5.wav": name the
  //                     clip "năm.wav") or no word; two files for one word;
  //                     no clip at all.
  [[nodiscard]] static StatusOr<std::unique_ptr<ClipLibrary>> Load(const std::filesystem::path& dir);

  int sample_rate() const { return sample_rate_; }
  size_t size() const { return clips_.size(); }

  // The words of `words` no clip speaks, in order, without repeats. Empty
  // when Join will succeed.
  std::vector<std::string> MissingWords(const std::vector<std::string>& words) const;

  // The clips of `words`, in order, with `gap_ms` of silence between two
  // clips (none before the first or after the last). Multi-word clips are
  // taken greedily, longest first. NOT_FOUND, naming the words, if any word
  // has no clip.
  [[nodiscard]] StatusOr<PcmAudio> Join(const std::vector<std::string>& words, int gap_ms) const;

 private:
  ClipLibrary() = default;

  // The clips that speak `words`, or null where a word has none.
  std::vector<const std::vector<int16_t>*> Plan(const std::vector<std::string>& words,
                                                std::vector<std::string>* missing) const;

  int sample_rate_ = 0;
  size_t longest_clip_words_ = 1;
  std::map<std::string, std::vector<int16_t>> clips_;  // key: words joined by one space
};

}  // namespace qms::voice
