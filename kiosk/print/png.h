// PNG of a 1-bit raster, for the ticket preview the gateway serves
// (GET /c/{centre}/t/{number}/ticket.png): the same dots the printer burns,
// black on white, one PNG pixel per dot.
#pragma once

#include <string>

#include "kiosk/print/raster.h"
#include "services/base/status.h"

namespace qms::print {

// The PNG file's bytes (8-bit greyscale). INVALID_ARGUMENT for an empty
// raster; INTERNAL if Cairo fails.
StatusOr<std::string> EncodePng(const Raster& raster);

}  // namespace qms::print
