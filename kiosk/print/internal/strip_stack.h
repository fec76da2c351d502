// StripStack: a ticket built as horizontal strips stacked top to bottom. It
// measures every strip first, so the surface is made exactly as tall as the
// content, then draws them on an 8-bit ink surface (cairo A8: 0 = paper,
// 255 = ink).
#pragma once

#include <cairo.h>
#include <pango/pangocairo.h>

#include <memory>
#include <string>
#include <vector>

#include "kiosk/print/qr_code.h"
#include "kiosk/print/ticket_layout.h"

namespace qms::print::internal {

struct GObjectUnref {
  void operator()(void* p) const { g_object_unref(p); }
};
using LayoutPtr = std::unique_ptr<PangoLayout, GObjectUnref>;

struct TextStyle {
  int px = 24;  // em size in dots
  bool bold = false;
};

class StripStack {
 public:
  // `family` is a fontconfig family; `width` and `margin` are in dots.
  StripStack(const std::string& family, int width, int margin);
  ~StripStack();
  StripStack(const StripStack&) = delete;
  StripStack& operator=(const StripStack&) = delete;

  // Centred, wrapped text. `markup` is Pango markup: escape what is not
  // ours with Escape().
  void AddText(const std::string& markup, TextStyle style);
  // Centred text on one line, shrunk until it fits the width, cropped to
  // its ink: for the ticket number, whose line spacing would waste paper.
  // Returns the strip's index, for InkBox.
  size_t AddFittedText(const std::string& markup, TextStyle style);
  // White text on a black band the full content width.
  void AddBadge(const std::string& markup, TextStyle style);
  void AddRule(int thickness);
  void AddSpace(int dots);
  // The symbol centred, each module `module_dots` square, with the quiet
  // zone of kQrQuietModules around it.
  void AddQr(QrModules modules, int module_dots);

  int height() const;
  // Where the ink of a fitted text strip lands on the ticket.
  InkBox InkBoxOf(size_t strip) const;
  // Draws every strip on `surface` (A8, width x height()); fills `qr`.
  void Draw(cairo_t* cr, QrPlacement* qr) const;

  static std::string Escape(const std::string& text);

 private:
  enum class Kind { kText, kBadge, kRule, kSpace, kQr };
  struct Strip {
    explicit Strip(Kind k) : kind(k) {}
    Kind kind;
    int height = 0;
    int ink_top = 0;                  // dots of the layout above the first drawn row
    int ink_left = 0, ink_width = 0;  // fitted text: columns of ink, from the margin
    LayoutPtr layout;
    QrModules qr;
    int module_dots = 0;
  };

  LayoutPtr MakeLayout(const std::string& markup, TextStyle style) const;
  void DrawQr(cairo_t* cr, const Strip& strip, int top, QrPlacement* qr) const;

  std::string family_;
  int width_;
  int margin_;
  PangoContext* context_;
  std::vector<Strip> strips_;
};

}  // namespace qms::print::internal
