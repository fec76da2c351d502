// The Voice facade with clips and a fake speech engine: what goes into one
// announcement's WAV, the fallback, the cache. espeak_synthesizer_test.cc
// covers the real engine.
#include "kiosk/voice/voice.h"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "kiosk/voice/chime.h"
#include "tests/support/temp_dir.h"

namespace qms::voice {
namespace {

constexpr int kClipRate = 16000;
constexpr int kFakeRate = 8000;
constexpr size_t kFakeSamplesPerWord = 100;

// Speaks each word as 100 samples of 7 at 8 kHz and counts its calls.
class FakeSynthesizer final : public PhraseSynthesizer {
 public:
  explicit FakeSynthesizer(std::atomic<int>* calls) : calls_(calls) {}
  StatusOr<PcmAudio> Synthesize(const std::vector<std::string>& words) override {
    ++*calls_;
    return PcmAudio{kFakeRate, std::vector<int16_t>(kFakeSamplesPerWord * words.size(), 7)};
  }

 private:
  std::atomic<int>* calls_;
};

// Clips for "mời số bê hai mươi ba đến quầy số năm", each word its own
// length and value (1000 times its rank: louder than the silence level); `without` is left out.
std::map<std::string, size_t> WriteClips(const test::TempDir& dir, const std::string& without = "") {
  const std::vector<std::string> words = {"mời", "số", "bê", "hai", "mươi", "ba", "đến", "quầy", "năm"};
  std::map<std::string, size_t> lengths;
  for (size_t i = 0; i < words.size(); ++i) {
    if (words[i] == without) continue;
    size_t length = 1000 + 100 * i;
    lengths[words[i]] = length;
    dir.Write(
        words[i] + ".wav",
        EncodeWav(PcmAudio{kClipRate, std::vector<int16_t>(length, static_cast<int16_t>(1000 * (i + 1)))}));
  }
  return lengths;
}

VoiceOptions ClipOptions(const test::TempDir& dir) {
  VoiceOptions options;
  options.clips_dir = dir.path();
  options.clip_gap_ms = 50;
  return options;
}

TEST(VoiceFacade, ClipsJoinedAfterTheChime) {
  test::TempDir dir;
  std::map<std::string, size_t> lengths = WriteClips(dir);
  std::atomic<int> calls{0};
  auto voice = Voice::OpenWithSynthesizer(ClipOptions(dir), std::make_unique<FakeSynthesizer>(&calls));
  ASSERT_TRUE(voice.ok()) << voice.status().ToString();

  StatusOr<SpokenAnnouncement> spoken = (*voice)->Speak("B023", "5", "Quầy 5", false);
  ASSERT_TRUE(spoken.ok()) << spoken.status().ToString();
  EXPECT_EQ(spoken->source, VoiceSource::kClips);
  EXPECT_TRUE(spoken->missing_words.empty());
  EXPECT_EQ(calls, 0);
  EXPECT_EQ(spoken->announcement.text, "Mời số bê hai mươi ba đến quầy số năm");

  StatusOr<PcmAudio> wav = DecodeWav(*spoken->wav);
  ASSERT_TRUE(wav.ok()) << wav.status().ToString();
  EXPECT_EQ(wav->sample_rate, kClipRate);
  size_t clips = 0;
  for (const std::string& w : spoken->announcement.words) clips += lengths.at(w);
  const size_t gap = kClipRate * 50 / 1000;
  const size_t words = spoken->announcement.words.size();
  EXPECT_EQ(wav->samples.size(), ChimeSampleCount(kClipRate) + clips + gap * (words - 1));
  EXPECT_DOUBLE_EQ(spoken->seconds, wav->seconds());
  // The chime first, exactly; then the first clip ("mời", value 1).
  std::vector<int16_t> chime = MakeChime(kClipRate);
  EXPECT_TRUE(std::equal(chime.begin(), chime.end(), wav->samples.begin()));
  EXPECT_EQ(wav->samples[chime.size()], 1000);
  EXPECT_EQ(wav->samples.back(), 9000);  // "năm"
}

TEST(VoiceFacade, MissingWordFallsBackToTheEngineForThePhrase) {
  test::TempDir dir;
  WriteClips(dir, /*without=*/"năm");
  std::atomic<int> calls{0};
  auto voice = Voice::OpenWithSynthesizer(ClipOptions(dir), std::make_unique<FakeSynthesizer>(&calls));
  ASSERT_TRUE(voice.ok()) << voice.status().ToString();

  StatusOr<SpokenAnnouncement> spoken = (*voice)->Speak("B023", "5", "", false);
  ASSERT_TRUE(spoken.ok()) << spoken.status().ToString();
  EXPECT_EQ(spoken->source, VoiceSource::kEspeak);
  EXPECT_EQ(spoken->missing_words, std::vector<std::string>{"năm"});
  EXPECT_EQ(calls, 1);
  StatusOr<PcmAudio> wav = DecodeWav(*spoken->wav);
  ASSERT_TRUE(wav.ok());
  EXPECT_EQ(wav->sample_rate, kFakeRate);  // the chime follows the engine's rate
  EXPECT_EQ(wav->samples.size(), ChimeSampleCount(kFakeRate) + kFakeSamplesPerWord * 10);

  // A phrase the clips cover still comes from them.
  StatusOr<SpokenAnnouncement> covered = (*voice)->Speak("B023", "3", "", false);
  ASSERT_TRUE(covered.ok());
  EXPECT_EQ(covered->source, VoiceSource::kClips);
  EXPECT_EQ(calls, 1);
}

TEST(VoiceFacade, ClipsOnlyWithoutEngineIsUnavailableForMissingWords) {
  test::TempDir dir;
  WriteClips(dir, /*without=*/"năm");
  auto voice = Voice::OpenWithSynthesizer(ClipOptions(dir), nullptr);
  ASSERT_TRUE(voice.ok()) << voice.status().ToString();
  EXPECT_FALSE((*voice)->synthesizer_status().ok());
  StatusOr<SpokenAnnouncement> spoken = (*voice)->Speak("B023", "5", "", false);
  EXPECT_EQ(spoken.status().code(), StatusCode::kUnavailable);
  EXPECT_NE(spoken.status().message().find("\"năm\""), std::string::npos);
  EXPECT_TRUE((*voice)->Speak("B023", "3", "", false).ok());
}

TEST(VoiceFacade, CacheReturnsTheSameBufferAndIsBounded) {
  std::atomic<int> calls{0};
  VoiceOptions options;
  options.cache_entries = 2;
  auto voice = Voice::OpenWithSynthesizer(options, std::make_unique<FakeSynthesizer>(&calls));
  ASSERT_TRUE(voice.ok());
  auto first = (*voice)->AnnouncementWav("B023", "5", "", false);
  auto again = (*voice)->AnnouncementWav("b023", "05", "Quầy 5", false);  // same words, same phrase
  ASSERT_TRUE(first.ok() && again.ok());
  EXPECT_EQ(first->get(), again->get());
  EXPECT_EQ(calls, 1);
  auto recall = (*voice)->AnnouncementWav("B023", "5", "", true);
  ASSERT_TRUE(recall.ok());
  EXPECT_NE(recall->get(), first->get());
  EXPECT_EQ(calls, 2);
  ASSERT_TRUE((*voice)->AnnouncementWav("B024", "5", "", false).ok());  // evicts the first call
  EXPECT_EQ((*voice)->cached_phrases(), 2u);
  auto later = (*voice)->AnnouncementWav("B023", "5", "", false);
  ASSERT_TRUE(later.ok());
  EXPECT_EQ(calls, 4);
  EXPECT_EQ(**later, **first);  // rendered again, same bytes
}

TEST(VoiceFacade, ErrorsAreNotCached) {
  std::atomic<int> calls{0};
  auto voice = Voice::OpenWithSynthesizer(VoiceOptions{}, std::make_unique<FakeSynthesizer>(&calls));
  ASSERT_TRUE(voice.ok());
  EXPECT_EQ((*voice)->AnnouncementWav("B-23", "5", "", false).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ((*voice)->Describe("B023", "", "", false).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ((*voice)->cached_phrases(), 0u);
  EXPECT_EQ(calls, 0);
}

TEST(VoiceFacade, DescribeUsesTheNumberStyle) {
  std::atomic<int> calls{0};
  VoiceOptions options;
  options.numbers.four_as_tu = false;
  options.numbers.zero_tens_as_linh = false;
  auto voice = Voice::OpenWithSynthesizer(options, std::make_unique<FakeSynthesizer>(&calls));
  ASSERT_TRUE(voice.ok());
  StatusOr<Announcement> a = (*voice)->Describe("A024", "105", "", false);
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(a->text, "Mời số a hai mươi bốn đến quầy số một trăm lẻ năm");
}

TEST(VoiceFacade, OpenErrors) {
  std::atomic<int> calls{0};
  VoiceOptions missing_dir;
  missing_dir.clips_dir = "/nonexistent/qms/clips";
  EXPECT_EQ(
      Voice::OpenWithSynthesizer(missing_dir, std::make_unique<FakeSynthesizer>(&calls)).status().code(),
      StatusCode::kNotFound);
  EXPECT_EQ(Voice::OpenWithSynthesizer(VoiceOptions{}, nullptr).status().code(),
            StatusCode::kInvalidArgument);
  VoiceOptions bad_gap;
  bad_gap.clip_gap_ms = -1;
  EXPECT_EQ(Voice::OpenWithSynthesizer(bad_gap, std::make_unique<FakeSynthesizer>(&calls)).status().code(),
            StatusCode::kInvalidArgument);
}

TEST(VoiceFacade, ManyThreadsShareOneRenderPerPhrase) {
  test::TempDir dir;
  WriteClips(dir);
  std::atomic<int> calls{0};
  auto voice = Voice::OpenWithSynthesizer(ClipOptions(dir), std::make_unique<FakeSynthesizer>(&calls));
  ASSERT_TRUE(voice.ok());
  std::vector<std::thread> threads;
  std::vector<std::vector<std::shared_ptr<const std::string>>> seen(4);
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 50; ++i) {
        // Counters 1..9 with clips for only some of the words: both paths.
        auto wav = (*voice)->AnnouncementWav("B023", std::to_string(1 + (i + t) % 9), "", i % 2 == 1);
        ASSERT_TRUE(wav.ok()) << wav.status().ToString();
        seen[t].push_back(*wav);
      }
    });
  }
  for (std::thread& t : threads) t.join();
  EXPECT_EQ((*voice)->cached_phrases(), 18u);
  // Every thread got, for each phrase, the one buffer the cache holds.
  for (int t = 0; t < 4; ++t) {
    for (int i = 0; i < 50; ++i) {
      auto now = (*voice)->AnnouncementWav("B023", std::to_string(1 + (i + t) % 9), "", i % 2 == 1);
      ASSERT_TRUE(now.ok());
      EXPECT_EQ(now->get(), seen[t][i].get());
    }
  }
}

}  // namespace
}  // namespace qms::voice
