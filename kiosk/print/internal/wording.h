// The ticket's fixed Vietnamese wording and the sentences built from numbers,
// apart from layout so that a wording change touches one file.
#pragma once

#include <cstdint>
#include <string>

namespace qms::print::internal {

inline constexpr const char* kNumberLabel = "SỐ THỨ TỰ";
inline constexpr const char* kPriorityBadge = "ƯU TIÊN · PRIORITY";
inline constexpr const char* kIssuedAtLabel = "Giờ lấy số: ";
inline constexpr const char* kQrCaption = "Quét mã để theo dõi lượt của bạn";

// Pango markup (numbers in bold). "Số người đang chờ trước bạn: <b>12</b>".
std::string PeopleAheadMarkup(uint32_t people_ahead);
// "Thời gian chờ dự kiến: khoảng <b>25 phút</b>", "... khoảng <b>1 giờ 5 phút</b>"
// (no-break spaces inside the amount);
// 0 minutes reads "sắp đến lượt bạn" rather than "khoảng 0 phút".
std::string WaitMarkup(uint32_t wait_minutes);

}  // namespace qms::print::internal
