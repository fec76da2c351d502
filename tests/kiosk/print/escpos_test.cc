#include "kiosk/print/escpos.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace qms::print {
namespace {

std::string Bytes(std::vector<int> values) {
  std::string out;
  for (int v : values) out.push_back(static_cast<char>(v));
  return out;
}

// A raster from rows of '#' (black) and '.' (white).
Raster FromRows(const std::vector<std::string>& rows) {
  Raster r(static_cast<int>(rows[0].size()), static_cast<int>(rows.size()));
  for (int y = 0; y < r.height; ++y) {
    for (int x = 0; x < r.width; ++x) {
      if (rows[y][x] == '#') r.set_black(x, y);
    }
  }
  return r;
}

TEST(PrintRasterTest, MostSignificantBitIsLeftmostAndPaddingStaysWhite) {
  Raster r = FromRows({"#........#", "##########"});
  EXPECT_EQ(r.stride(), 2);
  EXPECT_EQ(r.bits, (std::vector<uint8_t>{0x80, 0x40, 0xFF, 0xC0}));
  EXPECT_TRUE(r.black(9, 0));
  EXPECT_FALSE(r.black(8, 0));
  EXPECT_EQ(r.CountBlack(), 12u);
}

TEST(PrintRasterTest, ThresholdTurnsHalfInkAndMoreBlack) {
  // Two rows of 3 with a stride of 4, as cairo pads A8 rows.
  const uint8_t ink[] = {0, 127, 128, 99, 255, 10, 200, 99};
  Raster r = ThresholdInk(ink, 3, 2, 4);
  EXPECT_EQ(r.bits, (std::vector<uint8_t>{0x20, 0xA0}));
}

TEST(PrintEscPosTest, SixteenByThreeIsOneBandBetweenInitAndCut) {
  Raster r = FromRows({"####........####", "#..............#", "#.#.#.#..#.#.#.#"});
  const std::string expected =
      Bytes({0x1B, 0x40,                                      // ESC @
             0x1D, 0x76, 0x30, 0x00, 0x02, 0x00, 0x03, 0x00,  // GS v 0, 2 bytes x 3 rows
             0xF0, 0x0F, 0x80, 0x01, 0xAA, 0x55,              // rows
             0x1B, 0x64, 0x03,                                // ESC d 3
             0x1D, 0x56, 0x42, 0x00});                        // GS V 66 0
  EXPECT_EQ(EncodeEscPos(r), expected);
}

TEST(PrintEscPosTest, TenDotsWidePadsEachRowToTwoBytesWithWhite) {
  Raster r = FromRows({"#........#", "##########", ".........#"});
  const std::string expected = Bytes({0x1B, 0x40, 0x1D, 0x76, 0x30, 0x00, 0x02, 0x00, 0x03, 0x00,  //
                                      0x80, 0x40, 0xFF, 0xC0, 0x00, 0x40,                          //
                                      0x1B, 0x64, 0x03, 0x1D, 0x56, 0x42, 0x00});
  EXPECT_EQ(EncodeEscPos(r), expected);
}

TEST(PrintEscPosTest, TallImagesAreSplitIntoBandsOfAtMostBandRows) {
  Raster r = FromRows({"#.......", ".#......", "..#.....", "...#....", "....#..."});
  EscPosOptions options;
  options.band_rows = 2;
  options.feed_lines = 0;
  options.cut = Cut::kFull;
  const std::string expected = Bytes({0x1B, 0x40,                                                  //
                                      0x1D, 0x76, 0x30, 0x00, 0x01, 0x00, 0x02, 0x00, 0x80, 0x40,  // rows 0-1
                                      0x1D, 0x76, 0x30, 0x00, 0x01, 0x00, 0x02, 0x00, 0x20, 0x10,  // rows 2-3
                                      0x1D, 0x76, 0x30, 0x00, 0x01, 0x00, 0x01, 0x00, 0x08,        // row 4
                                      0x1D, 0x56, 0x41, 0x00});  // full cut, no ESC d
  EXPECT_EQ(EncodeEscPos(r, options), expected);
}

TEST(PrintEscPosTest, WidthAndRowsAreLittleEndianPairs) {
  Raster r(576, 300);  // 72 bytes a row; 256 + 44 rows
  r.set_black(575, 299);
  EscPosOptions options;
  options.cut = Cut::kNone;
  options.feed_lines = 5;
  const std::string out = EncodeEscPos(r, options);
  ASSERT_EQ(out.size(), 2 + (8 + 72 * 256) + (8 + 72 * 44) + 3u);
  EXPECT_EQ(out.substr(2, 8), Bytes({0x1D, 0x76, 0x30, 0x00, 72, 0x00, 0x00, 0x01}));  // 256 rows
  const size_t second = 2 + 8 + 72 * 256;
  EXPECT_EQ(out.substr(second, 8), Bytes({0x1D, 0x76, 0x30, 0x00, 72, 0x00, 44, 0x00}));
  EXPECT_EQ(static_cast<uint8_t>(out[out.size() - 4]), 0x01);  // the last dot of the last row
  EXPECT_EQ(out.substr(out.size() - 3), Bytes({0x1B, 0x64, 0x05}));
}

TEST(PrintEscPosTest, EmptyRasterStillInitialisesFeedsAndCuts) {
  EXPECT_EQ(EncodeEscPos(Raster(576, 0)), Bytes({0x1B, 0x40, 0x1B, 0x64, 0x03, 0x1D, 0x56, 0x42, 0x00}));
}

}  // namespace
}  // namespace qms::print
