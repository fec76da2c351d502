#include "kiosk/print/raster.h"

namespace qms::print {

size_t Raster::CountBlack() const {
  size_t n = 0;
  for (uint8_t b : bits) n += static_cast<size_t>(__builtin_popcount(b));
  return n;
}

Raster ThresholdInk(const uint8_t* ink, int width, int height, int stride, int threshold) {
  Raster out(width, height);
  for (int y = 0; y < height; ++y) {
    const uint8_t* row = ink + static_cast<size_t>(y) * stride;
    for (int x = 0; x < width; ++x) {
      if (row[x] >= threshold) out.set_black(x, y);
    }
  }
  return out;
}

}  // namespace qms::print
