// Vietnamese text as the voice needs it: UTF-8 decoding, lower case and NFC
// composition of the letters Vietnamese writes, and splitting into words.
//
// Scope: composition and case mapping cover the Vietnamese alphabet (the 12
// vowels with their 5 tone marks, đ) and the Latin-1 letters; other text
// passes through unchanged. That is all a ticket, a counter name or a clip's
// file name can hold, and it needs no ICU. Names typed or saved on systems
// that store decomposed text (macOS file names: "mời" as m, o, U+031B, U+0300,
// i) come out as the same NFC string as their composed form.
//
// All functions are pure and thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "services/base/status.h"

namespace qms::voice {

// INVALID_ARGUMENT on malformed UTF-8 (bad lead or continuation byte,
// overlong form, surrogate, beyond U+10FFFF).
[[nodiscard]] StatusOr<std::u32string> DecodeUtf8(std::string_view text);
std::string EncodeUtf8(std::u32string_view text);

// Composes a base vowel followed by combining marks (breve U+0306,
// circumflex U+0302, horn U+031B; tones U+0300 grave, U+0301 acute, U+0309
// hook above, U+0303 tilde, U+0323 dot below), in any order, into the one
// precomposed letter NFC gives. Keeps the case of the base letter.
std::u32string ComposeVietnamese(std::u32string_view text);

// The lower-case form of a letter of Vietnamese or Latin-1; other code points
// are returned unchanged.
char32_t ToLowerVietnamese(char32_t c);
bool IsUpperVietnamese(char32_t c);

// True for characters that belong to a word: letters, digits and anything not
// known to be a space, a symbol or punctuation (ASCII non-alphanumerics,
// U+00A0-U+00BF, U+00D7, U+00F7, U+2000-U+206F, U+3000).
bool IsWordChar(char32_t c);

// The composed, lower-case form of UTF-8 text. INVALID_ARGUMENT on malformed UTF-8.
[[nodiscard]] StatusOr<std::string> LowerNfc(std::string_view text);

// The words of composed text: maximal runs of word characters, case kept.
std::vector<std::u32string> SplitWords(std::u32string_view text);

}  // namespace qms::voice
