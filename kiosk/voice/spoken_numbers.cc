#include "kiosk/voice/spoken_numbers.h"

#include <array>

#include "kiosk/voice/vietnamese_text.h"

namespace qms::voice {
namespace {

constexpr std::array<const char*, 10> kDigitWords = {"không", "một", "hai", "ba",  "bốn",
                                                     "năm",   "sáu", "bảy", "tám", "chín"};

struct LetterName {
  char32_t upper;
  std::vector<std::string> words;
};

// The common spoken names (README.md explains the choices).
const std::vector<LetterName>& LetterTable() {
  static const auto* table = new std::vector<LetterName>{
      {U'A', {"a"}},        {U'Ă', {"á"}},         {U'Â', {"ớ"}},         {U'B', {"bê"}},
      {U'C', {"xê"}},       {U'D', {"dê"}},        {U'Đ', {"đê"}},        {U'E', {"e"}},
      {U'Ê', {"ê"}},        {U'F', {"ép"}},        {U'G', {"giê"}},       {U'H', {"hát"}},
      {U'I', {"i"}},        {U'J', {"gi"}},        {U'K', {"ca"}},        {U'L', {"e", "lờ"}},
      {U'M', {"em", "mờ"}}, {U'N', {"en", "nờ"}},  {U'O', {"o"}},         {U'Ô', {"ô"}},
      {U'Ơ', {"ơ"}},        {U'P', {"pê"}},        {U'Q', {"quy"}},       {U'R', {"e", "rờ"}},
      {U'S', {"ét", "xì"}}, {U'T', {"tê"}},        {U'U', {"u"}},         {U'Ư', {"ư"}},
      {U'V', {"vê"}},       {U'W', {"vê", "kép"}}, {U'X', {"ích", "xì"}}, {U'Y', {"i", "dài"}},
      {U'Z', {"dét"}},
  };
  return *table;
}

void Append(std::vector<std::string>& out, const char* word) { out.emplace_back(word); }

// Words of 0 < n < 1000. `full`: a higher group was spoken before, so a
// missing hundred is still said ("không trăm") and the tens get "linh".
void AppendTriple(int n, bool full, const NumberStyle& style, std::vector<std::string>& out) {
  int hundreds = n / 100, tens = n / 10 % 10, units = n % 10;
  bool hundred_spoken = hundreds > 0 || full;
  if (hundred_spoken) {
    Append(out, kDigitWords[hundreds]);
    Append(out, "trăm");
  }
  if (tens == 0) {
    if (units == 0) return;
    if (hundred_spoken) Append(out, style.zero_tens_as_linh ? "linh" : "lẻ");
    Append(out, kDigitWords[units]);
    return;
  }
  if (tens == 1) {
    Append(out, "mười");
  } else {
    Append(out, kDigitWords[tens]);
    Append(out, "mươi");
  }
  switch (units) {
    case 0: break;
    case 1: Append(out, tens == 1 ? "một" : "mốt"); break;
    case 4: Append(out, tens >= 2 && style.four_as_tu ? "tư" : "bốn"); break;
    case 5: Append(out, "lăm"); break;
    default: Append(out, kDigitWords[units]);
  }
}

}  // namespace

std::vector<std::string> NumberWords(int64_t n, const NumberStyle& style) {
  if (n <= 0) return {kDigitWords[0]};
  // Group names, from the lowest group of three digits up.
  const std::array<const char*, 4> kGroupNames = {"", style.thousand_as_nghin ? "nghìn" : "ngàn", "triệu",
                                                  "tỷ"};
  std::array<int, 4> groups{};
  for (int64_t rest = n, g = 0; rest > 0 && g < 4; rest /= 1000, ++g)
    groups[g] = static_cast<int>(rest % 1000);
  std::vector<std::string> out;
  for (int g = 3; g >= 0; --g) {
    if (groups[g] == 0) continue;
    AppendTriple(groups[g], /*full=*/!out.empty(), style, out);
    if (g > 0) Append(out, kGroupNames[g]);
  }
  return out;
}

StatusOr<std::vector<std::string>> DigitStringWords(std::string_view digits, const NumberStyle& style) {
  if (digits.empty()) return InvalidArgument("no digits");
  int64_t n = 0;
  for (char c : digits) {
    if (c < '0' || c > '9') return InvalidArgument("not a number: \"" + std::string(digits) + "\"");
    n = n * 10 + (c - '0');
    if (n > kMaxSpokenNumber) return InvalidArgument("number too large to speak: " + std::string(digits));
  }
  return NumberWords(n, style);
}

std::vector<std::string> LetterWords(char32_t letter) {
  char32_t lower = ToLowerVietnamese(letter);
  for (const LetterName& name : LetterTable()) {
    if (ToLowerVietnamese(name.upper) == lower) return name.words;
  }
  return {};
}

std::u32string NamedLetters() {
  std::u32string letters;
  for (const LetterName& name : LetterTable()) letters.push_back(name.upper);
  return letters;
}

StatusOr<std::vector<std::string>> TicketWords(std::string_view ticket, const NumberStyle& style) {
  auto invalid = [&] { return InvalidArgument("not a ticket number: \"" + std::string(ticket) + "\""); };
  StatusOr<std::u32string> decoded = DecodeUtf8(ticket);
  if (!decoded.ok()) return invalid();
  std::u32string text = ComposeVietnamese(*decoded);
  if (text.empty() || text.size() > 16) return invalid();
  std::vector<std::string> words;
  size_t i = 0;
  for (; i < text.size() && !(text[i] >= U'0' && text[i] <= U'9'); ++i) {
    std::vector<std::string> name = LetterWords(text[i]);
    if (name.empty()) return invalid();
    words.insert(words.end(), name.begin(), name.end());
  }
  if (i == text.size()) return invalid();  // no digits
  StatusOr<std::vector<std::string>> number = DigitStringWords(EncodeUtf8(text.substr(i)), style);
  if (!number.ok()) return invalid();
  words.insert(words.end(), number->begin(), number->end());
  return words;
}

}  // namespace qms::voice
