#include "kiosk/print/qr_code.h"

#include <gtest/gtest.h>

#include <cctype>
#include <regex>

namespace qms::print {
namespace {

// The module grid an SVG from QrSvg draws, read back from its path, and its
// viewBox side.
struct SvgGrid {
  int side = 0;
  std::vector<uint8_t> dark;
};

// Reads a decimal number at `*at`, or -1.
int NumberAt(const std::string& s, size_t* at) {
  if (*at >= s.size() || !std::isdigit(static_cast<unsigned char>(s[*at]))) return -1;
  int v = 0;
  while (*at < s.size() && std::isdigit(static_cast<unsigned char>(s[*at]))) v = v * 10 + (s[(*at)++] - '0');
  return v;
}

bool Expect(const std::string& s, size_t* at, const std::string& text) {
  if (s.compare(*at, text.size(), text) != 0) return false;
  *at += text.size();
  return true;
}

// The whole document must be of this form: one root, a white background the
// size of the viewBox, one black path of unit-high rectangles
// "M{x} {y}h{w}v1h-{w}z". side stays 0 when it is not.
SvgGrid ParseSvg(const std::string& svg) {
  SvgGrid grid;
  static const std::regex head(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 (\\d+) (\\d+)\" "
      "shape-rendering=\"crispEdges\">"
      "<rect width=\"(\\d+)\" height=\"(\\d+)\" fill=\"#fff\"/><path fill=\"#000\" d=\"");
  std::smatch m;
  const size_t head_end = svg.find("d=\"");
  if (head_end == std::string::npos) return grid;
  const std::string head_text = svg.substr(0, head_end + 3);
  if (!std::regex_match(head_text, m, head)) return grid;
  if (m[1] != m[2] || m[1] != m[3] || m[1] != m[4]) return grid;
  const int side = std::stoi(m[1]);
  std::vector<uint8_t> dark(static_cast<size_t>(side) * side, 0);
  size_t at = head_text.size();
  while (at < svg.size() && svg[at] == 'M') {
    ++at;
    const int x = NumberAt(svg, &at);
    if (!Expect(svg, &at, " ")) return grid;
    const int y = NumberAt(svg, &at);
    if (!Expect(svg, &at, "h")) return grid;
    const int w = NumberAt(svg, &at);
    if (!Expect(svg, &at, "v1h-") || NumberAt(svg, &at) != w || !Expect(svg, &at, "z")) return grid;
    if (x < 0 || y < 0 || w < 1 || x + w > side || y >= side) return grid;
    for (int i = 0; i < w; ++i) dark[static_cast<size_t>(y) * side + x + i] += 1;
  }
  if (!Expect(svg, &at, "\"/></svg>") || at != svg.size()) return grid;
  grid.side = side;
  grid.dark = std::move(dark);
  return grid;
}

TEST(PrintQrTest, ShortTextIsVersionOne) {
  StatusOr<QrModules> qr = EncodeQr("B023");
  ASSERT_TRUE(qr.ok());
  EXPECT_EQ(qr->version, 1);
  EXPECT_EQ(qr->size, 21);
  EXPECT_EQ(qr->dark.size(), 21u * 21u);
  EXPECT_TRUE(qr->is_dark(0, 0));   // the top-left finder's corner
  EXPECT_FALSE(qr->is_dark(7, 7));  // its separator
}

TEST(PrintQrTest, SvgDrawsEveryModuleOnceWithinTheQuietZone) {
  for (const std::string& text :
       {std::string("B023"), std::string("https://qms.example.vn/c/nguyen-trai/t/B023"),
        std::string(300, 'q')}) {
    StatusOr<QrModules> qr = EncodeQr(text);
    ASSERT_TRUE(qr.ok());
    EXPECT_EQ(qr->size, 17 + 4 * qr->version);
    const SvgGrid grid = ParseSvg(QrSvg(text));
    ASSERT_EQ(grid.side, qr->size + 2 * kQrQuietModules) << "not of the expected form: " << QrSvg(text);
    for (int y = 0; y < grid.side; ++y) {
      for (int x = 0; x < grid.side; ++x) {
        const int mx = x - kQrQuietModules, my = y - kQrQuietModules;
        const bool inside = mx >= 0 && my >= 0 && mx < qr->size && my < qr->size;
        const int want = inside && qr->is_dark(mx, my) ? 1 : 0;
        ASSERT_EQ(grid.dark[static_cast<size_t>(y) * grid.side + x], want) << x << "," << y;
      }
    }
  }
}

TEST(PrintQrTest, LongerTextsNeedLargerVersions) {
  StatusOr<QrModules> small = EncodeQr("https://qms.example.vn/t/B023");
  StatusOr<QrModules> large = EncodeQr("https://qms.example.vn/t/B023?" + std::string(200, 'x'));
  ASSERT_TRUE(small.ok() && large.ok());
  EXPECT_GT(large->version, small->version);
}

TEST(PrintQrTest, EmptyOrTooLongTextsHaveNoCode) {
  EXPECT_EQ(EncodeQr("").status().code(), StatusCode::kInvalidArgument);
  StatusOr<QrModules> huge = EncodeQr(std::string(5000, 'x'));
  EXPECT_EQ(huge.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(huge.status().message().find("too long"), std::string::npos);
  EXPECT_EQ(QrSvg(""), "");
  EXPECT_EQ(QrSvg(std::string(5000, 'x')), "");
}

}  // namespace
}  // namespace qms::print
