// qms-say: writes the WAV of one announcement, so an operator can listen to
// the board's voice, or check a clip library for missing words.
//
//   qms-say --number B023 --counter 5 --out call.wav
//   qms-say --number A001 --counter vip --counter-name "Quầy ưu tiên" --recall
//           --voice-dir /etc/qms/clips --out recall.wav
//   qms-say --voice-dir /etc/qms/clips --list-missing
//   qms-say --list-words
#include <CLI/CLI.hpp>
#include <cstdio>
#include <fstream>
#include <iostream>

#include "kiosk/voice/announcement.h"
#include "kiosk/voice/voice.h"

namespace {

struct Flags {
  std::string number;
  std::string counter;
  std::string counter_name;
  bool recall = false;
  std::string voice_dir;
  std::string espeak_voice = "vi";
  int words_per_minute = 150;
  std::string out;
  bool list_missing = false;
  bool list_words = false;
};

int Fail(const std::string& message) {
  std::cerr << "qms-say: " << message << std::endl;
  return 1;
}

// Prints the vocabulary words the clip library lacks; 0 if it has them all.
int ListMissing(const qms::voice::Voice& voice) {
  if (voice.clips() == nullptr) return Fail("--list-missing needs --voice-dir");
  std::vector<std::string> missing = voice.clips()->MissingWords(qms::voice::AnnouncementVocabulary());
  for (const std::string& word : missing) std::cout << word << ".wav\n";
  std::cerr << "qms-say: " << missing.size() << " word(s) without a clip" << std::endl;
  return missing.empty() ? 0 : 2;
}

}  // namespace

int main(int argc, char** argv) {
  Flags flags;
  CLI::App app("Writes the WAV (chime + phrase) the display board plays for a call.");
  app.add_option("--number", flags.number, "ticket number, e.g. B023");
  app.add_option("--counter", flags.counter, "counter id, e.g. 5");
  app.add_option("--counter-name", flags.counter_name, "counter name, e.g. \"Quầy ưu tiên\"");
  app.add_flag("--recall", flags.recall, "the recall wording (\"Xin mời lại số ...\")");
  app.add_option("--voice-dir", flags.voice_dir,
                 "directory of recorded clips (README.md); default: espeak-ng");
  app.add_option("--espeak-voice", flags.espeak_voice, "vi, vi-vn-x-central or vi-vn-x-south");
  app.add_option("--rate", flags.words_per_minute, "espeak-ng words per minute");
  app.add_option("--out", flags.out, "the WAV file to write");
  app.add_flag("--list-missing", flags.list_missing, "list the words the clips of --voice-dir lack");
  app.add_flag("--list-words", flags.list_words, "list every word a call can need (the clips to record)");
  CLI11_PARSE(app, argc, argv);
  if (flags.list_words) {
    for (const std::string& word : qms::voice::AnnouncementVocabulary()) std::cout << word << "\n";
    return 0;
  }

  qms::voice::VoiceOptions options;
  options.clips_dir = flags.voice_dir;
  options.espeak_voice = flags.espeak_voice;
  options.espeak_words_per_minute = flags.words_per_minute;
  auto voice = qms::voice::Voice::Open(options);
  if (!voice.ok()) return Fail(voice.status().ToString());
  if (flags.list_missing) return ListMissing(**voice);
  if (flags.number.empty() || flags.counter.empty() || flags.out.empty()) {
    return Fail("--number, --counter and --out are required");
  }

  auto spoken = (*voice)->Speak(flags.number, flags.counter, flags.counter_name, flags.recall);
  if (!spoken.ok()) return Fail(spoken.status().ToString());
  if (!spoken->missing_words.empty()) {
    std::cerr << "qms-say: no clip for";
    for (const std::string& w : spoken->missing_words) std::cerr << " \"" << w << "\"";
    std::cerr << "; spoken by espeak-ng" << std::endl;
  }
  std::ofstream out(flags.out, std::ios::binary);
  out.write(spoken->wav->data(), static_cast<std::streamsize>(spoken->wav->size()));
  out.close();
  if (!out) return Fail("cannot write " + flags.out);
  std::printf("%s\n%s: %.2f s, %s\n", spoken->announcement.text.c_str(), flags.out.c_str(), spoken->seconds,
              qms::voice::VoiceSourceName(spoken->source));
  return 0;
}
