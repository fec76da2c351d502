#include "kiosk/voice/vietnamese_text.h"

#include <array>

namespace qms::voice {
namespace {

// Each row: a vowel without tone, then with grave, acute, hook above, tilde
// and dot below (the order of kToneMarks).
constexpr std::array<std::u32string_view, 12> kVowelRows = {
    U"aàáảãạ", U"ăằắẳẵặ", U"âầấẩẫậ", U"eèéẻẽẹ", U"êềếểễệ", U"iìíỉĩị",
    U"oòóỏõọ", U"ôồốổỗộ", U"ơờớởỡợ", U"uùúủũụ", U"ưừứửữự", U"yỳýỷỹỵ",
};
constexpr std::array<char32_t, 6> kToneMarks = {0, 0x0300, 0x0301, 0x0309, 0x0303, 0x0323};
constexpr char32_t kBreve = 0x0306, kCircumflex = 0x0302, kHorn = 0x031B;

struct VowelPosition {
  int row = -1;
  int tone = 0;
};

// Where a lower-case letter sits in kVowelRows; row -1 if it is not a vowel.
VowelPosition FindVowel(char32_t lower) {
  for (int row = 0; row < static_cast<int>(kVowelRows.size()); ++row) {
    size_t tone = kVowelRows[row].find(lower);
    if (tone != std::u32string_view::npos) return {row, static_cast<int>(tone)};
  }
  return {};
}

// The row a quality mark (breve, circumflex, horn) turns `row` into; -1 if
// that vowel does not take the mark.
int ApplyQualityMark(int row, char32_t mark) {
  char32_t base = kVowelRows[row][0];
  char32_t result = 0;
  if (mark == kBreve && base == U'a') result = U'ă';
  if (mark == kCircumflex && (base == U'a' || base == U'e' || base == U'o')) {
    result = base == U'a' ? U'â' : base == U'e' ? U'ê' : U'ô';
  }
  if (mark == kHorn && (base == U'o' || base == U'u')) result = base == U'o' ? U'ơ' : U'ư';
  return result == 0 ? -1 : FindVowel(result).row;
}

int ToneOfMark(char32_t mark) {
  for (int tone = 1; tone < static_cast<int>(kToneMarks.size()); ++tone) {
    if (kToneMarks[tone] == mark) return tone;
  }
  return 0;
}

char32_t ToUpperVowel(char32_t lower) {
  if (lower < 0x80) return lower - 0x20;
  if (lower >= 0xE0 && lower <= 0xFE) return lower - 0x20;
  if (lower >= 0x1EA1 && lower <= 0x1EF9) return lower - 1;
  switch (lower) {
    case 0x0103:
    case 0x0129:
    case 0x0169:
    case 0x01A1: return lower - 1;
    case 0x01B0: return 0x01AF;
  }
  return lower;
}

}  // namespace

StatusOr<std::u32string> DecodeUtf8(std::string_view text) {
  std::u32string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size();) {
    auto lead = static_cast<unsigned char>(text[i]);
    int extra = lead < 0x80           ? 0
                : (lead >> 5) == 0x6  ? 1
                : (lead >> 4) == 0xE  ? 2
                : (lead >> 3) == 0x1E ? 3
                                      : -1;
    if (extra < 0 || i + extra >= text.size()) {
      return InvalidArgument("invalid UTF-8 at byte " + std::to_string(i));
    }
    char32_t c = extra == 0 ? lead : lead & (0x3F >> extra);
    for (int k = 1; k <= extra; ++k) {
      auto next = static_cast<unsigned char>(text[i + k]);
      if ((next & 0xC0) != 0x80) return InvalidArgument("invalid UTF-8 at byte " + std::to_string(i));
      c = (c << 6) | (next & 0x3F);
    }
    constexpr char32_t kMinOfLength[] = {0, 0x80, 0x800, 0x10000};
    if (c < kMinOfLength[extra] || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) {
      return InvalidArgument("invalid UTF-8 at byte " + std::to_string(i));
    }
    out.push_back(c);
    i += extra + 1;
  }
  return out;
}

std::string EncodeUtf8(std::u32string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char32_t c : text) {
    if (c < 0x80) {
      out.push_back(static_cast<char>(c));
    } else if (c < 0x800) {
      out.push_back(static_cast<char>(0xC0 | (c >> 6)));
      out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
    } else if (c < 0x10000) {
      out.push_back(static_cast<char>(0xE0 | (c >> 12)));
      out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
    } else {
      out.push_back(static_cast<char>(0xF0 | (c >> 18)));
      out.push_back(static_cast<char>(0x80 | ((c >> 12) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
    }
  }
  return out;
}

char32_t ToLowerVietnamese(char32_t c) {
  if (c >= U'A' && c <= U'Z') return c + 0x20;
  if (c >= 0xC0 && c <= 0xDE && c != 0xD7) return c + 0x20;
  if (c >= 0x1EA0 && c <= 0x1EF9 && c % 2 == 0) return c + 1;
  switch (c) {
    case 0x0102:
    case 0x0110:
    case 0x0128:
    case 0x0168:
    case 0x01A0: return c + 1;
    case 0x01AF: return 0x01B0;
  }
  return c;
}

bool IsUpperVietnamese(char32_t c) { return ToLowerVietnamese(c) != c; }

std::u32string ComposeVietnamese(std::u32string_view text) {
  std::u32string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    bool upper = IsUpperVietnamese(text[i]);
    VowelPosition vowel = FindVowel(ToLowerVietnamese(text[i]));
    if (vowel.row < 0) {
      out.push_back(text[i]);
      continue;
    }
    // Take the marks that follow while each one still makes a letter: one
    // tone, and one quality mark on a plain a, e, o or u.
    while (i + 1 < text.size()) {
      char32_t mark = text[i + 1];
      int tone = ToneOfMark(mark);
      int row = tone == 0 ? ApplyQualityMark(vowel.row, mark) : -1;
      if (tone != 0 && vowel.tone == 0) {
        vowel.tone = tone;
      } else if (row >= 0) {
        vowel.row = row;
      } else {
        break;
      }
      ++i;
    }
    char32_t composed = kVowelRows[vowel.row][vowel.tone];
    out.push_back(upper ? ToUpperVowel(composed) : composed);
  }
  return out;
}

bool IsWordChar(char32_t c) {
  if (c < 0x80) return (c >= U'0' && c <= U'9') || (c >= U'a' && c <= U'z') || (c >= U'A' && c <= U'Z');
  if (c >= 0xA0 && c <= 0xBF) return false;
  if (c == 0xD7 || c == 0xF7 || c == 0x3000) return false;
  return !(c >= 0x2000 && c <= 0x206F);
}

StatusOr<std::string> LowerNfc(std::string_view text) {
  StatusOr<std::u32string> decoded = DecodeUtf8(text);
  if (!decoded.ok()) return decoded.status();
  std::u32string composed = ComposeVietnamese(*decoded);
  for (char32_t& c : composed) c = ToLowerVietnamese(c);
  return EncodeUtf8(composed);
}

std::vector<std::u32string> SplitWords(std::u32string_view text) {
  std::vector<std::u32string> words;
  std::u32string current;
  for (char32_t c : text) {
    if (IsWordChar(c)) {
      current.push_back(c);
    } else if (!current.empty()) {
      words.push_back(std::move(current));
      current.clear();
    }
  }
  if (!current.empty()) words.push_back(std::move(current));
  return words;
}

}  // namespace qms::voice
