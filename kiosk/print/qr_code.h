// QR codes of a ticket's status address, from libqrencode: the module grid
// (drawn into the printed ticket) and an SVG for the web pages.
//
// Error correction level M (15% of the symbol may be lost: a smudged or
// creased thermal ticket still scans); the smallest version that fits.
// Thread-safe: calls into libqrencode are serialised.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "services/base/status.h"

namespace qms::print {

// A QR symbol without its quiet zone.
struct QrModules {
  int version = 0;            // 1..40
  int size = 0;               // modules per side: 17 + 4 * version
  std::vector<uint8_t> dark;  // size * size, row-major; 1 = dark module

  bool is_dark(int x, int y) const { return dark[static_cast<size_t>(y) * size + x] != 0; }
};

// The quiet zone the QR standard asks for around the symbol, in modules.
inline constexpr int kQrQuietModules = 4;

// INVALID_ARGUMENT for an empty text or one too long for a QR code (about
// 2,300 bytes of a URL at level M); INTERNAL if libqrencode fails otherwise.
StatusOr<QrModules> EncodeQr(const std::string& text);

// An SVG document of the QR code of `text`: a viewBox of (size + 8) units
// square (the quiet zone included, on a white background), one unit per
// module, the dark modules as a single path of unit squares, drawn with
// shape-rendering="crispEdges" so that browsers never blur module edges.
// Scales to any CSS size. Empty when EncodeQr fails.
std::string QrSvg(const std::string& text);

}  // namespace qms::print
