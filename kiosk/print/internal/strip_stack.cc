#include "kiosk/print/internal/strip_stack.h"

#include <algorithm>

namespace qms::print::internal {
namespace {

constexpr int kBadgePadding = 8;

}  // namespace

StripStack::StripStack(const std::string& family, int width, int margin)
    : family_(family), width_(width), margin_(margin) {
  // The calling thread's font map (Pango keeps one per thread), so that
  // renders on different threads share nothing.
  context_ = pango_font_map_create_context(pango_cairo_font_map_get_default());
  pango_context_set_language(context_, pango_language_from_string("vi"));
  // Full hinting snaps stems to whole dots, which the 1-bit threshold keeps
  // crisp; grey antialiasing places the threshold's edge well.
  cairo_font_options_t* options = cairo_font_options_create();
  cairo_font_options_set_antialias(options, CAIRO_ANTIALIAS_GRAY);
  cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_FULL);
  cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_ON);
  pango_cairo_context_set_font_options(context_, options);
  cairo_font_options_destroy(options);
}

StripStack::~StripStack() { g_object_unref(context_); }

std::string StripStack::Escape(const std::string& text) {
  gchar* escaped = g_markup_escape_text(text.c_str(), static_cast<gssize>(text.size()));
  std::string out(escaped);
  g_free(escaped);
  return out;
}

LayoutPtr StripStack::MakeLayout(const std::string& markup, TextStyle style) const {
  LayoutPtr layout(pango_layout_new(context_));
  PangoFontDescription* font = pango_font_description_new();
  pango_font_description_set_family(font, family_.c_str());
  pango_font_description_set_weight(font, style.bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_font_description_set_absolute_size(font, style.px * PANGO_SCALE);
  pango_layout_set_font_description(layout.get(), font);
  pango_font_description_free(font);
  pango_layout_set_width(layout.get(), (width_ - 2 * margin_) * PANGO_SCALE);
  pango_layout_set_wrap(layout.get(), PANGO_WRAP_WORD_CHAR);
  pango_layout_set_alignment(layout.get(), PANGO_ALIGN_CENTER);
  pango_layout_set_markup(layout.get(), markup.c_str(), -1);
  return layout;
}

void StripStack::AddText(const std::string& markup, TextStyle style) {
  Strip strip(Kind::kText);
  strip.layout = MakeLayout(markup, style);
  PangoRectangle logical;
  pango_layout_get_pixel_extents(strip.layout.get(), nullptr, &logical);
  strip.height = logical.height;
  strips_.push_back(std::move(strip));
}

size_t StripStack::AddFittedText(const std::string& markup, TextStyle style) {
  const int room = width_ - 2 * margin_;
  Strip strip(Kind::kText);
  PangoRectangle ink, logical;
  for (;;) {
    strip.layout = MakeLayout(markup, style);
    pango_layout_get_pixel_extents(strip.layout.get(), &ink, &logical);
    const bool one_line = pango_layout_get_line_count(strip.layout.get()) == 1;
    if ((one_line && ink.width <= room) || style.px <= 12) break;
    style.px = std::max(12, style.px * 9 / 10);
  }
  strip.height = ink.height;
  strip.ink_top = ink.y;
  strip.ink_left = ink.x;
  strip.ink_width = ink.width;
  strips_.push_back(std::move(strip));
  return strips_.size() - 1;
}

void StripStack::AddBadge(const std::string& markup, TextStyle style) {
  Strip strip(Kind::kBadge);
  strip.layout = MakeLayout(markup, style);
  PangoRectangle logical;
  pango_layout_get_pixel_extents(strip.layout.get(), nullptr, &logical);
  strip.height = logical.height + 2 * kBadgePadding;
  strips_.push_back(std::move(strip));
}

void StripStack::AddRule(int thickness) {
  Strip strip(Kind::kRule);
  strip.height = thickness;
  strips_.push_back(std::move(strip));
}

void StripStack::AddSpace(int dots) {
  Strip strip(Kind::kSpace);
  strip.height = dots;
  strips_.push_back(std::move(strip));
}

void StripStack::AddQr(QrModules modules, int module_dots) {
  Strip strip(Kind::kQr);
  strip.height = (modules.size + 2 * kQrQuietModules) * module_dots;
  strip.qr = std::move(modules);
  strip.module_dots = module_dots;
  strips_.push_back(std::move(strip));
}

int StripStack::height() const {
  int total = 0;
  for (const Strip& strip : strips_) total += strip.height;
  return total;
}

InkBox StripStack::InkBoxOf(size_t index) const {
  int top = 0;
  for (size_t i = 0; i < index; ++i) top += strips_[i].height;
  const Strip& strip = strips_[index];
  return {margin_ + strip.ink_left, top, strip.ink_width, strip.height};
}

void StripStack::DrawQr(cairo_t* cr, const Strip& strip, int top, QrPlacement* qr) const {
  const int m = strip.module_dots;
  const int side = (strip.qr.size + 2 * kQrQuietModules) * m;
  qr->x = (width_ - side) / 2 + kQrQuietModules * m;
  qr->y = top + kQrQuietModules * m;
  qr->module_dots = m;
  qr->modules = strip.qr.size;
  // Whole-dot squares without antialiasing: every module edge is sharp.
  cairo_save(cr);
  cairo_set_antialias(cr, CAIRO_ANTIALIAS_NONE);
  for (int y = 0; y < strip.qr.size; ++y) {
    for (int x = 0; x < strip.qr.size; ++x) {
      if (strip.qr.is_dark(x, y)) cairo_rectangle(cr, qr->x + x * m, qr->y + y * m, m, m);
    }
  }
  cairo_fill(cr);
  cairo_restore(cr);
}

void StripStack::Draw(cairo_t* cr, QrPlacement* qr) const {
  cairo_set_source_rgba(cr, 0, 0, 0, 1);
  int top = 0;
  for (const Strip& strip : strips_) {
    switch (strip.kind) {
      case Kind::kText:
        cairo_move_to(cr, margin_, top - strip.ink_top);
        pango_cairo_show_layout(cr, strip.layout.get());
        break;
      case Kind::kBadge:
        cairo_rectangle(cr, margin_, top, width_ - 2 * margin_, strip.height);
        cairo_fill(cr);
        // DEST_OUT removes ink where the glyphs are: white on black.
        cairo_set_operator(cr, CAIRO_OPERATOR_DEST_OUT);
        cairo_move_to(cr, margin_, top + kBadgePadding);
        pango_cairo_show_layout(cr, strip.layout.get());
        cairo_set_operator(cr, CAIRO_OPERATOR_OVER);
        break;
      case Kind::kRule:
        cairo_rectangle(cr, margin_, top, width_ - 2 * margin_, strip.height);
        cairo_fill(cr);
        break;
      case Kind::kQr: DrawQr(cr, strip, top, qr); break;
      case Kind::kSpace: break;
    }
    top += strip.height;
  }
}

}  // namespace qms::print::internal
