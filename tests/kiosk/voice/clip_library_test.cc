#include "kiosk/voice/clip_library.h"

#include <gtest/gtest.h>

#include "tests/support/temp_dir.h"

namespace qms::voice {
namespace {

// A clip of `length` samples, every one `value` thousands (well above the
// silence level): joined audio shows which clip sits where.
std::string Clip(int value, size_t length, int rate = 16000) {
  return EncodeWav(PcmAudio{rate, std::vector<int16_t>(length, static_cast<int16_t>(1000 * value))});
}

// Checks `audio` is the runs (value, length) separated by `gap` zeros.
void ExpectRuns(const PcmAudio& audio, const std::vector<std::pair<int, size_t>>& runs, size_t gap) {
  size_t at = 0;
  for (size_t r = 0; r < runs.size(); ++r) {
    if (r > 0) {
      for (size_t i = 0; i < gap; ++i) ASSERT_EQ(audio.samples.at(at++), 0) << "gap before run " << r;
    }
    for (size_t i = 0; i < runs[r].second; ++i)
      ASSERT_EQ(audio.samples.at(at++), 1000 * runs[r].first) << "run " << r;
  }
  EXPECT_EQ(at, audio.samples.size());
}

TEST(VoiceClipLibrary, JoinsClipsWithGaps) {
  test::TempDir dir;
  dir.Write("mời.wav", Clip(1, 100));
  dir.Write("số.wav", Clip(2, 200));
  dir.Write("bê.wav", Clip(3, 300));
  dir.Write("notes.txt", "not a clip");
  std::filesystem::create_directory(dir / "old");
  StatusOr<std::unique_ptr<ClipLibrary>> library = ClipLibrary::Load(dir.path());
  ASSERT_TRUE(library.ok()) << library.status().ToString();
  EXPECT_EQ((*library)->size(), 3u);
  EXPECT_EQ((*library)->sample_rate(), 16000);

  StatusOr<PcmAudio> joined = (*library)->Join({"mời", "số", "bê", "số"}, /*gap_ms=*/10);
  ASSERT_TRUE(joined.ok()) << joined.status().ToString();
  EXPECT_EQ(joined->sample_rate, 16000);
  EXPECT_EQ(joined->samples.size(), 100u + 200 + 300 + 200 + 3 * 160);
  ExpectRuns(*joined, {{1, 100}, {2, 200}, {3, 300}, {2, 200}}, 160);

  StatusOr<PcmAudio> no_gap = (*library)->Join({"bê"}, 0);
  ASSERT_TRUE(no_gap.ok());
  EXPECT_EQ(no_gap->samples.size(), 300u);
}

TEST(VoiceClipLibrary, MissingWordsNamed) {
  test::TempDir dir;
  dir.Write("mời.wav", Clip(1, 10));
  auto library = ClipLibrary::Load(dir.path());
  ASSERT_TRUE(library.ok());
  std::vector<std::string> words = {"mời", "số", "năm", "số"};
  EXPECT_EQ((*library)->MissingWords(words), (std::vector<std::string>{"số", "năm"}));
  StatusOr<PcmAudio> joined = (*library)->Join(words, 10);
  EXPECT_EQ(joined.status().code(), StatusCode::kNotFound);
  EXPECT_EQ(joined.status().message(), "no clip for \"số\", \"năm\"");
}

TEST(VoiceClipLibrary, MultiWordClipsPreferredAndNamesNormalised) {
  test::TempDir dir;
  dir.Write("mời.wav", Clip(1, 10));
  dir.Write("số.wav", Clip(2, 20));
  dir.Write("Mời số.wav", Clip(3, 30));       // capitals: still "mời số"
  dir.Write("đến_quầy_số.wav", Clip(4, 40));  // underscores separate words
  // "quầy" decomposed, as a macOS file name holds it.
  dir.Write("\x71\x75\x61\xcc\x82\xcc\x80\x79.WAV", Clip(5, 50));
  auto library = ClipLibrary::Load(dir.path());
  ASSERT_TRUE(library.ok()) << library.status().ToString();
  StatusOr<PcmAudio> joined = (*library)->Join({"mời", "số", "số", "đến", "quầy", "số", "quầy", "mời"}, 0);
  ASSERT_TRUE(joined.ok()) << joined.status().ToString();
  ExpectRuns(*joined, {{3, 30}, {2, 20}, {4, 40}, {5, 50}, {1, 10}}, 0);
  EXPECT_TRUE((*library)->MissingWords({"đến"}).size() == 1);  // only inside "đến quầy số"
}

TEST(VoiceClipLibrary, TrimsSilenceAtTheEndsWithAMargin) {
  const int rate = 16000;  // 10 ms margin = 160 samples
  std::vector<int16_t> clip(1000, 0);
  for (size_t i = 0; i < 200; ++i) clip.push_back(i % 2 ? 5000 : -5000);
  clip.push_back(0);  // a quiet sample inside the sound stays
  clip.push_back(400);
  for (size_t i = 0; i < 50; ++i) clip.push_back(-100);  // below the level
  std::vector<int16_t> trimmed = TrimSilence(clip, rate);
  ASSERT_EQ(trimmed.size(), 160u + 202 + 50);  // the tail is shorter than the margin
  EXPECT_EQ(trimmed[159], 0);
  EXPECT_EQ(trimmed[160], -5000);
  EXPECT_EQ(trimmed[361], 400);
  EXPECT_TRUE(TrimSilence(std::vector<int16_t>(100, 327), rate).empty());
  EXPECT_EQ(TrimSilence(std::vector<int16_t>(100, -328), rate).size(), 100u);

  test::TempDir dir;
  std::vector<int16_t> padded(16000, 0);  // 1 s of silence, 0.1 s of sound, 1 s of silence
  padded.insert(padded.end(), 1600, 2000);
  padded.insert(padded.end(), 16000, 0);
  dir.Write("mời.wav", EncodeWav(PcmAudio{rate, padded}));
  auto library = ClipLibrary::Load(dir.path());
  ASSERT_TRUE(library.ok()) << library.status().ToString();
  StatusOr<PcmAudio> joined = (*library)->Join({"mời"}, 0);
  ASSERT_TRUE(joined.ok());
  EXPECT_EQ(joined->samples.size(), 160u + 1600 + 160);
}

TEST(VoiceClipLibrary, LoadErrorsNameTheFile) {
  struct Case {
    std::vector<std::pair<std::string, std::string>> files;
    StatusCode code;
    std::string message;
  };
  const std::string stereo = [] {
    std::string wav = Clip(0, 4);
    wav[22] = 2;  // channels
    return wav;
  }();
  const std::vector<Case> cases = {
      {{{"mời.wav", Clip(1, 10)}, {"số.wav", stereo}}, StatusCode::kInvalidArgument, "số.wav: 2 channels"},
      {{{"mời.wav", "RIFF"}}, StatusCode::kInvalidArgument, "mời.wav: not a RIFF/WAVE"},
      {{{"mời.wav", Clip(1, 10)}, {"số.wav", Clip(1, 10, 44100)}},
       StatusCode::kInvalidArgument,
       "số.wav: sample rate 44100 Hz differs from 16000 Hz of mời.wav"},
      {{{"mời.wav", Clip(1, 10)}, {"Mời.wav", Clip(1, 10)}},
       StatusCode::kInvalidArgument,
       "already has a clip"},
      {{{"5.wav", Clip(1, 10)}}, StatusCode::kInvalidArgument, "5.wav: a clip is named by its word"},
      {{{"mời.wav", Clip(1, 0)}}, StatusCode::kInvalidArgument, "mời.wav: empty clip"},
      {{{"mời.wav", EncodeWav(PcmAudio{16000, std::vector<int16_t>(800, 300)})}},
       StatusCode::kInvalidArgument,
       "mời.wav: silent clip"},
      {{{"_.wav", Clip(1, 10)}}, StatusCode::kInvalidArgument, "_.wav: file name holds no word"},
      {{{"\xff.wav", Clip(1, 10)}}, StatusCode::kInvalidArgument, "not UTF-8"},
      {{{"readme.txt", "x"}}, StatusCode::kInvalidArgument, "no .wav clips"},
  };
  for (const Case& c : cases) {
    test::TempDir dir;
    for (const auto& [name, bytes] : c.files) dir.Write(name, bytes);
    StatusOr<std::unique_ptr<ClipLibrary>> library = ClipLibrary::Load(dir.path());
    ASSERT_FALSE(library.ok()) << c.message;
    EXPECT_EQ(library.status().code(), c.code) << c.message;
    EXPECT_NE(library.status().message().find(c.message), std::string::npos) << library.status().message();
  }
  EXPECT_EQ(ClipLibrary::Load("/nonexistent/qms/clips").status().code(), StatusCode::kNotFound);
}

}  // namespace
}  // namespace qms::voice
