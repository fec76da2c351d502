// The real espeak-ng (Debian's libespeak-ng and espeak-ng-data, voice "vi").
#include "kiosk/voice/espeak_synthesizer.h"

#include <gtest/gtest.h>

#include <cmath>
#include <thread>

#include "kiosk/voice/chime.h"
#include "kiosk/voice/voice.h"
#include "tests/support/temp_dir.h"

namespace qms::voice {
namespace {

const std::vector<std::string> kPhrase = {"mời", "số", "bê", "hai", "mươi", "ba", "đến", "quầy", "số", "năm"};

double Rms(const std::vector<int16_t>& s, size_t begin, size_t end) {
  double sum = 0;
  for (size_t i = begin; i < end; ++i) sum += static_cast<double>(s[i]) * s[i];
  return end > begin ? std::sqrt(sum / (end - begin)) : 0;
}

uint32_t U32At(const std::string& b, size_t at) {
  return static_cast<uint8_t>(b[at]) | static_cast<uint8_t>(b[at + 1]) << 8 |
         static_cast<uint8_t>(b[at + 2]) << 16 | static_cast<uint32_t>(static_cast<uint8_t>(b[at + 3])) << 24;
}

TEST(VoiceEspeak, SpeaksAPhrase) {
  auto espeak = EspeakSynthesizer::Open({});
  ASSERT_TRUE(espeak.ok()) << espeak.status().ToString();
  EXPECT_EQ((*espeak)->sample_rate(), 22050);
  StatusOr<PcmAudio> audio = (*espeak)->Synthesize(kPhrase);
  ASSERT_TRUE(audio.ok()) << audio.status().ToString();
  EXPECT_EQ(audio->sample_rate, 22050);
  // Ten syllables at 150 words per minute: a few seconds, not a blip.
  EXPECT_GT(audio->seconds(), 1.5);
  EXPECT_LT(audio->seconds(), 8.0);
  EXPECT_GT(Rms(audio->samples, 0, audio->samples.size()), 500);
}

TEST(VoiceEspeak, SlowerRateSpeaksLonger) {
  auto slow = EspeakSynthesizer::Open({"vi", 100});
  auto fast = EspeakSynthesizer::Open({"vi", 250});
  ASSERT_TRUE(slow.ok() && fast.ok());
  StatusOr<PcmAudio> a = (*slow)->Synthesize(kPhrase);
  StatusOr<PcmAudio> b = (*fast)->Synthesize(kPhrase);
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_GT(a->seconds(), 1.5 * b->seconds());
}

TEST(VoiceEspeak, RefusesDigitsAndNothing) {
  auto espeak = EspeakSynthesizer::Open({});
  ASSERT_TRUE(espeak.ok());
  EXPECT_EQ((*espeak)->Synthesize({"mời", "số", "B023"}).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ((*espeak)->Synthesize({}).status().code(), StatusCode::kInvalidArgument);
}

TEST(VoiceEspeak, OpenErrors) {
  EXPECT_EQ(EspeakSynthesizer::Open({"no-such-voice-qms", 150}).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(EspeakSynthesizer::Open({"vi", 20}).status().code(), StatusCode::kInvalidArgument);
  // A failed voice change leaves the engine usable.
  auto espeak = EspeakSynthesizer::Open({});
  ASSERT_TRUE(espeak.ok());
  EXPECT_TRUE((*espeak)->Synthesize({"mời"}).ok());
}

// espeak-ng is not thread-safe; the engine's mutex must make concurrent calls
// give what serial calls give. espeak-ng's output varies a little from call
// to call (lengths by up to about 2.5% here), so each result is compared by
// length, within 5%, with the serial result of its voice and phrase; the six
// (voice, phrase) pairs differ by more than 10% from each other.
TEST(VoiceEspeak, ConcurrentCallsMatchSerialOnes) {
  auto north = EspeakSynthesizer::Open({"vi", 150});
  auto south = EspeakSynthesizer::Open({"vi-vn-x-south", 200});
  ASSERT_TRUE(north.ok() && south.ok());
  const std::vector<std::vector<std::string>> phrases = {
      kPhrase, {"xin", "mời", "lại", "số", "a", "một"}, {"đến", "quầy", "ưu", "tiên"}};
  std::vector<size_t> serial;
  for (auto* engine : {north->get(), south->get()}) {
    for (const auto& phrase : phrases) serial.push_back(engine->Synthesize(phrase)->samples.size());
  }
  for (size_t i = 0; i < serial.size(); ++i) {
    for (size_t j = 0; j < i; ++j) {
      ASSERT_GT(std::abs(static_cast<double>(serial[i]) - serial[j]), 0.10 * serial[i]) << i << " " << j;
    }
  }
  std::vector<std::thread> threads;
  std::atomic<int> mismatches{0};
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 6; ++i) {
        int which = (i + t) % 6;
        EspeakSynthesizer* engine = which < 3 ? north->get() : south->get();
        StatusOr<PcmAudio> audio = engine->Synthesize(phrases[which % 3]);
        if (!audio.ok() ||
            std::abs(static_cast<double>(audio->samples.size()) - serial[which]) > 0.05 * serial[which]) {
          ++mismatches;
        }
      }
    });
  }
  for (std::thread& t : threads) t.join();
  EXPECT_EQ(mismatches, 0);
}

TEST(VoiceEspeak, VoiceFacadeWavAndCache) {
  VoiceOptions options;  // no clips: espeak-ng, voice "vi"
  auto voice = Voice::Open(options);
  ASSERT_TRUE(voice.ok()) << voice.status().ToString();
  StatusOr<SpokenAnnouncement> spoken = (*voice)->Speak("B023", "5", "Quầy 5", false);
  ASSERT_TRUE(spoken.ok()) << spoken.status().ToString();
  EXPECT_EQ(spoken->source, VoiceSource::kEspeak);
  const std::string& wav = *spoken->wav;
  ASSERT_GT(wav.size(), 44u);
  EXPECT_EQ(wav.substr(0, 4), "RIFF");
  EXPECT_EQ(U32At(wav, 4), wav.size() - 8);
  EXPECT_EQ(wav.substr(8, 8), "WAVEfmt ");
  EXPECT_EQ(U32At(wav, 20) & 0xFFFF, 1u);  // PCM
  EXPECT_EQ(U32At(wav, 20) >> 16, 1u);     // mono
  EXPECT_EQ(U32At(wav, 24), 22050u);       // sample rate
  EXPECT_EQ(U32At(wav, 32) >> 16, 16u);    // bits per sample
  EXPECT_EQ(wav.substr(36, 4), "data");
  EXPECT_EQ(U32At(wav, 40), wav.size() - 44);
  StatusOr<PcmAudio> audio = DecodeWav(wav);
  ASSERT_TRUE(audio.ok());
  const size_t chime = ChimeSampleCount(22050);
  EXPECT_GT(audio->samples.size(), chime + 22050 * 3 / 2);  // chime, then seconds of speech
  EXPECT_LT(audio->samples.size(), chime + 22050 * 8);
  EXPECT_GT(Rms(audio->samples, chime, audio->samples.size()), 500);

  auto again = (*voice)->AnnouncementWav("B023", "5", "Quầy 5", false);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->get(), spoken->wav.get());
  EXPECT_EQ((*voice)->cached_phrases(), 1u);
}

TEST(VoiceEspeak, VoiceOpenWithClipsToleratesABadEngineVoice) {
  VoiceOptions options;
  options.espeak_voice = "no-such-voice-qms";
  EXPECT_EQ(Voice::Open(options).status().code(), StatusCode::kNotFound);  // nothing to speak with

  test::TempDir dir;
  for (std::string w : {"mời", "số", "a", "một", "đến", "quầy", "hai"}) {
    dir.Write(w + ".wav", EncodeWav(PcmAudio{16000, std::vector<int16_t>(800, 5000)}));
  }
  options.clips_dir = dir.path();
  auto voice = Voice::Open(options);
  ASSERT_TRUE(voice.ok()) << voice.status().ToString();
  EXPECT_EQ((*voice)->synthesizer_status().code(), StatusCode::kNotFound);
  StatusOr<SpokenAnnouncement> covered = (*voice)->Speak("A001", "2", "", false);
  ASSERT_TRUE(covered.ok()) << covered.status().ToString();
  EXPECT_EQ(covered->source, VoiceSource::kClips);
  StatusOr<SpokenAnnouncement> uncovered = (*voice)->Speak("A001", "5", "", false);
  EXPECT_EQ(uncovered.status().code(), StatusCode::kUnavailable);
  EXPECT_NE(uncovered.status().message().find("no-such-voice-qms"), std::string::npos);
}

}  // namespace
}  // namespace qms::voice
