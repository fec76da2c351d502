#include "kiosk/print/ticket_layout.h"

#include <cairo.h>
#include <glib.h>

#include <algorithm>
#include <utility>

#include "kiosk/print/internal/font_choice.h"
#include "kiosk/print/internal/strip_stack.h"
#include "kiosk/print/internal/wording.h"
#include "kiosk/print/qr_code.h"

namespace qms::print {
namespace {

using internal::StripStack;
using internal::TextStyle;

constexpr size_t kMaxFieldBytes = 400;

// Ink coverage from which a dot is black. At 128 the 20-26 dot regular text
// came out with strokes alternating between one and two dots; 96 keeps them
// at two, and the bold text's counters and stacked marks stay open (looked
// at in 58 and 80 mm previews, README.md).
constexpr int kInkThreshold = 96;

// Type sizes in dots (em). 80 mm paper: body text of 26 dots is 3.3 mm,
// about 9 pt; the number's digits stand some 16 mm tall. 58 mm paper keeps
// body text readable and shrinks the big items.
struct Style {
  int margin, gap;
  int centre_px, label_px, number_px, badge_px, field_px, field_en_px, body_px, small_px;
  int qr_side;  // target side of the QR with its quiet zone, in dots
};

Style StyleFor(Paper paper) {
  if (paper == Paper::k58mm) return {8, 10, 24, 28, 132, 24, 30, 20, 22, 20, 200};
  return {16, 14, 30, 34, 180, 30, 38, 24, 26, 22, 240};
}

// Checks what Pango would otherwise draw as boxes or warn about. No NFC
// step: HarfBuzz composes and reorders combining marks while shaping, so
// decomposed input ("o" + U+0302 + U+0303) already draws like "ỗ" (a test
// pins this).
Status CheckText(const TicketSlip& slip) {
  if (slip.number.empty()) return InvalidArgument("ticket: the number is empty");
  const std::pair<const char*, const std::string*> fields[] = {
      {"centre_name", &slip.centre_name},     {"number", &slip.number},
      {"field_name_vi", &slip.field_name_vi}, {"field_name_en", &slip.field_name_en},
      {"issued_at", &slip.issued_at},         {"status_url", &slip.status_url},
      {"footer_vi", &slip.footer_vi}};
  for (const auto& [name, text] : fields) {
    if (text->size() > kMaxFieldBytes) {
      return InvalidArgument(std::string("ticket: ") + name + " is longer than 400 bytes");
    }
    if (!g_utf8_validate(text->data(), static_cast<gssize>(text->size()), nullptr)) {
      return InvalidArgument(std::string("ticket: ") + name + " is not valid UTF-8");
    }
  }
  return Status::Ok();
}

int QrModuleDots(const Style& style, int modules) {
  return std::clamp(style.qr_side / (modules + 2 * kQrQuietModules), 3, 8);
}

// Returns the number's strip.
size_t AddHead(const TicketSlip& slip, const Style& s, StripStack* stack) {
  if (!slip.centre_name.empty()) {
    stack->AddText(StripStack::Escape(slip.centre_name), {s.centre_px, true});
    stack->AddSpace(s.gap);
  }
  stack->AddRule(3);
  stack->AddSpace(s.gap);
  stack->AddText(internal::kNumberLabel, {s.label_px, true});
  stack->AddSpace(s.gap);
  const size_t number = stack->AddFittedText(StripStack::Escape(slip.number), {s.number_px, true});
  stack->AddSpace(s.gap + s.gap / 2);
  if (slip.priority) {
    stack->AddBadge(internal::kPriorityBadge, {s.badge_px, true});
    stack->AddSpace(s.gap);
  }
  if (!slip.field_name_vi.empty()) stack->AddText(StripStack::Escape(slip.field_name_vi), {s.field_px, true});
  if (!slip.field_name_en.empty()) stack->AddText(StripStack::Escape(slip.field_name_en), {s.field_en_px});
  stack->AddSpace(s.gap);
  stack->AddRule(2);
  stack->AddSpace(s.gap);
  return number;
}

void AddBody(const TicketSlip& slip, const Style& s, StripStack* stack) {
  stack->AddText(internal::PeopleAheadMarkup(slip.people_ahead), {s.body_px});
  stack->AddText(internal::WaitMarkup(slip.wait_minutes), {s.body_px});
  if (!slip.issued_at.empty()) {
    stack->AddText(std::string(internal::kIssuedAtLabel) + StripStack::Escape(slip.issued_at), {s.body_px});
  }
}

void AddTail(const TicketSlip& slip, const Style& s, QrModules qr, StripStack* stack) {
  if (qr.size > 0) {
    const int dots = QrModuleDots(s, qr.size);
    stack->AddQr(std::move(qr), dots);
    stack->AddText(internal::kQrCaption, {s.small_px});
    stack->AddSpace(s.gap);
  } else {
    stack->AddSpace(s.gap * 2);
  }
  if (!slip.footer_vi.empty()) {
    stack->AddRule(2);
    stack->AddSpace(s.gap);
    stack->AddText(StripStack::Escape(slip.footer_vi), {s.small_px});
  }
  stack->AddSpace(s.gap * 2);
}

}  // namespace

StatusOr<Paper> ParsePaper(const std::string& text) {
  if (text == "58" || text == "58mm") return Paper::k58mm;
  if (text == "80" || text == "80mm") return Paper::k80mm;
  return InvalidArgument("paper: expected 58 or 80 (mm), got '" + text + "'");
}

StatusOr<RenderedTicket> RenderTicket(const TicketSlip& slip, Paper paper) {
  Status checked = CheckText(slip);
  if (!checked.ok()) return checked;
  QrModules qr;
  if (!slip.status_url.empty()) {
    StatusOr<QrModules> encoded = EncodeQr(slip.status_url);
    if (!encoded.ok()) return encoded.status();
    qr = std::move(*encoded);
  }
  const Style style = StyleFor(paper);
  const int width = PaperDots(paper);
  RenderedTicket out;
  out.font_family = internal::TicketFontFamily();
  StripStack stack(out.font_family, width, style.margin);
  stack.AddSpace(style.gap);
  const size_t number = AddHead(slip, style, &stack);
  AddBody(slip, style, &stack);
  stack.AddSpace(style.gap);
  AddTail(slip, style, std::move(qr), &stack);

  cairo_surface_t* surface = cairo_image_surface_create(CAIRO_FORMAT_A8, width, stack.height());
  if (cairo_surface_status(surface) != CAIRO_STATUS_SUCCESS) {
    cairo_surface_destroy(surface);
    return Internal("ticket: cannot make a " + std::to_string(width) + "x" + std::to_string(stack.height()) +
                    " surface");
  }
  cairo_t* cr = cairo_create(surface);
  stack.Draw(cr, &out.qr);
  out.number = stack.InkBoxOf(number);
  cairo_destroy(cr);
  cairo_surface_flush(surface);
  out.raster = ThresholdInk(cairo_image_surface_get_data(surface), width, stack.height(),
                            cairo_image_surface_get_stride(surface), kInkThreshold);
  cairo_surface_destroy(surface);
  return out;
}

}  // namespace qms::print
