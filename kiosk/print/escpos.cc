// Byte layout of one job (all numbers are single bytes; hex):
//
//   1B 40                          ESC @   initialise: clears the buffer and
//                                          modes left by an earlier job
//   then for each band of at most band_rows rows, top to bottom:
//   1D 76 30 00 xL xH yL yH d...   GS v 0  raster bit image, m = 0 (normal
//                                          density, 203 x 203 dpi)
//        xL + 256 * xH = bytes per row = ceil(width / 8)
//        yL + 256 * yH = rows in this band
//        d = (xL + 256 xH) * (yL + 256 yH) bytes, row after row, each byte
//            8 dots left to right with the most significant bit leftmost,
//            1 = black; the bits past the width in a row's last byte are 0
//   1B 64 n                        ESC d n print and feed n lines (left out
//                                          when feed_lines is 0)
//   1D 56 42 00                    GS V 66 0  feed to the cutter, partial cut
//   or 1D 56 41 00                 GS V 65 0  feed to the cutter, full cut
//   (nothing for Cut::kNone)
//
// Example: a 10 x 3 image, one band: 1B 40 1D 76 30 00 02 00 03 00 followed
// by 6 data bytes, then 1B 64 03 1D 56 42 00.
#include "kiosk/print/escpos.h"

#include <algorithm>
#include <cstdint>

namespace qms::print {
namespace {

void PutLowHigh(std::string* out, int v) {
  out->push_back(static_cast<char>(v & 0xFF));
  out->push_back(static_cast<char>((v >> 8) & 0xFF));
}

}  // namespace

std::string EncodeEscPos(const Raster& raster, const EscPosOptions& options) {
  const int stride = raster.stride();
  const int band_rows = std::max(1, options.band_rows);
  std::string out;
  out.reserve(raster.bits.size() + 8 * (raster.height / band_rows + 1) + 16);
  out += "\x1B\x40";
  for (int top = 0; top < raster.height; top += band_rows) {
    const int rows = std::min(band_rows, raster.height - top);
    out += std::string("\x1D\x76\x30\x00", 4);
    PutLowHigh(&out, stride);
    PutLowHigh(&out, rows);
    const auto* first = reinterpret_cast<const char*>(raster.bits.data()) + static_cast<size_t>(top) * stride;
    out.append(first, static_cast<size_t>(rows) * stride);
  }
  if (options.feed_lines > 0) {
    out += "\x1B\x64";
    out.push_back(static_cast<char>(std::min(options.feed_lines, 255)));
  }
  switch (options.cut) {
    case Cut::kPartial: out += std::string("\x1D\x56\x42\x00", 4); break;
    case Cut::kFull: out += std::string("\x1D\x56\x41\x00", 4); break;
    case Cut::kNone: break;
  }
  return out;
}

}  // namespace qms::print
