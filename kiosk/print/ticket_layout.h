// The queue ticket's layout, drawn with Pango and Cairo in a real font so
// that Vietnamese, stacked diacritics included (ỗ, ậ, ữ), prints right on any
// thermal printer: the printer receives pixels, never text.
//
// Top to bottom: centre name; "SỐ THỨ TỰ" and the number, very large; a
// black "ƯU TIÊN" band for priority tickets; the field in Vietnamese and, in
// small type, English; people ahead and the estimated wait; the issue time;
// the QR code of the status address with "Quét mã để theo dõi lượt của bạn";
// the footer. The width is the paper's; the height is what the content needs.
//
// Thread-safe: a call uses only its own surfaces and the calling thread's
// Pango font map. Takes a few milliseconds; run it off any network thread.
#pragma once

#include <string>

#include "kiosk/print/raster.h"
#include "kiosk/print/ticket_slip.h"
#include "services/base/status.h"

namespace qms::print {

// Where the QR symbol landed on the raster, its quiet zone excluded: module
// (mx, my) covers dots [x + mx * module_dots, x + (mx + 1) * module_dots) and
// likewise in y. modules == 0 when the ticket has no QR code.
struct QrPlacement {
  int x = 0;
  int y = 0;
  int module_dots = 0;
  int modules = 0;
};

// A rectangle of the raster, in dots.
struct InkBox {
  int x = 0, y = 0, width = 0, height = 0;
};

struct RenderedTicket {
  Raster raster;  // 1-bit, PaperDots(paper) wide
  InkBox number;  // where the ink of the ticket number is
  QrPlacement qr;
  std::string font_family;  // the fontconfig family the text was drawn in
};

// INVALID_ARGUMENT when the number is empty, a field is not valid UTF-8 or
// longer than 400 bytes, or the status address cannot be a QR code;
// INTERNAL when Cairo cannot make a surface.
StatusOr<RenderedTicket> RenderTicket(const TicketSlip& slip, Paper paper);

}  // namespace qms::print
