#include "kiosk/voice/spoken_numbers.h"

#include <gtest/gtest.h>

#include <set>
#include <utility>

namespace qms::voice {
namespace {

std::string Join(const std::vector<std::string>& words) {
  std::string out;
  for (const std::string& w : words) out += (out.empty() ? "" : " ") + w;
  return out;
}

std::string Say(int64_t n, const NumberStyle& style = {}) { return Join(NumberWords(n, style)); }

// Written by hand from Vietnamese usage, not generated.
const std::vector<std::pair<int64_t, std::string>> kNumbers = {
    {0, "không"},
    {1, "một"},
    {2, "hai"},
    {3, "ba"},
    {4, "bốn"},
    {5, "năm"},
    {6, "sáu"},
    {7, "bảy"},
    {8, "tám"},
    {9, "chín"},
    {10, "mười"},
    {11, "mười một"},
    {12, "mười hai"},
    {13, "mười ba"},
    {14, "mười bốn"},
    {15, "mười lăm"},
    {16, "mười sáu"},
    {17, "mười bảy"},
    {18, "mười tám"},
    {19, "mười chín"},
    {20, "hai mươi"},
    {21, "hai mươi mốt"},
    {22, "hai mươi hai"},
    {23, "hai mươi ba"},
    {24, "hai mươi tư"},
    {25, "hai mươi lăm"},
    {26, "hai mươi sáu"},
    {27, "hai mươi bảy"},
    {28, "hai mươi tám"},
    {29, "hai mươi chín"},
    {30, "ba mươi"},
    {31, "ba mươi mốt"},
    {34, "ba mươi tư"},
    {35, "ba mươi lăm"},
    {40, "bốn mươi"},
    {41, "bốn mươi mốt"},
    {44, "bốn mươi tư"},
    {45, "bốn mươi lăm"},
    {50, "năm mươi"},
    {55, "năm mươi lăm"},
    {60, "sáu mươi"},
    {70, "bảy mươi"},
    {80, "tám mươi"},
    {90, "chín mươi"},
    {91, "chín mươi mốt"},
    {94, "chín mươi tư"},
    {99, "chín mươi chín"},
    {100, "một trăm"},
    {101, "một trăm linh một"},
    {102, "một trăm linh hai"},
    {103, "một trăm linh ba"},
    {104, "một trăm linh bốn"},
    {105, "một trăm linh năm"},
    {106, "một trăm linh sáu"},
    {107, "một trăm linh bảy"},
    {108, "một trăm linh tám"},
    {109, "một trăm linh chín"},
    {110, "một trăm mười"},
    {111, "một trăm mười một"},
    {112, "một trăm mười hai"},
    {113, "một trăm mười ba"},
    {114, "một trăm mười bốn"},
    {115, "một trăm mười lăm"},
    {116, "một trăm mười sáu"},
    {117, "một trăm mười bảy"},
    {118, "một trăm mười tám"},
    {119, "một trăm mười chín"},
    {120, "một trăm hai mươi"},
    {121, "một trăm hai mươi mốt"},
    {122, "một trăm hai mươi hai"},
    {123, "một trăm hai mươi ba"},
    {124, "một trăm hai mươi tư"},
    {125, "một trăm hai mươi lăm"},
    {200, "hai trăm"},
    {201, "hai trăm linh một"},
    {202, "hai trăm linh hai"},
    {203, "hai trăm linh ba"},
    {204, "hai trăm linh bốn"},
    {205, "hai trăm linh năm"},
    {206, "hai trăm linh sáu"},
    {207, "hai trăm linh bảy"},
    {208, "hai trăm linh tám"},
    {209, "hai trăm linh chín"},
    {210, "hai trăm mười"},
    {211, "hai trăm mười một"},
    {212, "hai trăm mười hai"},
    {213, "hai trăm mười ba"},
    {214, "hai trăm mười bốn"},
    {215, "hai trăm mười lăm"},
    {300, "ba trăm"},
    {405, "bốn trăm linh năm"},
    {555, "năm trăm năm mươi lăm"},
    {721, "bảy trăm hai mươi mốt"},
    {910, "chín trăm mười"},
    {999, "chín trăm chín mươi chín"},
    {1000, "một nghìn"},
    {1001, "một nghìn không trăm linh một"},
    {1002, "một nghìn không trăm linh hai"},
    {1003, "một nghìn không trăm linh ba"},
    {1004, "một nghìn không trăm linh bốn"},
    {1005, "một nghìn không trăm linh năm"},
    {1006, "một nghìn không trăm linh sáu"},
    {1007, "một nghìn không trăm linh bảy"},
    {1008, "một nghìn không trăm linh tám"},
    {1009, "một nghìn không trăm linh chín"},
    {1010, "một nghìn không trăm mười"},
    {1011, "một nghìn không trăm mười một"},
    {1012, "một nghìn không trăm mười hai"},
    {1013, "một nghìn không trăm mười ba"},
    {1014, "một nghìn không trăm mười bốn"},
    {1015, "một nghìn không trăm mười lăm"},
    {1016, "một nghìn không trăm mười sáu"},
    {1017, "một nghìn không trăm mười bảy"},
    {1018, "một nghìn không trăm mười tám"},
    {1019, "một nghìn không trăm mười chín"},
    {1020, "một nghìn không trăm hai mươi"},
    {1021, "một nghìn không trăm hai mươi mốt"},
    {1022, "một nghìn không trăm hai mươi hai"},
    {1023, "một nghìn không trăm hai mươi ba"},
    {1024, "một nghìn không trăm hai mươi tư"},
    {1025, "một nghìn không trăm hai mươi lăm"},
    {1100, "một nghìn một trăm"},
    {1234, "một nghìn hai trăm ba mươi tư"},
    {2000, "hai nghìn"},
    {2021, "hai nghìn không trăm hai mươi mốt"},
    {5555, "năm nghìn năm trăm năm mươi lăm"},
    {9999, "chín nghìn chín trăm chín mươi chín"},
    {10000, "mười nghìn"},
    {10005, "mười nghìn không trăm linh năm"},
    {11000, "mười một nghìn"},
    {15015, "mười lăm nghìn không trăm mười lăm"},
    {21000, "hai mươi mốt nghìn"},
    {24024, "hai mươi tư nghìn không trăm hai mươi tư"},
    {25500, "hai mươi lăm nghìn năm trăm"},
    {100000, "một trăm nghìn"},
    {101000, "một trăm linh một nghìn"},
    {105105, "một trăm linh năm nghìn một trăm linh năm"},
    {110011, "một trăm mười nghìn không trăm mười một"},
    {999999, "chín trăm chín mươi chín nghìn chín trăm chín mươi chín"},
    {1000000, "một triệu"},
    {1000001, "một triệu không trăm linh một"},
    {1005000, "một triệu không trăm linh năm nghìn"},
    {1234567, "một triệu hai trăm ba mươi tư nghìn năm trăm sáu mươi bảy"},
    {1000000000, "một tỷ"},
    {999999999999,
     "chín trăm chín mươi chín tỷ chín trăm chín mươi chín triệu chín trăm chín mươi chín nghìn "
     "chín trăm chín mươi chín"},
};

TEST(VoiceNumbers, HandWrittenTable) {
  for (const auto& [n, words] : kNumbers) EXPECT_EQ(Say(n), words) << n;
}

TEST(VoiceNumbers, EveryTens) {
  const char* tens[] = {"",         "mười",     "hai mươi", "ba mươi",  "bốn mươi",
                        "năm mươi", "sáu mươi", "bảy mươi", "tám mươi", "chín mươi"};
  for (int t = 1; t <= 9; ++t) EXPECT_EQ(Say(t * 10), tens[t]);
}

TEST(VoiceNumbers, Styles) {
  NumberStyle bon;
  bon.four_as_tu = false;
  EXPECT_EQ(Say(24, bon), "hai mươi bốn");
  EXPECT_EQ(Say(1024, bon), "một nghìn không trăm hai mươi bốn");
  EXPECT_EQ(Say(14), "mười bốn");  // "tư" never follows "mười"
  EXPECT_EQ(Say(104), "một trăm linh bốn");

  NumberStyle le;
  le.zero_tens_as_linh = false;
  EXPECT_EQ(Say(105, le), "một trăm lẻ năm");
  EXPECT_EQ(Say(1005, le), "một nghìn không trăm lẻ năm");

  NumberStyle ngan;
  ngan.thousand_as_nghin = false;
  EXPECT_EQ(Say(1000, ngan), "một ngàn");
  EXPECT_EQ(Say(2021, ngan), "hai ngàn không trăm hai mươi mốt");
}

// Properties over the whole range a ticket can have: distinct numbers are
// spoken differently, and the special forms appear only where they belong.
TEST(VoiceNumbers, ZeroToMillionDistinctAndWellFormed) {
  std::set<std::string> seen;
  for (int64_t n = 0; n < 1000000; ++n) {
    std::vector<std::string> w = NumberWords(n);
    ASSERT_FALSE(w.empty());
    ASSERT_TRUE(seen.insert(Join(w)).second) << n;
    for (size_t i = 0; i < w.size(); ++i) {
      const std::string before = i > 0 ? w[i - 1] : "";
      if (w[i] == "mốt" || w[i] == "tư") {
        ASSERT_EQ(before, "mươi") << n;
      }
      if (w[i] == "lăm") {
        ASSERT_TRUE(before == "mươi" || before == "mười") << n;
      }
      if (w[i] == "linh") {
        ASSERT_EQ(before, "trăm") << n;
      }
      if (w[i] == "năm" || w[i] == "một") {
        ASSERT_NE(before, "mươi") << n;
      }
      if (w[i] == "không") {
        ASSERT_TRUE(n == 0 || (i + 1 < w.size() && w[i + 1] == "trăm")) << n;
      }
      ASSERT_EQ(w[i].find_first_of("0123456789 "), std::string::npos) << n;
    }
  }
}

TEST(VoiceNumbers, DigitStrings) {
  EXPECT_EQ(Join(*DigitStringWords("023")), "hai mươi ba");
  EXPECT_EQ(Join(*DigitStringWords("000")), "không");
  EXPECT_EQ(Join(*DigitStringWords("0000000000000000015")), "mười lăm");
  EXPECT_EQ(Join(*DigitStringWords("999999999999")), Say(999999999999));
  EXPECT_EQ(DigitStringWords("").status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(DigitStringWords("1a").status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(DigitStringWords("-1").status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(DigitStringWords("1000000000000").status().code(), StatusCode::kInvalidArgument);
}

TEST(VoiceLetters, Table) {
  const std::vector<std::pair<char32_t, std::string>> kLetters = {
      {U'A', "a"},      {U'B', "bê"},    {U'C', "xê"},    {U'D', "dê"}, {U'Đ', "đê"}, {U'E', "e"},
      {U'F', "ép"},     {U'G', "giê"},   {U'H', "hát"},   {U'I', "i"},  {U'J', "gi"}, {U'K', "ca"},
      {U'L', "e lờ"},   {U'M', "em mờ"}, {U'N', "en nờ"}, {U'O', "o"},  {U'P', "pê"}, {U'Q', "quy"},
      {U'R', "e rờ"},   {U'S', "ét xì"}, {U'T', "tê"},    {U'U', "u"},  {U'V', "vê"}, {U'W', "vê kép"},
      {U'X', "ích xì"}, {U'Y', "i dài"}, {U'Z', "dét"},   {U'Ă', "á"},  {U'Â', "ớ"},  {U'Ê', "ê"},
      {U'Ô', "ô"},      {U'Ơ', "ơ"},     {U'Ư', "ư"},
  };
  for (const auto& [letter, name] : kLetters) {
    EXPECT_EQ(Join(LetterWords(letter)), name) << static_cast<uint32_t>(letter);
  }
  EXPECT_EQ(NamedLetters().size(), kLetters.size());
  for (char32_t c = U'A'; c <= U'Z'; ++c) {
    EXPECT_FALSE(LetterWords(c).empty()) << static_cast<char>(c);
    EXPECT_EQ(LetterWords(c), LetterWords(c + 0x20)) << static_cast<char>(c);
  }
  EXPECT_EQ(Join(LetterWords(U'đ')), "đê");
  EXPECT_TRUE(LetterWords(U'1').empty());
  EXPECT_TRUE(LetterWords(U'?').empty());
  EXPECT_TRUE(LetterWords(U'ñ').empty());
  EXPECT_TRUE(LetterWords(U'á').empty());  // a toned vowel is not a letter name
}

TEST(VoiceTickets, Words) {
  const std::vector<std::pair<std::string, std::string>> kTickets = {
      {"B023", "bê hai mươi ba"},
      {"A001", "a một"},
      {"C105", "xê một trăm linh năm"},
      {"D015", "dê mười lăm"},
      {"Đ021", "đê hai mươi mốt"},
      {"đ12", "đê mười hai"},
      {"b023", "bê hai mươi ba"},
      {"A000", "a không"},
      {"L7", "e lờ bảy"},
      {"AB10", "a bê mười"},
      {"023", "hai mươi ba"},
      {"G1024", "giê một nghìn không trăm hai mươi tư"},
      {"H999", "hát chín trăm chín mươi chín"},
  };
  for (const auto& [ticket, words] : kTickets) {
    StatusOr<std::vector<std::string>> got = TicketWords(ticket);
    ASSERT_TRUE(got.ok()) << ticket << ": " << got.status().ToString();
    EXPECT_EQ(Join(*got), words) << ticket;
  }
  // Đ written as D + combining short stroke is not Đ; a decomposed Ư is Ư.
  EXPECT_EQ(Join(*TicketWords("\x55\xcc\x9b"
                              "5")),
            "ư năm");
}

TEST(VoiceTickets, Rejected) {
  for (const std::string bad : {"", "B", "23B", "B-023", "B 023", "B02X", "Ñ1",
                                "B\xff"
                                "1",
                                "?12", "ABCDEFGHIJKLMNOP1", "A1234567890123"}) {
    StatusOr<std::vector<std::string>> got = TicketWords(bad);
    EXPECT_EQ(got.status().code(), StatusCode::kInvalidArgument) << bad;
  }
  EXPECT_NE(TicketWords("B-023").status().message().find("\"B-023\""), std::string::npos);
}

}  // namespace
}  // namespace qms::voice
