#include "kiosk/print/png.h"

#include <cairo.h>

#include <cstring>

namespace qms::print {
namespace {

cairo_status_t AppendToString(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

}  // namespace

StatusOr<std::string> EncodePng(const Raster& raster) {
  if (raster.width <= 0 || raster.height <= 0) return InvalidArgument("png: the raster is empty");
  // Cairo writes an A8 surface as 8-bit greyscale with the alpha value as
  // the grey level, so paper is 255 and a dot 0.
  cairo_surface_t* surface = cairo_image_surface_create(CAIRO_FORMAT_A8, raster.width, raster.height);
  if (cairo_surface_status(surface) != CAIRO_STATUS_SUCCESS) {
    cairo_surface_destroy(surface);
    return Internal("png: cannot make a surface");
  }
  cairo_surface_flush(surface);
  unsigned char* data = cairo_image_surface_get_data(surface);
  const int stride = cairo_image_surface_get_stride(surface);
  for (int y = 0; y < raster.height; ++y) {
    unsigned char* row = data + static_cast<size_t>(y) * stride;
    std::memset(row, 0xFF, static_cast<size_t>(raster.width));
    for (int x = 0; x < raster.width; ++x) {
      if (raster.black(x, y)) row[x] = 0;
    }
  }
  cairo_surface_mark_dirty(surface);
  std::string png;
  const cairo_status_t status = cairo_surface_write_to_png_stream(surface, AppendToString, &png);
  cairo_surface_destroy(surface);
  if (status != CAIRO_STATUS_SUCCESS) {
    return Internal(std::string("png: ") + cairo_status_to_string(status));
  }
  return png;
}

}  // namespace qms::print
