#include "kiosk/print/internal/wording.h"

namespace qms::print::internal {

std::string PeopleAheadMarkup(uint32_t people_ahead) {
  return "Số người đang chờ trước bạn: <b>" + std::to_string(people_ahead) + "</b>";
}

namespace {

// No-break space: on narrow paper the amount wraps as one piece ("khoảng
// 25 phút" on the next line), never "phút" alone.
constexpr const char* kNbsp = "\u00A0";

}  // namespace

std::string WaitMarkup(uint32_t wait_minutes) {
  const std::string lead = "Thời gian chờ dự kiến: ";
  if (wait_minutes == 0) return lead + "<b>sắp" + kNbsp + "đến" + kNbsp + "lượt" + kNbsp + "bạn</b>";
  const uint32_t hours = wait_minutes / 60;
  const uint32_t minutes = wait_minutes % 60;
  std::string amount;
  if (hours > 0) amount = std::to_string(hours) + kNbsp + "giờ";
  if (minutes > 0) amount += (amount.empty() ? "" : kNbsp) + std::to_string(minutes) + kNbsp + "phút";
  return lead + "khoảng" + kNbsp + "<b>" + amount + "</b>";
}

}  // namespace qms::print::internal
