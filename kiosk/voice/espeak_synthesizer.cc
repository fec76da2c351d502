#include "kiosk/voice/espeak_synthesizer.h"

#include <espeak-ng/espeak_ng.h>

#include <mutex>

namespace qms::voice {
namespace {

// The one engine of the process. Guarded by `mutex`: espeak-ng is not
// thread-safe, so nothing calls into it without holding it.
struct Engine {
  std::mutex mutex;
  bool initialised = false;
  Status init_status;  // the outcome of the one initialisation
  int sample_rate = 0;
  std::string current_voice;
  int current_rate = -1;
};

Engine& TheEngine() {
  static auto* engine = new Engine();  // never destroyed: espeak-ng is never terminated
  return *engine;
}

std::string StatusMessage(espeak_ng_STATUS status) {
  char buffer[256] = {};
  espeak_ng_GetStatusCodeMessage(status, buffer, sizeof(buffer));
  return buffer;
}

// Collects samples into the vector passed as user_data of the synthesis.
int CollectSamples(short* samples, int count, espeak_EVENT* events) {
  if (samples == nullptr || count <= 0 || events == nullptr) return 0;
  auto* out = static_cast<std::vector<int16_t>*>(events->user_data);
  if (out != nullptr) out->insert(out->end(), samples, samples + count);
  return 0;  // continue
}

// REQUIRES: engine.mutex held.
Status InitialiseLocked(Engine& engine) {
  if (engine.initialised) return engine.init_status;
  engine.initialised = true;
  espeak_ng_InitializePath(nullptr);
  espeak_ng_ERROR_CONTEXT context = nullptr;
  espeak_ng_STATUS status = espeak_ng_Initialize(&context);
  if (status == ENS_OK) status = espeak_ng_InitializeOutput(ENOUTPUT_MODE_SYNCHRONOUS, 0, nullptr);
  espeak_ng_ClearErrorContext(&context);
  if (status != ENS_OK) {
    engine.init_status = Unavailable("espeak-ng cannot start: " + StatusMessage(status));
    return engine.init_status;
  }
  espeak_SetSynthCallback(CollectSamples);
  engine.sample_rate = espeak_ng_GetSampleRate();
  return Status::Ok();
}

// REQUIRES: engine.mutex held.
Status SelectLocked(Engine& engine, const EspeakOptions& options) {
  if (engine.current_voice != options.voice) {
    espeak_ng_STATUS status = espeak_ng_SetVoiceByName(options.voice.c_str());
    if (status != ENS_OK) {
      engine.current_voice.clear();
      return NotFound("espeak-ng voice \"" + options.voice + "\": " + StatusMessage(status));
    }
    engine.current_voice = options.voice;
    engine.current_rate = -1;  // a voice change resets the parameters
  }
  if (engine.current_rate != options.words_per_minute) {
    espeak_ng_STATUS status = espeak_ng_SetParameter(espeakRATE, options.words_per_minute, 0);
    if (status != ENS_OK) return Internal("espeak-ng rate: " + StatusMessage(status));
    engine.current_rate = options.words_per_minute;
  }
  return Status::Ok();
}

}  // namespace

StatusOr<std::unique_ptr<EspeakSynthesizer>> EspeakSynthesizer::Open(const EspeakOptions& options) {
  if (options.words_per_minute < 80 || options.words_per_minute > 450) {
    return InvalidArgument("espeak-ng rate " + std::to_string(options.words_per_minute) +
                           " words per minute is outside 80..450");
  }
  Engine& engine = TheEngine();
  std::lock_guard<std::mutex> lock(engine.mutex);
  if (Status s = InitialiseLocked(engine); !s.ok()) return s;
  if (Status s = SelectLocked(engine, options); !s.ok()) return s;
  return std::unique_ptr<EspeakSynthesizer>(new EspeakSynthesizer(options, engine.sample_rate));
}

StatusOr<PcmAudio> EspeakSynthesizer::Synthesize(const std::vector<std::string>& words) {
  std::string text;
  for (const std::string& word : words) {
    if (word.find_first_of("0123456789") != std::string::npos) {
      return InvalidArgument("a digit in \"" + word + "\": spell numbers out before speaking them");
    }
    if (!text.empty()) text += ' ';
    text += word;
  }
  if (text.empty()) return InvalidArgument("nothing to say");

  PcmAudio audio;
  audio.sample_rate = sample_rate_;
  Engine& engine = TheEngine();
  std::lock_guard<std::mutex> lock(engine.mutex);
  if (Status s = SelectLocked(engine, options_); !s.ok()) return s;
  espeak_ng_STATUS status = espeak_ng_Synthesize(text.c_str(), text.size() + 1, 0, POS_CHARACTER, 0,
                                                 espeakCHARS_UTF8, nullptr, &audio.samples);
  if (status != ENS_OK) return Internal("espeak-ng: " + StatusMessage(status));
  if (audio.samples.empty()) return Internal("espeak-ng produced no sound for \"" + text + "\"");
  return audio;
}

}  // namespace qms::voice
