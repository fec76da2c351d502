#include "kiosk/voice/wav.h"

#include <fstream>
#include <sstream>

namespace qms::voice {
namespace {

constexpr uint16_t kFormatPcm = 1;
constexpr uint16_t kFormatExtensible = 0xFFFE;

void PutU16(std::string& out, uint16_t v) {
  out.push_back(static_cast<char>(v & 0xFF));
  out.push_back(static_cast<char>(v >> 8));
}

void PutU32(std::string& out, uint32_t v) {
  for (int shift = 0; shift < 32; shift += 8) out.push_back(static_cast<char>((v >> shift) & 0xFF));
}

uint16_t GetU16(std::string_view b, size_t at) {
  return static_cast<uint16_t>(static_cast<uint8_t>(b[at]) | static_cast<uint8_t>(b[at + 1]) << 8);
}

uint32_t GetU32(std::string_view b, size_t at) {
  return static_cast<uint32_t>(GetU16(b, at)) | static_cast<uint32_t>(GetU16(b, at + 2)) << 16;
}

struct Format {
  uint16_t tag = 0;
  uint16_t channels = 0;
  uint32_t sample_rate = 0;
  uint16_t bits = 0;
  uint16_t sub_tag = 0;  // WAVE_FORMAT_EXTENSIBLE: the first two bytes of the sub-format GUID
};

Status CheckFormat(const Format& f) {
  bool pcm = f.tag == kFormatPcm || (f.tag == kFormatExtensible && f.sub_tag == kFormatPcm);
  if (!pcm) return InvalidArgument("not PCM (format " + std::to_string(f.tag) + "), need 16-bit PCM mono");
  if (f.channels != 1) return InvalidArgument(std::to_string(f.channels) + " channels, need mono");
  if (f.bits != 16) return InvalidArgument(std::to_string(f.bits) + " bits per sample, need 16");
  if (f.sample_rate == 0 || f.sample_rate > 384000) {
    return InvalidArgument("sample rate " + std::to_string(f.sample_rate) + " out of range");
  }
  return Status::Ok();
}

}  // namespace

std::string EncodeWav(const PcmAudio& audio) {
  const uint32_t data_bytes = static_cast<uint32_t>(audio.samples.size() * 2);
  std::string out;
  out.reserve(44 + data_bytes);
  out += "RIFF";
  PutU32(out, 36 + data_bytes);
  out += "WAVEfmt ";
  PutU32(out, 16);          // fmt chunk size
  PutU16(out, kFormatPcm);  // format tag
  PutU16(out, 1);           // channels
  PutU32(out, static_cast<uint32_t>(audio.sample_rate));
  PutU32(out, static_cast<uint32_t>(audio.sample_rate) * 2);  // bytes per second
  PutU16(out, 2);                                             // block align
  PutU16(out, 16);                                            // bits per sample
  out += "data";
  PutU32(out, data_bytes);
  for (int16_t s : audio.samples) PutU16(out, static_cast<uint16_t>(s));
  return out;
}

StatusOr<PcmAudio> DecodeWav(std::string_view bytes) {
  if (bytes.size() < 12 || bytes.substr(0, 4) != "RIFF" || bytes.substr(8, 4) != "WAVE") {
    return InvalidArgument("not a RIFF/WAVE file");
  }
  Format format;
  bool have_format = false;
  for (size_t at = 12; at + 8 <= bytes.size();) {
    std::string_view id = bytes.substr(at, 4);
    uint32_t size = GetU32(bytes, at + 4);
    size_t body = at + 8;
    if (id == "fmt ") {
      if (size < 16 || body + size > bytes.size()) return InvalidArgument("fmt chunk truncated");
      format.tag = GetU16(bytes, body);
      format.channels = GetU16(bytes, body + 2);
      format.sample_rate = GetU32(bytes, body + 4);
      format.bits = GetU16(bytes, body + 14);
      if (format.tag == kFormatExtensible && size >= 26) format.sub_tag = GetU16(bytes, body + 24);
      have_format = true;
    } else if (id == "data") {
      if (!have_format) return InvalidArgument("data chunk before the fmt chunk");
      if (Status s = CheckFormat(format); !s.ok()) return s;
      if (body + size > bytes.size()) return InvalidArgument("data chunk truncated");
      if (size % 2 != 0) return InvalidArgument("data chunk of an odd number of bytes");
      PcmAudio audio;
      audio.sample_rate = static_cast<int>(format.sample_rate);
      audio.samples.resize(size / 2);
      for (size_t i = 0; i < audio.samples.size(); ++i) {
        audio.samples[i] = static_cast<int16_t>(GetU16(bytes, body + 2 * i));
      }
      return audio;
    }
    at = body + size + (size % 2);  // chunks are padded to an even length
  }
  return InvalidArgument(have_format ? "no data chunk" : "no fmt chunk");
}

StatusOr<PcmAudio> ReadWavFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return NotFound(path.string() + ": cannot open");
  std::ostringstream bytes;
  bytes << in.rdbuf();
  if (in.bad()) return Internal(path.string() + ": read error");
  StatusOr<PcmAudio> audio = DecodeWav(bytes.str());
  if (!audio.ok()) return Status(audio.status().code(), path.string() + ": " + audio.status().message());
  return audio;
}

}  // namespace qms::voice
