// ESC/POS encoding of a 1-bit raster for thermal receipt printers (Epson
// TM-T20/T82 and the many compatible 58 and 80 mm printers). The ticket is
// printed as one image, never as text, so Vietnamese is right whatever code
// pages the printer has. The byte layout is written down in escpos.cc.
#pragma once

#include <string>

#include "kiosk/print/raster.h"

namespace qms::print {

enum class Cut { kNone, kPartial, kFull };

struct EscPosOptions {
  // Rows per GS v 0 command. Printers with small receive buffers drop or
  // garble one huge image; 256 rows of 72 bytes (18 KB) suit all we know.
  int band_rows = 256;
  // Lines fed after the image (ESC d n) so that the last rows clear the
  // tear bar; 0 sends no ESC d.
  int feed_lines = 3;
  Cut cut = Cut::kPartial;
};

// The complete job: initialise, the image in bands, feed, cut.
// REQUIRES: 1 <= raster.width <= 65535 * 8 (printers take at most 576 or
// 384), options.band_rows in [1, 4095], options.feed_lines in [0, 255].
// An empty raster (no rows) gives initialise, feed and cut only.
std::string EncodeEscPos(const Raster& raster, const EscPosOptions& options = {});

}  // namespace qms::print
