#include "kiosk/voice/voice.h"

#include "kiosk/voice/chime.h"
#include "kiosk/voice/espeak_synthesizer.h"

namespace qms::voice {
namespace {

std::string QuotedList(const std::vector<std::string>& words) {
  std::string out;
  for (const std::string& w : words) out += (out.empty() ? "\"" : ", \"") + w + "\"";
  return out;
}

}  // namespace

const char* VoiceSourceName(VoiceSource source) {
  return source == VoiceSource::kClips ? "clips" : "espeak-ng";
}

Voice::Voice(const VoiceOptions& options, std::unique_ptr<ClipLibrary> clips,
             std::unique_ptr<PhraseSynthesizer> synthesizer, Status synthesizer_status)
    : options_(options),
      clips_(std::move(clips)),
      synthesizer_(std::move(synthesizer)),
      synthesizer_status_(std::move(synthesizer_status)),
      cache_(options.cache_entries) {}

StatusOr<std::unique_ptr<Voice>> Voice::Open(const VoiceOptions& options) {
  StatusOr<std::unique_ptr<EspeakSynthesizer>> espeak =
      EspeakSynthesizer::Open({options.espeak_voice, options.espeak_words_per_minute});
  if (espeak.ok()) return Build(options, std::move(*espeak), Status::Ok());
  // Without clips there is nothing to speak with; a bad option is an error either way.
  if (options.clips_dir.empty() || espeak.status().code() == StatusCode::kInvalidArgument) {
    return espeak.status();
  }
  return Build(options, nullptr, espeak.status());
}

StatusOr<std::unique_ptr<Voice>> Voice::OpenWithSynthesizer(const VoiceOptions& options,
                                                            std::unique_ptr<PhraseSynthesizer> fallback) {
  if (fallback == nullptr && options.clips_dir.empty()) {
    return InvalidArgument("no clip library and no speech engine");
  }
  Status status = fallback != nullptr ? Status::Ok() : Unavailable("no speech engine given");
  return Build(options, std::move(fallback), std::move(status));
}

StatusOr<std::unique_ptr<Voice>> Voice::Build(const VoiceOptions& options,
                                              std::unique_ptr<PhraseSynthesizer> synthesizer,
                                              Status synthesizer_status) {
  if (options.clip_gap_ms < 0 || options.clip_gap_ms > 1000) {
    return InvalidArgument("clip gap " + std::to_string(options.clip_gap_ms) + " ms is outside 0..1000");
  }
  std::unique_ptr<ClipLibrary> clips;
  if (!options.clips_dir.empty()) {
    StatusOr<std::unique_ptr<ClipLibrary>> loaded = ClipLibrary::Load(options.clips_dir);
    if (!loaded.ok()) return loaded.status();
    clips = std::move(*loaded);
  }
  return std::unique_ptr<Voice>(
      new Voice(options, std::move(clips), std::move(synthesizer), std::move(synthesizer_status)));
}

StatusOr<Announcement> Voice::Describe(const std::string& ticket_number, const std::string& counter_id,
                                       const std::string& counter_name, bool recall) const {
  return DescribeAnnouncement(ticket_number, counter_id, counter_name, recall, options_.numbers);
}

StatusOr<Voice::RenderedPhrase> Voice::Render(const Announcement& announcement) const {
  RenderedPhrase phrase;
  StatusOr<PcmAudio> audio = Status(StatusCode::kUnknown, "");
  if (clips_ != nullptr) phrase.missing_words = clips_->MissingWords(announcement.words);
  if (clips_ != nullptr && phrase.missing_words.empty()) {
    phrase.source = VoiceSource::kClips;
    audio = clips_->Join(announcement.words, options_.clip_gap_ms);
  } else if (synthesizer_ != nullptr) {
    phrase.source = VoiceSource::kEspeak;
    audio = synthesizer_->Synthesize(announcement.words);
  } else {
    return Unavailable("no clip for " + QuotedList(phrase.missing_words) +
                       " and no speech engine: " + synthesizer_status_.message());
  }
  if (!audio.ok()) return audio.status();
  // One file, chime then phrase, at the phrase's rate.
  PcmAudio full;
  full.sample_rate = audio->sample_rate;
  full.samples = MakeChime(audio->sample_rate);
  full.samples.insert(full.samples.end(), audio->samples.begin(), audio->samples.end());
  phrase.seconds = full.seconds();
  phrase.wav = std::make_shared<const std::string>(EncodeWav(full));
  return phrase;
}

StatusOr<SpokenAnnouncement> Voice::Speak(const std::string& ticket_number, const std::string& counter_id,
                                          const std::string& counter_name, bool recall) {
  StatusOr<Announcement> announcement = Describe(ticket_number, counter_id, counter_name, recall);
  if (!announcement.ok()) return announcement.status();
  std::shared_ptr<const RenderedPhrase> phrase = cache_.Find(announcement->text);
  if (phrase == nullptr) {
    StatusOr<RenderedPhrase> rendered = Render(*announcement);
    if (!rendered.ok()) return rendered.status();
    phrase = cache_.Insert(announcement->text, std::make_shared<const RenderedPhrase>(std::move(*rendered)));
  }
  SpokenAnnouncement out;
  out.announcement = std::move(*announcement);
  out.wav = phrase->wav;
  out.source = phrase->source;
  out.missing_words = phrase->missing_words;
  out.seconds = phrase->seconds;
  return out;
}

StatusOr<std::shared_ptr<const std::string>> Voice::AnnouncementWav(const std::string& ticket_number,
                                                                    const std::string& counter_id,
                                                                    const std::string& counter_name,
                                                                    bool recall) {
  StatusOr<SpokenAnnouncement> spoken = Speak(ticket_number, counter_id, counter_name, recall);
  if (!spoken.ok()) return spoken.status();
  return spoken->wav;
}

}  // namespace qms::voice
