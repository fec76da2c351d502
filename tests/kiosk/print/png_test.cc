#include "kiosk/print/png.h"

#include <cairo.h>
#include <gtest/gtest.h>

#include "kiosk/print/ticket_job.h"
#include "kiosk/print/ticket_layout.h"
#include "tests/kiosk/print/test_files.h"

namespace qms::print {
namespace {

uint32_t BigEndian32(const std::string& s, size_t at) {
  return (uint32_t{static_cast<uint8_t>(s[at])} << 24) | (uint32_t{static_cast<uint8_t>(s[at + 1])} << 16) |
         (uint32_t{static_cast<uint8_t>(s[at + 2])} << 8) | uint32_t{static_cast<uint8_t>(s[at + 3])};
}

struct Reader {
  const std::string* data;
  size_t at = 0;
};

cairo_status_t ReadFromString(void* closure, unsigned char* out, unsigned int length) {
  auto* r = static_cast<Reader*>(closure);
  if (r->at + length > r->data->size()) return CAIRO_STATUS_READ_ERROR;
  std::copy_n(r->data->data() + r->at, length, out);
  r->at += length;
  return CAIRO_STATUS_SUCCESS;
}

// The raster a PNG shows, read back with Cairo: dark pixels are black.
Raster Decode(const std::string& png) {
  Reader reader{&png};
  cairo_surface_t* s = cairo_image_surface_create_from_png_stream(ReadFromString, &reader);
  EXPECT_EQ(cairo_surface_status(s), CAIRO_STATUS_SUCCESS);
  cairo_surface_t* rgb = cairo_image_surface_create(CAIRO_FORMAT_RGB24, cairo_image_surface_get_width(s),
                                                    cairo_image_surface_get_height(s));
  cairo_t* cr = cairo_create(rgb);
  cairo_set_source_surface(cr, s, 0, 0);
  cairo_paint(cr);
  cairo_destroy(cr);
  cairo_surface_flush(rgb);
  Raster out(cairo_image_surface_get_width(rgb), cairo_image_surface_get_height(rgb));
  const unsigned char* data = cairo_image_surface_get_data(rgb);
  const int stride = cairo_image_surface_get_stride(rgb);
  for (int y = 0; y < out.height; ++y) {
    const auto* row = reinterpret_cast<const uint32_t*>(data + y * stride);
    for (int x = 0; x < out.width; ++x) {
      if ((row[x] & 0xFF) < 128) out.set_black(x, y);
    }
  }
  cairo_surface_destroy(rgb);
  cairo_surface_destroy(s);
  return out;
}

TEST(PrintPngTest, SignatureAndHeaderGiveTheRasterSize) {
  Raster r(10, 3);
  r.set_black(0, 0);
  r.set_black(9, 2);
  StatusOr<std::string> png = EncodePng(r);
  ASSERT_TRUE(png.ok()) << png.status().ToString();
  ASSERT_GT(png->size(), 33u);
  EXPECT_EQ(png->substr(0, 8), std::string("\x89PNG\r\n\x1A\n", 8));
  EXPECT_EQ(BigEndian32(*png, 8), 13u);  // IHDR is the first chunk
  EXPECT_EQ(png->substr(12, 4), "IHDR");
  EXPECT_EQ(BigEndian32(*png, 16), 10u);
  EXPECT_EQ(BigEndian32(*png, 20), 3u);
  EXPECT_EQ(Decode(*png).bits, r.bits);
}

TEST(PrintPngTest, TicketPreviewShowsExactlyThePrintedDots) {
  const TicketSlip slip = SampleSlip();
  StatusOr<RenderedTicket> ticket = RenderTicket(slip, Paper::k58mm);
  ASSERT_TRUE(ticket.ok());
  StatusOr<std::string> png = TicketPng(slip, Paper::k58mm);
  ASSERT_TRUE(png.ok());
  EXPECT_EQ(BigEndian32(*png, 16), 384u);
  EXPECT_EQ(BigEndian32(*png, 20), static_cast<uint32_t>(ticket->raster.height));
  EXPECT_EQ(Decode(*png).bits, ticket->raster.bits);
}

TEST(PrintPngTest, EmptyRasterIsRejected) {
  EXPECT_EQ(EncodePng(Raster(0, 0)).status().code(), StatusCode::kInvalidArgument);
}

TEST(PrintJobTest, JobCarriesEscPosAndPngOfOneRender) {
  const TicketSlip slip = SampleSlip("D104");
  StatusOr<PrintJob> job = BuildPrintJob("nguyen-trai", slip, Paper::k80mm);
  ASSERT_TRUE(job.ok()) << job.status().ToString();
  StatusOr<RenderedTicket> ticket = RenderTicket(slip, Paper::k80mm);
  ASSERT_TRUE(ticket.ok());
  EXPECT_EQ(job->centre_id, "nguyen-trai");
  EXPECT_EQ(job->number, "D104");
  EXPECT_EQ(job->escpos, EncodeEscPos(ticket->raster));
  EXPECT_EQ(Decode(job->png).bits, ticket->raster.bits);
  TicketSlip bad = slip;
  bad.number.clear();
  EXPECT_EQ(BuildPrintJob("nguyen-trai", bad, Paper::k80mm).status().code(), StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace qms::print
