#include "kiosk/voice/announcement.h"

#include <algorithm>
#include <set>

#include "kiosk/voice/vietnamese_text.h"

namespace qms::voice {
namespace {

// The openings, as words and as they start the text.
const std::vector<std::string> kCallOpening = {"mời", "số"};
const std::vector<std::string> kRecallOpening = {"xin", "mời", "lại", "số"};
constexpr const char* kCallOpeningText = "Mời số";
constexpr const char* kRecallOpeningText = "Xin mời lại số";

bool IsDigit(char32_t c) { return c >= U'0' && c <= U'9'; }

std::string Trim(const std::string& s) {
  size_t begin = s.find_first_not_of(" \t\r\n");
  if (begin == std::string::npos) return "";
  size_t end = s.find_last_not_of(" \t\r\n");
  return s.substr(begin, end - begin + 1);
}

bool AllAsciiDigits(const std::string& s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

void AppendAll(std::vector<std::string>& out, const std::vector<std::string>& words) {
  out.insert(out.end(), words.begin(), words.end());
}

// The words of one run of word characters, by the rules in the header.
void AppendTokenWords(const std::u32string& token, const NumberStyle& style, std::vector<std::string>& out) {
  bool has_digit = std::any_of(token.begin(), token.end(), IsDigit);
  for (size_t begin = 0; begin < token.size();) {
    bool digits = IsDigit(token[begin]);
    size_t end = begin;
    while (end < token.size() && IsDigit(token[end]) == digits) ++end;
    std::u32string run = token.substr(begin, end - begin);
    begin = end;
    if (digits) {
      StatusOr<std::vector<std::string>> number = DigitStringWords(EncodeUtf8(run), style);
      if (number.ok()) {
        AppendAll(out, *number);
      } else {  // too long for a number: read digit by digit
        for (char32_t d : run) AppendAll(out, NumberWords(d - U'0', style));
      }
      continue;
    }
    std::vector<std::string> letter = run.size() == 1 ? LetterWords(run[0]) : std::vector<std::string>{};
    if (!letter.empty() && (has_digit || IsUpperVietnamese(run[0]))) {
      AppendAll(out, letter);
      continue;
    }
    for (char32_t& c : run) c = ToLowerVietnamese(c);
    out.push_back(EncodeUtf8(run));
  }
}

StatusOr<std::vector<std::string>> FreeTextWords(const std::string& text, const NumberStyle& style) {
  StatusOr<std::u32string> decoded = DecodeUtf8(text);
  if (!decoded.ok()) return InvalidArgument("counter name is not UTF-8: " + decoded.status().message());
  std::vector<std::string> words;
  for (const std::u32string& token : SplitWords(ComposeVietnamese(*decoded))) {
    AppendTokenWords(token, style, words);
  }
  return words;
}

std::string Join(const std::vector<std::string>& words, size_t from) {
  std::string out;
  for (size_t i = from; i < words.size(); ++i) {
    if (!out.empty()) out += ' ';
    out += words[i];
  }
  return out;
}

std::string CounterDisplay(const std::string& id, const std::string& name) {
  if (AllAsciiDigits(id)) {
    size_t first = std::min(id.find_first_not_of('0'), id.size() - 1);
    return "quầy số " + id.substr(first);
  }
  return name.empty() ? "quầy " + id : name;
}

}  // namespace

StatusOr<std::vector<std::string>> CounterWords(const std::string& counter_id,
                                                const std::string& counter_name, const NumberStyle& style) {
  std::string id = Trim(counter_id), name = Trim(counter_name);
  if (AllAsciiDigits(id)) {
    StatusOr<std::vector<std::string>> number = DigitStringWords(id, style);
    if (number.ok()) {
      std::vector<std::string> words = {"quầy", "số"};
      AppendAll(words, *number);
      return words;
    }
  }
  StatusOr<std::vector<std::string>> words = FreeTextWords(name.empty() ? id : name, style);
  if (!words.ok()) return words.status();
  if (words->empty()) {
    return InvalidArgument("counter has no speakable id or name: id \"" + counter_id + "\", name \"" +
                           counter_name + "\"");
  }
  if (name.empty() && words->front() != "quầy") words->insert(words->begin(), "quầy");
  return words;
}

StatusOr<Announcement> DescribeAnnouncement(const std::string& ticket_number, const std::string& counter_id,
                                            const std::string& counter_name, bool recall,
                                            const NumberStyle& style) {
  std::string ticket = Trim(ticket_number);
  StatusOr<std::vector<std::string>> ticket_words = TicketWords(ticket, style);
  if (!ticket_words.ok()) return ticket_words.status();
  StatusOr<std::vector<std::string>> counter_words = CounterWords(counter_id, counter_name, style);
  if (!counter_words.ok()) return counter_words.status();

  Announcement out;
  const std::vector<std::string>& opening = recall ? kRecallOpening : kCallOpening;
  out.words = opening;
  AppendAll(out.words, *ticket_words);
  out.words.push_back("đến");
  AppendAll(out.words, *counter_words);
  const char* opening_text = recall ? kRecallOpeningText : kCallOpeningText;
  out.text = std::string(opening_text) + " " + Join(out.words, opening.size());
  out.display_text = std::string(opening_text) + " " + ticket + " đến " +
                     CounterDisplay(Trim(counter_id), Trim(counter_name));
  return out;
}

std::vector<std::string> AnnouncementVocabulary(const NumberStyle& style) {
  std::set<std::string> words(kRecallOpening.begin(), kRecallOpening.end());
  words.insert(kCallOpening.begin(), kCallOpening.end());
  for (const char* w : {"đến", "quầy", "số", "mười", "mươi", "mốt", "lăm", "trăm", "triệu", "tỷ"})
    words.insert(w);
  words.insert(style.zero_tens_as_linh ? "linh" : "lẻ");
  words.insert(style.thousand_as_nghin ? "nghìn" : "ngàn");
  if (style.four_as_tu) words.insert("tư");
  for (int digit = 0; digit <= 9; ++digit) {
    for (const std::string& w : NumberWords(digit, style)) words.insert(w);
  }
  for (char32_t letter : NamedLetters()) {
    for (const std::string& w : LetterWords(letter)) words.insert(w);
  }
  return {words.begin(), words.end()};
}

}  // namespace qms::voice
