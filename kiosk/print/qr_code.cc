#include "kiosk/print/qr_code.h"

#include <qrencode.h>

#include <cerrno>
#include <mutex>

namespace qms::print {
namespace {

// libqrencode keeps shared Reed-Solomon tables that it builds lazily; whether
// that is locked depends on how it was built, so we lock ourselves.
std::mutex& QrencodeMutex() {
  static std::mutex m;
  return m;
}

}  // namespace

StatusOr<QrModules> EncodeQr(const std::string& text) {
  if (text.empty()) return InvalidArgument("QR code: the text to encode is empty");
  if (text.find('\0') != std::string::npos) return InvalidArgument("QR code: the text contains a NUL byte");
  QRcode* code = nullptr;
  int err = 0;
  {
    std::lock_guard<std::mutex> lock(QrencodeMutex());
    errno = 0;
    // QR_MODE_8 as the hint: bytes (UTF-8) where needed, never Kanji mode;
    // case-sensitive so that a URL's path survives.
    code = QRcode_encodeString(text.c_str(), 0, QR_ECLEVEL_M, QR_MODE_8, 1);
    err = errno;
  }
  if (code == nullptr) {
    if (err == ERANGE || err == EINVAL) {
      return InvalidArgument("QR code: the text (" + std::to_string(text.size()) +
                             " bytes) is too long for a QR code at level M");
    }
    return Internal("QR code: libqrencode failed (errno " + std::to_string(err) + ")");
  }
  QrModules out;
  out.version = code->version;
  out.size = code->width;
  out.dark.resize(static_cast<size_t>(code->width) * code->width);
  for (size_t i = 0; i < out.dark.size(); ++i) out.dark[i] = code->data[i] & 1;  // bit 0: dark
  QRcode_free(code);
  return out;
}

std::string QrSvg(const std::string& text) {
  StatusOr<QrModules> qr = EncodeQr(text);
  if (!qr.ok()) return "";
  const int q = kQrQuietModules;
  const std::string side = std::to_string(qr->size + 2 * q);
  std::string svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + side + " " + side +
                    "\" shape-rendering=\"crispEdges\">";
  svg += "<rect width=\"" + side + "\" height=\"" + side + "\" fill=\"#fff\"/>";
  svg += "<path fill=\"#000\" d=\"";
  // One subpath per horizontal run of dark modules: the same squares in far
  // fewer path commands than one per module.
  for (int y = 0; y < qr->size; ++y) {
    for (int x = 0; x < qr->size;) {
      if (!qr->is_dark(x, y)) {
        ++x;
        continue;
      }
      int run = 1;
      while (x + run < qr->size && qr->is_dark(x + run, y)) ++run;
      svg += "M" + std::to_string(x + q) + " " + std::to_string(y + q) + "h" + std::to_string(run) + "v1h-" +
             std::to_string(run) + "z";
      x += run;
    }
  }
  svg += "\"/></svg>";
  return svg;
}

}  // namespace qms::print
