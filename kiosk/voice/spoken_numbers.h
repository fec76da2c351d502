// Numbers, letters and ticket numbers as words of spoken Vietnamese.
//
// espeak-ng reads digits wrongly ("15" as "mười năm", "B023" as "bê không hai
// mươi ba"), so the voice never gives it a digit: everything is spelled out
// here first. The rules (each pinned by spoken_numbers_test.cc):
//   - units: không một hai ba bốn năm sáu bảy tám chín;
//   - 10-19: "mười", then the unit, 5 as "lăm" (15 "mười lăm"), 4 as "bốn";
//   - 20-99: the tens digit and "mươi", then the unit, 1 as "mốt" (21 "hai
//     mươi mốt"), 4 as "tư" or "bốn" (NumberStyle), 5 as "lăm";
//   - a hundred digit with no tens: "linh" or "lẻ" (NumberStyle) before the
//     unit, read plainly (105 "một trăm linh năm", 101 "một trăm linh một");
//   - groups of three digits named nghìn (or ngàn), triệu, tỷ; a group of
//     zeros is not spoken; a group after a spoken one is read in full, with
//     "không trăm" (1005 "một nghìn không trăm linh năm", 2021 "hai nghìn
//     không trăm hai mươi mốt", 1000001 "một triệu không trăm linh một").
//
// Every word returned is NFC UTF-8 in lower case, one syllable per string.
// All functions are pure and thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "services/base/status.h"

namespace qms::voice {

struct NumberStyle {
  bool four_as_tu = true;         // 24 "hai mươi tư"; false: "hai mươi bốn"
  bool zero_tens_as_linh = true;  // 105 "một trăm linh năm"; false: "một trăm lẻ năm"
  bool thousand_as_nghin = true;  // "nghìn" (north, official); false: "ngàn" (south)
};

// The largest number NumberWords speaks: 999 tỷ 999 triệu ...
inline constexpr int64_t kMaxSpokenNumber = 999'999'999'999;

// REQUIRES: 0 <= n <= kMaxSpokenNumber.
std::vector<std::string> NumberWords(int64_t n, const NumberStyle& style = {});

// The words of a string of ASCII digits, leading zeros dropped ("023" is 23,
// "000" is 0). INVALID_ARGUMENT if it is empty, holds anything but digits, or
// names a number above kMaxSpokenNumber.
[[nodiscard]] StatusOr<std::vector<std::string>> DigitStringWords(std::string_view digits,
                                                                  const NumberStyle& style = {});

// The spoken name of a letter, as words ("bê"; L is "e", "lờ"). Takes either
// case of the 26 Latin letters, Đ and the Vietnamese vowels Ă Â Ê Ô Ơ Ư (as
// single code points). Empty for anything else. The table is in README.md.
std::vector<std::string> LetterWords(char32_t letter);

// Every letter LetterWords names, in alphabetical order, upper case.
std::u32string NamedLetters();

// A ticket number: one or more letters then one or more digits ("B023",
// "AB7", "đ12"), or digits alone ("023"). The letters are named one by one,
// then the number is read without its leading zeros: "B023" is "bê hai mươi
// ba", "A001" "a một", "C105" "xê một trăm linh năm". INVALID_ARGUMENT (the
// message quotes the ticket) for anything else, or more than 16 characters.
[[nodiscard]] StatusOr<std::vector<std::string>> TicketWords(std::string_view ticket,
                                                             const NumberStyle& style = {});

}  // namespace qms::voice
