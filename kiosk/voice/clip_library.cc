#include "kiosk/voice/clip_library.h"

#include <algorithm>
#include <system_error>

#include "kiosk/voice/vietnamese_text.h"

namespace qms::voice {
namespace {

bool HasWavExtension(const std::filesystem::path& path) {
  std::string ext = path.extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return std::tolower(c); });
  return ext == ".wav";
}

// The clip's key ("mời số") from its file name, or why the name cannot be one.
StatusOr<std::string> ClipKey(const std::filesystem::path& path) {
  StatusOr<std::u32string> stem = DecodeUtf8(path.stem().string());
  if (!stem.ok()) return InvalidArgument(path.string() + ": file name is not UTF-8");
  std::u32string composed = ComposeVietnamese(*stem);
  std::string key;
  for (std::u32string word : SplitWords(composed)) {
    for (char32_t& c : word) {
      if (c >= U'0' && c <= U'9') {
        return InvalidArgument(path.string() +
                               ": a clip is named by its word in letters (\"năm.wav\", not \"5.wav\")");
      }
      c = ToLowerVietnamese(c);
    }
    if (!key.empty()) key += ' ';
    key += EncodeUtf8(word);
  }
  if (key.empty()) return InvalidArgument(path.string() + ": file name holds no word");
  return key;
}

std::vector<std::filesystem::path> WavFilesSorted(const std::filesystem::path& dir, std::error_code& error) {
  std::vector<std::filesystem::path> files;
  for (std::filesystem::directory_iterator it(dir, error), end; !error && it != end; it.increment(error)) {
    std::error_code ignored;
    if (it->is_regular_file(ignored) && HasWavExtension(it->path())) files.push_back(it->path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

}  // namespace

std::vector<int16_t> TrimSilence(const std::vector<int16_t>& samples, int sample_rate) {
  auto loud = [](int16_t s) { return s >= kSilenceLevel || s <= -kSilenceLevel; };
  auto first = std::find_if(samples.begin(), samples.end(), loud);
  if (first == samples.end()) return {};
  auto last = std::find_if(samples.rbegin(), samples.rend(), loud).base();  // one past the last loud sample
  const long margin = static_cast<long>(sample_rate) * kTrimMarginMs / 1000;
  auto begin = samples.begin() + std::max(0L, static_cast<long>(first - samples.begin()) - margin);
  auto end = last + std::min(margin, static_cast<long>(samples.end() - last));
  return std::vector<int16_t>(begin, end);
}

StatusOr<std::unique_ptr<ClipLibrary>> ClipLibrary::Load(const std::filesystem::path& dir) {
  std::error_code error;
  if (!std::filesystem::is_directory(dir, error))
    return NotFound(dir.string() + ": not a directory of clips");
  std::vector<std::filesystem::path> files = WavFilesSorted(dir, error);
  if (error) return NotFound(dir.string() + ": cannot list: " + error.message());
  if (files.empty()) return InvalidArgument(dir.string() + ": no .wav clips");

  std::unique_ptr<ClipLibrary> library(new ClipLibrary());
  std::map<std::string, std::filesystem::path> file_of_key;
  std::filesystem::path first_file;
  for (const std::filesystem::path& file : files) {
    StatusOr<std::string> key = ClipKey(file);
    if (!key.ok()) return key.status();
    StatusOr<PcmAudio> clip = ReadWavFile(file);
    if (!clip.ok()) return InvalidArgument(clip.status().message());
    if (clip->samples.empty()) return InvalidArgument(file.string() + ": empty clip");
    clip->samples = TrimSilence(clip->samples, clip->sample_rate);
    if (clip->samples.empty())
      return InvalidArgument(file.string() + ": silent clip (nothing above -40 dBFS)");
    if (library->sample_rate_ == 0) {
      library->sample_rate_ = clip->sample_rate;
      first_file = file;
    } else if (clip->sample_rate != library->sample_rate_) {
      return InvalidArgument(file.string() + ": sample rate " + std::to_string(clip->sample_rate) +
                             " Hz differs from " + std::to_string(library->sample_rate_) + " Hz of " +
                             first_file.filename().string() + "; record every clip at one rate");
    }
    auto [it, inserted] = file_of_key.emplace(*key, file);
    if (!inserted) {
      return InvalidArgument(file.string() + ": the word \"" + *key + "\" already has a clip, " +
                             it->second.filename().string());
    }
    library->longest_clip_words_ = std::max(
        library->longest_clip_words_, 1 + static_cast<size_t>(std::count(key->begin(), key->end(), ' ')));
    library->clips_.emplace(*key, std::move(clip->samples));
  }
  return library;
}

std::vector<const std::vector<int16_t>*> ClipLibrary::Plan(const std::vector<std::string>& words,
                                                           std::vector<std::string>* missing) const {
  std::vector<const std::vector<int16_t>*> plan;
  for (size_t i = 0; i < words.size();) {
    size_t taken = 0;
    for (size_t n = std::min(longest_clip_words_, words.size() - i); n >= 1 && taken == 0; --n) {
      std::string key = words[i];
      for (size_t k = 1; k < n; ++k) key += ' ' + words[i + k];
      auto it = clips_.find(key);
      if (it != clips_.end()) {
        plan.push_back(&it->second);
        taken = n;
      }
    }
    if (taken == 0) {
      plan.push_back(nullptr);
      if (std::find(missing->begin(), missing->end(), words[i]) == missing->end())
        missing->push_back(words[i]);
      taken = 1;
    }
    i += taken;
  }
  return plan;
}

std::vector<std::string> ClipLibrary::MissingWords(const std::vector<std::string>& words) const {
  std::vector<std::string> missing;
  Plan(words, &missing);
  return missing;
}

StatusOr<PcmAudio> ClipLibrary::Join(const std::vector<std::string>& words, int gap_ms) const {
  std::vector<std::string> missing;
  std::vector<const std::vector<int16_t>*> plan = Plan(words, &missing);
  if (!missing.empty()) {
    std::string list;
    for (const std::string& w : missing) list += (list.empty() ? "\"" : ", \"") + w + "\"";
    return NotFound("no clip for " + list);
  }
  const size_t gap = static_cast<size_t>(std::max(0, gap_ms)) * sample_rate_ / 1000;
  PcmAudio out;
  out.sample_rate = sample_rate_;
  for (size_t i = 0; i < plan.size(); ++i) {
    if (i > 0) out.samples.insert(out.samples.end(), gap, 0);
    out.samples.insert(out.samples.end(), plan[i]->begin(), plan[i]->end());
  }
  return out;
}

}  // namespace qms::voice
