#include "kiosk/print/ticket_layout.h"

#include <gtest/gtest.h>

#include <thread>
#include <vector>

#include "kiosk/print/internal/wording.h"
#include "kiosk/print/qr_code.h"
#include "tests/kiosk/print/test_files.h"

namespace qms::print {
namespace {

RenderedTicket Render(const TicketSlip& slip, Paper paper) {
  StatusOr<RenderedTicket> t = RenderTicket(slip, paper);
  EXPECT_TRUE(t.ok()) << t.status().ToString();
  return t.ok() ? std::move(*t) : RenderedTicket{};
}

int BlackIn(const Raster& r, int x0, int y0, int w, int h) {
  int n = 0;
  for (int y = y0; y < y0 + h; ++y) {
    for (int x = x0; x < x0 + w; ++x) n += r.black(x, y);
  }
  return n;
}

// Every module of the symbol, read back from the raster: each module's dots
// must all be one colour, that of the module libqrencode made.
void ExpectQrMatches(const RenderedTicket& t, const QrModules& want) {
  const QrPlacement& q = t.qr;
  ASSERT_EQ(q.modules, want.size);
  ASSERT_GE(q.module_dots, 3);
  const int m = q.module_dots;
  for (int my = 0; my < want.size; ++my) {
    for (int mx = 0; mx < want.size; ++mx) {
      const int black = BlackIn(t.raster, q.x + mx * m, q.y + my * m, m, m);
      ASSERT_EQ(black, want.is_dark(mx, my) ? m * m : 0) << "module " << mx << "," << my;
    }
  }
  // The quiet zone: four modules of white on every side.
  const int quiet = kQrQuietModules * m, side = want.size * m;
  EXPECT_EQ(BlackIn(t.raster, q.x - quiet, q.y - quiet, side + 2 * quiet, quiet), 0);
  EXPECT_EQ(BlackIn(t.raster, q.x - quiet, q.y + side, side + 2 * quiet, quiet), 0);
  EXPECT_EQ(BlackIn(t.raster, q.x - quiet, q.y, quiet, side), 0);
  EXPECT_EQ(BlackIn(t.raster, q.x + side, q.y, quiet, side), 0);
}

// A finder pattern: a 7x7 dark ring, a light ring, a dark 3x3 centre.
bool FinderAt(const RenderedTicket& t, int mx0, int my0) {
  const int m = t.qr.module_dots;
  for (int dy = 0; dy < 7; ++dy) {
    for (int dx = 0; dx < 7; ++dx) {
      const bool ring = dx == 0 || dy == 0 || dx == 6 || dy == 6;
      const bool centre = dx >= 2 && dx <= 4 && dy >= 2 && dy <= 4;
      const int cx = t.qr.x + (mx0 + dx) * m + m / 2, cy = t.qr.y + (my0 + dy) * m + m / 2;
      if (t.raster.black(cx, cy) != (ring || centre)) return false;
    }
  }
  return true;
}

// The longest run of rows at least 65% black across the paper: the priority
// band has white letters on it; the big number's rows are at most half black.
int LongestSolidBand(const Raster& r) {
  int best = 0, run = 0;
  for (int y = 0; y < r.height; ++y) {
    run = BlackIn(r, 0, y, r.width, 1) * 100 >= r.width * 65 ? run + 1 : 0;
    best = std::max(best, run);
  }
  return best;
}

TEST(PrintLayoutTest, EightyMillimetreTicketIsPaperWideAndAsTallAsItsContent) {
  RenderedTicket t = Render(SampleSlip(), Paper::k80mm);
  EXPECT_EQ(t.raster.width, 576);
  EXPECT_GT(t.raster.height, 700);   // the number alone is some 130 rows
  EXPECT_LT(t.raster.height, 1600);  // 20 cm would waste paper
  EXPECT_TRUE(t.font_family == "Noto Sans" || t.font_family == "DejaVu Sans") << t.font_family;
  // The last rows are the bottom margin, not cut-off content.
  EXPECT_EQ(BlackIn(t.raster, 0, t.raster.height - 20, 576, 20), 0);
}

TEST(PrintLayoutTest, FiftyEightMillimetreTicketIsPaperWide) {
  RenderedTicket t = Render(SampleSlip(), Paper::k58mm);
  EXPECT_EQ(t.raster.width, 384);
  EXPECT_GT(t.raster.height, 600);
  EXPECT_LT(t.raster.height, 1600);
}

TEST(PrintLayoutTest, TheNumberIsLargeAndInkedWhereTheLayoutSaysAndNowhereElse) {
  RenderedTicket a = Render(SampleSlip("B023"), Paper::k80mm);
  const InkBox& box = a.number;
  EXPECT_GE(box.height, 100);  // at 203 dpi: at least 12.5 mm tall
  EXPECT_GE(box.width, 300);
  EXPECT_GE(box.x, 0);
  EXPECT_LE(box.x + box.width, 576);
  const int inked = BlackIn(a.raster, box.x, box.y, box.width, box.height);
  EXPECT_GT(inked * 100, box.width * box.height * 25);  // bold digits fill a quarter of their box
  // Another number changes ink inside the number's box only: the rest of
  // the ticket (the QR code's address aside) is the same.
  TicketSlip other = SampleSlip("B088");
  other.status_url = SampleSlip("B023").status_url;
  RenderedTicket b = Render(other, Paper::k80mm);
  ASSERT_EQ(a.raster.height, b.raster.height);
  int outside = 0, inside = 0;
  for (int y = 0; y < a.raster.height; ++y) {
    for (int x = 0; x < 576; ++x) {
      if (a.raster.black(x, y) == b.raster.black(x, y)) continue;
      const bool in_box = x >= box.x && x < box.x + box.width + 40 && y >= box.y && y < box.y + box.height;
      (in_box ? inside : outside) += 1;
    }
  }
  EXPECT_GT(inside, 1000);
  EXPECT_EQ(outside, 0);
}

TEST(PrintLayoutTest, QrCodeIsTheStatusAddressWithFindersAndQuietZone) {
  for (Paper paper : {Paper::k80mm, Paper::k58mm}) {
    TicketSlip slip = SampleSlip();
    RenderedTicket t = Render(slip, paper);
    StatusOr<QrModules> want = EncodeQr(slip.status_url);
    ASSERT_TRUE(want.ok());
    ExpectQrMatches(t, *want);
    const int n = want->size;
    EXPECT_TRUE(FinderAt(t, 0, 0));
    EXPECT_TRUE(FinderAt(t, n - 7, 0));
    EXPECT_TRUE(FinderAt(t, 0, n - 7));
    EXPECT_FALSE(FinderAt(t, n - 7, n - 7));
    // Below the number, centred on the paper.
    EXPECT_GT(t.qr.y, t.number.y + t.number.height);
    EXPECT_NEAR(t.qr.x + n * t.qr.module_dots / 2, PaperDots(paper) / 2, t.qr.module_dots);
  }
}

TEST(PrintLayoutTest, NoStatusAddressMeansNoQrCode) {
  TicketSlip slip = SampleSlip();
  slip.status_url.clear();
  RenderedTicket t = Render(slip, Paper::k80mm);
  EXPECT_EQ(t.qr.modules, 0);
  EXPECT_LT(t.raster.height, Render(SampleSlip(), Paper::k80mm).raster.height - 150);
}

TEST(PrintLayoutTest, PriorityTicketsCarryABlackBand) {
  TicketSlip slip = SampleSlip();
  EXPECT_LE(LongestSolidBand(Render(slip, Paper::k80mm).raster), 3);  // rules only
  slip.priority = true;
  EXPECT_GE(LongestSolidBand(Render(slip, Paper::k80mm).raster), 40);
}

// HarfBuzz composes the marks (and puts them in canonical order) while
// shaping; this pins that for the fonts we choose, with the marks of "ật"
// and "ữ" given out of canonical order.
TEST(PrintLayoutTest, DecomposedVietnameseDrawsLikePrecomposed) {
  TicketSlip nfc = SampleSlip();
  nfc.field_name_vi = "Đ\u1ea5t \u0111ai, \u1ed7 \u1eadt \u1eef";  // "Đất đai, ỗ ật ữ"
  TicketSlip nfd = nfc;
  nfd.field_name_vi = "\u0110a\u0302\u0301t \u0111ai, o\u0302\u0303 a\u0302\u0323t u\u0303\u031b";
  ASSERT_NE(nfc.field_name_vi, nfd.field_name_vi);
  const Raster a = Render(nfc, Paper::k80mm).raster;
  const Raster b = Render(nfd, Paper::k80mm).raster;
  EXPECT_EQ(a.bits, b.bits);
}

TEST(PrintLayoutTest, LongNumbersShrinkToFitThePaper) {
  RenderedTicket t = Render(SampleSlip("B0231234567"), Paper::k58mm);
  EXPECT_GE(t.number.x, 0);
  EXPECT_LE(t.number.x + t.number.width, 384);
  EXPECT_GT(t.number.height, 30);
}

// The gateway renders on several worker threads at once: each thread has
// its own Pango font map, and the tickets come out the same as on one.
TEST(PrintLayoutTest, ConcurrentRendersGiveTheSameTickets) {
  const std::vector<std::string> numbers = {"A001", "B023", "C107", "D999"};
  std::vector<Raster> alone;
  for (const std::string& n : numbers) alone.push_back(Render(SampleSlip(n), Paper::k80mm).raster);
  std::vector<std::vector<Raster>> together(numbers.size());
  std::vector<std::thread> threads;
  for (size_t i = 0; i < numbers.size(); ++i) {
    threads.emplace_back([&, i] {
      for (int k = 0; k < 5; ++k) together[i].push_back(Render(SampleSlip(numbers[i]), Paper::k80mm).raster);
    });
  }
  for (auto& t : threads) t.join();
  for (size_t i = 0; i < numbers.size(); ++i) {
    for (const Raster& r : together[i]) EXPECT_EQ(r.bits, alone[i].bits) << numbers[i];
  }
}

TEST(PrintLayoutTest, RejectsWhatCannotBePrinted) {
  TicketSlip slip = SampleSlip();
  slip.number.clear();
  EXPECT_EQ(RenderTicket(slip, Paper::k80mm).status().code(), StatusCode::kInvalidArgument);
  slip = SampleSlip();
  slip.field_name_vi = "H\xE1\xBB";  // a cut-off UTF-8 sequence
  StatusOr<RenderedTicket> bad = RenderTicket(slip, Paper::k80mm);
  EXPECT_EQ(bad.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(bad.status().message().find("field_name_vi"), std::string::npos);
  slip = SampleSlip();
  slip.footer_vi = std::string(401, 'x');
  EXPECT_EQ(RenderTicket(slip, Paper::k80mm).status().code(), StatusCode::kInvalidArgument);
}

TEST(PrintLayoutTest, MarkupInTheSlipIsShownNotInterpreted) {
  TicketSlip without = SampleSlip();
  without.field_name_vi.clear();
  TicketSlip angle = without;
  angle.field_name_vi = "<b> & <i>";  // as markup: invalid, and nothing would be drawn
  const size_t base = Render(without, Paper::k80mm).raster.CountBlack();
  EXPECT_GT(Render(angle, Paper::k80mm).raster.CountBlack(), base + 300);
}

TEST(PrintWordingTest, WaitReadsNaturally) {
  using internal::WaitMarkup;
  EXPECT_EQ(WaitMarkup(25), "Thời gian chờ dự kiến: khoảng\u00A0<b>25\u00A0phút</b>");
  EXPECT_EQ(WaitMarkup(65), "Thời gian chờ dự kiến: khoảng\u00A0<b>1\u00A0giờ\u00A05\u00A0phút</b>");
  EXPECT_EQ(WaitMarkup(120), "Thời gian chờ dự kiến: khoảng\u00A0<b>2\u00A0giờ</b>");
  EXPECT_EQ(WaitMarkup(0), "Thời gian chờ dự kiến: <b>sắp\u00A0đến\u00A0lượt\u00A0bạn</b>");
  EXPECT_EQ(internal::PeopleAheadMarkup(12), "Số người đang chờ trước bạn: <b>12</b>");
}

TEST(PrintPaperTest, ParsesBothWidths) {
  EXPECT_EQ(*ParsePaper("58"), Paper::k58mm);
  EXPECT_EQ(*ParsePaper("80mm"), Paper::k80mm);
  EXPECT_EQ(ParsePaper("A4").status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(PaperDots(Paper::k58mm), 384);
  EXPECT_EQ(PaperDots(Paper::k80mm), 576);
}

}  // namespace
}  // namespace qms::print
