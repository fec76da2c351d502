// Raster: a 1-bit image in the layout thermal printers take, so that the
// ESC/POS encoder copies rows without reshaping them.
//
// Row r occupies bytes [r * stride(), (r + 1) * stride()); in each byte the
// most significant bit is the leftmost pixel; a set bit is a black dot. The
// bits past `width` in a row's last byte are always 0 (white): the printer
// prints whole bytes, so padding must never burn dots.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace qms::print {

struct Raster {
  int width = 0;   // dots
  int height = 0;  // rows
  std::vector<uint8_t> bits;

  Raster() = default;
  Raster(int w, int h) : width(w), height(h), bits(static_cast<size_t>((w + 7) / 8) * h, 0) {}

  int stride() const { return (width + 7) / 8; }
  // REQUIRES: 0 <= x < width, 0 <= y < height.
  bool black(int x, int y) const { return (bits[y * stride() + x / 8] >> (7 - x % 8)) & 1; }
  void set_black(int x, int y) { bits[y * stride() + x / 8] |= static_cast<uint8_t>(0x80 >> (x % 8)); }
  size_t CountBlack() const;
};

// Turns an 8-bit ink-coverage image (0 = paper, 255 = full ink; cairo's A8
// layout, `stride` bytes per row) into a Raster: a pixel is black when its
// coverage is at least `threshold`. 128 keeps strokes' widths as the
// antialiased render had them.
Raster ThresholdInk(const uint8_t* ink, int width, int height, int stride, int threshold = 128);

}  // namespace qms::print
