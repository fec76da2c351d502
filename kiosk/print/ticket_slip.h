// TicketSlip: what a citizen's queue ticket says, as the gateway has it after
// IssueTicket, and the paper it is printed on.
#pragma once

#include <cstdint>
#include <string>

#include "services/base/status.h"

namespace qms::print {

// All text is UTF-8, NFC or not (both draw the same). Empty optional fields
// are left off the ticket.
struct TicketSlip {
  std::string centre_name;  // optional: "Trung tâm Phục vụ hành chính công phường Nguyễn Trãi"
  std::string number;       // required: "B023"
  std::string field_name_vi;  // optional: "Hộ tịch"
  std::string field_name_en;  // optional: "Civil status"
  bool priority = false;      // elderly, disabled, pregnant, people with merit
  uint32_t people_ahead = 0;
  uint32_t wait_minutes = 0;  // the server's estimate; 0 means "next, or nearly"
  std::string issued_at;      // optional, already formatted: "30/11/2026 09:14"
  std::string status_url;     // optional: the QR code's content
  std::string footer_vi;      // optional: "Xin cảm ơn quý khách!"
};

// Thermal paper at 203 dpi: 80 mm rolls print 576 dots (72 mm), 58 mm rolls
// 384 dots (48 mm).
enum class Paper { k58mm, k80mm };

inline int PaperDots(Paper paper) { return paper == Paper::k58mm ? 384 : 576; }

// "58" or "80" (with or without "mm"); INVALID_ARGUMENT otherwise.
StatusOr<Paper> ParsePaper(const std::string& text);

}  // namespace qms::print
