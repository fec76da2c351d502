#include "kiosk/voice/wav.h"

#include <gtest/gtest.h>

#include <cstdlib>

#include "tests/support/temp_dir.h"

namespace qms::voice {
namespace {

std::string Bytes(std::initializer_list<int> bytes) {
  std::string out;
  for (int b : bytes) out.push_back(static_cast<char>(b));
  return out;
}

// A WAV header whose fields the caller chooses, for the rejection tests.
std::string Header(int format, int channels, int rate, int bits, uint32_t data_bytes) {
  auto u16 = [](int v) { return Bytes({v & 0xFF, (v >> 8) & 0xFF}); };
  auto u32 = [](uint32_t v) {
    return Bytes({int(v & 0xFF), int((v >> 8) & 0xFF), int((v >> 16) & 0xFF), int((v >> 24) & 0xFF)});
  };
  int align = channels * bits / 8;
  return "RIFF" + u32(36 + data_bytes) + "WAVEfmt " + u32(16) + u16(format) + u16(channels) + u32(rate) +
         u32(rate * align) + u16(align) + u16(bits) + "data" + u32(data_bytes);
}

TEST(VoiceWav, HeaderByteByByte) {
  PcmAudio audio{8000, {0, 1, -1, 32767, -32768}};
  std::string want = Bytes({
      'R',  'I',  'F', 'F', 46,   0,    0,    0,    // RIFF, size = 36 + 10 data bytes
      'W',  'A',  'V', 'E', 'f',  'm',  't',  ' ',  // WAVE, fmt chunk
      16,   0,    0,   0,                           // fmt size
      1,    0,                                      // PCM
      1,    0,                                      // mono
      0x40, 0x1F, 0,   0,                           // 8000 Hz
      0x80, 0x3E, 0,   0,                           // 16000 bytes per second
      2,    0,                                      // block align
      16,   0,                                      // bits per sample
      'd',  'a',  't', 'a', 10,   0,    0,    0,    // data, 10 bytes
      0,    0,    1,   0,   0xFF, 0xFF, 0xFF, 0x7F, 0x00, 0x80,
  });
  EXPECT_EQ(EncodeWav(audio), want);
  EXPECT_EQ(EncodeWav(PcmAudio{22050, {}}).size(), 44u);
}

TEST(VoiceWav, DecodeRoundTrip) {
  PcmAudio audio{22050, {0, 100, -100, 32767, -32768, 7}};
  StatusOr<PcmAudio> back = DecodeWav(EncodeWav(audio));
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(back->sample_rate, 22050);
  EXPECT_EQ(back->samples, audio.samples);
  EXPECT_DOUBLE_EQ(back->seconds(), 6.0 / 22050);
}

TEST(VoiceWav, DecodeSkipsOtherChunksAndPadding) {
  // fmt, then a LIST chunk of odd size (padded to even), then data.
  std::string wav = "RIFF" + Bytes({0, 0, 0, 0}) + "WAVEfmt " +
                    Bytes({16, 0, 0, 0, 1, 0, 1, 0, 0x40, 0x1F, 0, 0, 0x80, 0x3E, 0, 0, 2, 0, 16, 0}) +
                    "LIST" + Bytes({3, 0, 0, 0, 'a', 'b', 'c', 0}) + "data" + Bytes({4, 0, 0, 0, 1, 0, 2, 0});
  StatusOr<PcmAudio> audio = DecodeWav(wav);
  ASSERT_TRUE(audio.ok()) << audio.status().ToString();
  EXPECT_EQ(audio->samples, (std::vector<int16_t>{1, 2}));
}

TEST(VoiceWav, DecodeAcceptsExtensiblePcm) {
  std::string fmt =
      Bytes({40, 0, 0,  0, 0xFE, 0xFF, 1,    0, 0x40, 0x1F, 0, 0,    0x80, 0x3E, 0,    0,
             2,  0, 16, 0, 22,   0,    16,   0, 4,    0,    0, 0,  // cbSize, valid bits, channel mask
             1,  0, 0,  0, 0,    0,    0x10, 0, 0x80, 0,    0, 0xAA, 0,    0x38, 0x9B, 0x71});  // PCM GUID
  std::string wav = "RIFF" + Bytes({0, 0, 0, 0}) + "WAVEfmt " + fmt + "data" + Bytes({2, 0, 0, 0, 5, 0});
  StatusOr<PcmAudio> audio = DecodeWav(wav);
  ASSERT_TRUE(audio.ok()) << audio.status().ToString();
  EXPECT_EQ(audio->samples, (std::vector<int16_t>{5}));
}

TEST(VoiceWav, DecodeRejectsWhatIsNotPcm16Mono) {
  struct Case {
    std::string bytes, message;
  };
  const std::vector<Case> cases = {
      {"", "not a RIFF/WAVE"},
      {"RIFX" + Header(1, 1, 8000, 16, 0).substr(4), "not a RIFF/WAVE"},
      {Header(1, 2, 8000, 16, 4) + "abcd", "2 channels, need mono"},
      {Header(1, 1, 8000, 8, 2) + "ab", "8 bits per sample, need 16"},
      {Header(1, 1, 8000, 24, 3) + "abc", "24 bits per sample, need 16"},
      {Header(3, 1, 8000, 32, 4) + "abcd", "not PCM"},
      {Header(1, 1, 8000, 16, 8) + "abcd", "data chunk truncated"},
      {Header(1, 1, 8000, 16, 3) + "abc", "odd number of bytes"},
      {Header(1, 1, 8000, 16, 0).substr(0, 36), "no data chunk"},
      {Header(1, 1, 0, 16, 0), "sample rate 0"},
  };
  for (const Case& c : cases) {
    StatusOr<PcmAudio> audio = DecodeWav(c.bytes);
    ASSERT_FALSE(audio.ok()) << c.message;
    EXPECT_EQ(audio.status().code(), StatusCode::kInvalidArgument);
    EXPECT_NE(audio.status().message().find(c.message), std::string::npos) << audio.status().message();
  }
}

TEST(VoiceWav, ReadFileBackAndErrorsNameIt) {
  test::TempDir dir;
  PcmAudio audio{16000, std::vector<int16_t>(1600, 1234)};
  dir.Write("mời.wav", EncodeWav(audio));
  StatusOr<PcmAudio> back = ReadWavFile(dir / "mời.wav");
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(back->sample_rate, 16000);
  EXPECT_EQ(back->samples, audio.samples);

  dir.Write("stereo.wav", Header(1, 2, 16000, 16, 4) + "abcd");
  StatusOr<PcmAudio> bad = ReadWavFile(dir / "stereo.wav");
  EXPECT_EQ(bad.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(bad.status().message().rfind((dir / "stereo.wav").string() + ": 2 channels", 0), 0u)
      << bad.status().message();
  EXPECT_EQ(ReadWavFile(dir / "none.wav").status().code(), StatusCode::kNotFound);
}

// A clip as a recording tool writes it: sox is installed on the machines
// that build the project; the test is skipped where it is not.
TEST(VoiceWav, ReadsAClipWrittenBySox) {
  if (std::system("command -v sox >/dev/null 2>&1") != 0) GTEST_SKIP() << "sox is not installed";
  test::TempDir dir;
  std::string file = (dir / "sox.wav").string();
  std::string command =
      "sox -n -r 16000 -b 16 -c 1 -e signed-integer '" + file + "' synth 0.25 sine 440 2>/dev/null";
  ASSERT_EQ(std::system(command.c_str()), 0);
  StatusOr<PcmAudio> clip = ReadWavFile(file);
  ASSERT_TRUE(clip.ok()) << clip.status().ToString();
  EXPECT_EQ(clip->sample_rate, 16000);
  EXPECT_EQ(clip->samples.size(), 4000u);
  int16_t peak = 0;
  for (int16_t s : clip->samples) peak = std::max<int16_t>(peak, s);
  EXPECT_GT(peak, 16000);  // a full-scale sine, not silence
}

}  // namespace
}  // namespace qms::voice
