// The voice of the display board: one WAV file per announcement, chime then
// phrase, for the gateway to serve to the board page.
//
//   auto voice = Voice::Open({.clips_dir = "/etc/qms/clips"});
//   auto wav = (*voice)->AnnouncementWav("B023", "5", "Quầy 5", /*recall=*/false);
//
// Each announcement's WAV (16-bit PCM mono) holds the chime (chime.h), then
// the phrase (announcement.h), at the phrase's sample rate: the board plays
// one file per call, so the chime and the phrase can never overlap.
//
// The phrase comes from the clip library when every word has a clip, else
// from espeak-ng; SpokenAnnouncement says which, and which words had no clip,
// for the caller to log. Rendered phrases are kept in an LRU cache keyed by
// the phrase text, so a recall or a repeat costs a lookup.
//
// Thread safety: every method may be called from any thread at once.
// espeak-ng calls are serialised inside EspeakSynthesizer.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "kiosk/voice/announcement.h"
#include "kiosk/voice/clip_library.h"
#include "kiosk/voice/lru_cache.h"
#include "kiosk/voice/spoken_numbers.h"
#include "kiosk/voice/synthesizer.h"
#include "services/base/status.h"

namespace qms::voice {

struct VoiceOptions {
  std::string clips_dir;              // empty: espeak-ng only
  std::string espeak_voice = "vi";    // see EspeakOptions
  int espeak_words_per_minute = 150;  // see EspeakOptions
  size_t cache_entries = 256;         // phrases kept; 0 keeps none
  int clip_gap_ms = 60;               // silence between two clips, 0..1000
  NumberStyle numbers;                // tư/bốn, linh/lẻ, nghìn/ngàn
};

enum class VoiceSource { kClips, kEspeak };
const char* VoiceSourceName(VoiceSource source);  // "clips", "espeak-ng"

struct SpokenAnnouncement {
  Announcement announcement;
  std::shared_ptr<const std::string> wav;  // the WAV file's bytes; shared with the cache
  VoiceSource source = VoiceSource::kEspeak;
  // With a clip library: the words that had no clip, so the phrase was
  // spoken by espeak-ng instead. Empty when the clips spoke it.
  std::vector<std::string> missing_words;
  double seconds = 0;  // length of the WAV's audio, chime included
};

class Voice {
 public:
  // Loads and checks the clip library (ClipLibrary::Load's errors) and starts
  // espeak-ng (EspeakSynthesizer::Open's errors). With a clip library, an
  // espeak-ng that cannot start is not an error: phrases the clips cover still
  // play, others fail with UNAVAILABLE; synthesizer_status() tells why.
  // INVALID_ARGUMENT for options out of range.
  [[nodiscard]] static StatusOr<std::unique_ptr<Voice>> Open(const VoiceOptions& options);

  // As Open, with `fallback` in place of espeak-ng (tests). `fallback` may be
  // null when options.clips_dir is set: clips only.
  [[nodiscard]] static StatusOr<std::unique_ptr<Voice>> OpenWithSynthesizer(
      const VoiceOptions& options, std::unique_ptr<PhraseSynthesizer> fallback);

  // The words and texts of an announcement (DescribeAnnouncement's errors).
  [[nodiscard]] StatusOr<Announcement> Describe(const std::string& ticket_number,
                                                const std::string& counter_id,
                                                const std::string& counter_name, bool recall) const;

  // Describe, then the WAV, from the cache or rendered now. Errors: those of
  // Describe; UNAVAILABLE if a word has no clip and there is no espeak-ng;
  // espeak-ng's own (EspeakSynthesizer::Synthesize). Failures are not cached.
  [[nodiscard]] StatusOr<SpokenAnnouncement> Speak(const std::string& ticket_number,
                                                   const std::string& counter_id,
                                                   const std::string& counter_name, bool recall);

  // Speak's WAV alone.
  [[nodiscard]] StatusOr<std::shared_ptr<const std::string>> AnnouncementWav(const std::string& ticket_number,
                                                                             const std::string& counter_id,
                                                                             const std::string& counter_name,
                                                                             bool recall);

  const ClipLibrary* clips() const { return clips_.get(); }  // null without clips
  const Status& synthesizer_status() const { return synthesizer_status_; }
  size_t cached_phrases() const { return cache_.size(); }

 private:
  struct RenderedPhrase {
    std::shared_ptr<const std::string> wav;
    VoiceSource source;
    std::vector<std::string> missing_words;
    double seconds;
  };

  Voice(const VoiceOptions& options, std::unique_ptr<ClipLibrary> clips,
        std::unique_ptr<PhraseSynthesizer> synthesizer, Status synthesizer_status);

  static StatusOr<std::unique_ptr<Voice>> Build(const VoiceOptions& options,
                                                std::unique_ptr<PhraseSynthesizer> synthesizer,
                                                Status synthesizer_status);
  StatusOr<RenderedPhrase> Render(const Announcement& announcement) const;

  const VoiceOptions options_;
  const std::unique_ptr<ClipLibrary> clips_;
  const std::unique_ptr<PhraseSynthesizer> synthesizer_;  // null if none
  const Status synthesizer_status_;
  LruCache<RenderedPhrase> cache_;
};

}  // namespace qms::voice
