#include "kiosk/voice/announcement.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>

namespace qms::voice {
namespace {

Announcement Describe(const std::string& ticket, const std::string& id, const std::string& name,
                      bool recall = false) {
  StatusOr<Announcement> a = DescribeAnnouncement(ticket, id, name, recall);
  EXPECT_TRUE(a.ok()) << a.status().ToString();
  return a.ok() ? *a : Announcement{};
}

TEST(VoiceAnnouncement, CallToNumberedCounter) {
  Announcement a = Describe("B023", "5", "Quầy 5");
  EXPECT_EQ(a.text, "Mời số bê hai mươi ba đến quầy số năm");
  std::vector<std::string> want = {"mời", "số", "bê", "hai", "mươi", "ba", "đến", "quầy", "số", "năm"};
  EXPECT_EQ(a.words, want);
  EXPECT_EQ(a.display_text, "Mời số B023 đến quầy số 5");
}

TEST(VoiceAnnouncement, Counters) {
  struct Case {
    std::string ticket, id, name, text, display;
  };
  const std::vector<Case> cases = {
      {"A001", "7", "Quầy ưu tiên", "Mời số a một đến quầy số bảy", "Mời số A001 đến quầy số 7"},
      {"A001", "vip", "Quầy ưu tiên", "Mời số a một đến quầy ưu tiên", "Mời số A001 đến Quầy ưu tiên"},
      {"C105", "05", "", "Mời số xê một trăm linh năm đến quầy số năm", "Mời số C105 đến quầy số 5"},
      {"D015", "12", "Quầy 12", "Mời số dê mười lăm đến quầy số mười hai", "Mời số D015 đến quầy số 12"},
      {"B021", "24", "", "Mời số bê hai mươi mốt đến quầy số hai mươi tư", "Mời số B021 đến quầy số 24"},
      {"A002", "B2", "", "Mời số a hai đến quầy bê hai", "Mời số A002 đến quầy B2"},
      {"A003", "x", "Quầy B", "Mời số a ba đến quầy bê", "Mời số A003 đến Quầy B"},
      {"A004", "yt", "Quầy y tế", "Mời số a bốn đến quầy y tế", "Mời số A004 đến Quầy y tế"},
      {"A005", "q12a", "Quầy 12A", "Mời số a năm đến quầy mười hai a", "Mời số A005 đến Quầy 12A"},
      {"A006", "hk", "Bàn tiếp nhận – Hộ kinh doanh (tầng 2)",
       "Mời số a sáu đến bàn tiếp nhận hộ kinh doanh tầng hai",
       "Mời số A006 đến Bàn tiếp nhận – Hộ kinh doanh (tầng 2)"},
      {" A007 ", " 3 ", " Quầy 3 ", "Mời số a bảy đến quầy số ba", "Mời số A007 đến quầy số 3"},
      // A decomposed (NFD) name speaks the same NFC words.
      {"A008", "uu", "\x51\x75\x61\xcc\x82\xcc\x80\x79\x20\x75\xcc\x9b\x75\x20\x74\x69\x65\xcc\x82\x6e",
       "Mời số a tám đến quầy ưu tiên", ""},
  };
  for (const Case& c : cases) {
    Announcement a = Describe(c.ticket, c.id, c.name);
    EXPECT_EQ(a.text, c.text) << c.id << " / " << c.name;
    if (!c.display.empty()) {
      EXPECT_EQ(a.display_text, c.display) << c.id << " / " << c.name;
    }
  }
}

TEST(VoiceAnnouncement, Recall) {
  Announcement a = Describe("B023", "5", "Quầy 5", /*recall=*/true);
  EXPECT_EQ(a.text, "Xin mời lại số bê hai mươi ba đến quầy số năm");
  EXPECT_EQ(a.display_text, "Xin mời lại số B023 đến quầy số 5");
  EXPECT_EQ(a.words.front(), "xin");
  EXPECT_NE(a.text, Describe("B023", "5", "Quầy 5").text);  // a different cache key
}

TEST(VoiceAnnouncement, WordsAreLowerCaseNfcWithoutDigits) {
  for (const auto& [id, name] : std::vector<std::pair<std::string, std::string>>{
           {"5", ""}, {"vip", "QUẦY ƯU TIÊN"}, {"b", "Quầy 12 – Đất đai"}}) {
    Announcement a = Describe("Đ123", id, name, true);
    for (const std::string& w : a.words) {
      EXPECT_EQ(w.find_first_of("0123456789 ABCDEFGHIJKLMNOPQRSTUVWXYZ"), std::string::npos) << w;
    }
    EXPECT_EQ(a.text.substr(0, 3), "Xin");
  }
  EXPECT_EQ(Describe("A1", "vip", "QUẦY ƯU TIÊN").text, "Mời số a một đến quầy ưu tiên");
}

TEST(VoiceAnnouncement, Rejected) {
  EXPECT_EQ(DescribeAnnouncement("B-023", "5", "", false).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(DescribeAnnouncement("", "5", "", false).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(DescribeAnnouncement("B023", "", "", false).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(DescribeAnnouncement("B023", " ", "!!", false).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(DescribeAnnouncement("B023", "x", "Qu\xff", false).status().code(), StatusCode::kInvalidArgument);
}

TEST(VoiceAnnouncement, VocabularyCoversEveryTicketAndNumberedCounter) {
  std::vector<std::string> vocabulary = AnnouncementVocabulary();
  ASSERT_TRUE(std::is_sorted(vocabulary.begin(), vocabulary.end()));
  std::set<std::string> known(vocabulary.begin(), vocabulary.end());
  ASSERT_EQ(known.size(), vocabulary.size());
  std::set<std::string> used;
  for (char32_t letter : NamedLetters()) {
    for (int n = 0; n < 100000; n += (n < 2000 ? 1 : 7)) {
      std::vector<std::string> words = NumberWords(n);
      std::vector<std::string> name = LetterWords(letter);
      used.insert(words.begin(), words.end());
      used.insert(name.begin(), name.end());
    }
  }
  for (int counter = 0; counter < 100; ++counter) {
    for (bool recall : {false, true}) {
      Announcement a = Describe("A1", std::to_string(counter), "", recall);
      used.insert(a.words.begin(), a.words.end());
    }
  }
  for (const std::string& w : used) EXPECT_TRUE(known.count(w)) << w;
  // And nothing in it that no such announcement uses (triệu and tỷ aside).
  for (const std::string& w : vocabulary) {
    if (w != "triệu" && w != "tỷ") {
      EXPECT_TRUE(used.count(w)) << w;
    }
  }
}

TEST(VoiceAnnouncement, VocabularyFollowsTheStyle) {
  NumberStyle style;
  style.four_as_tu = false;
  style.zero_tens_as_linh = false;
  style.thousand_as_nghin = false;
  std::vector<std::string> v = AnnouncementVocabulary(style);
  auto has = [&](const std::string& w) { return std::find(v.begin(), v.end(), w) != v.end(); };
  EXPECT_TRUE(has("lẻ") && has("ngàn") && has("bốn"));
  EXPECT_FALSE(has("linh") || has("nghìn") || has("tư"));
}

}  // namespace
}  // namespace qms::voice
