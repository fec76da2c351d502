// Statutory public holidays of Vietnam (Labour Code 2019, art. 112) for any
// year, with the compensatory days off ("nghỉ bù") of art. 111(3).
//
// The days, by default:
//   1 January                      Tết Dương lịch
//   Tết: last day of the lunar year and 1/1-4/1 lunar (5 days; the split is
//        configurable, the Prime Minister fixes it each year)
//   10/3 lunar                     Giỗ Tổ Hùng Vương
//   30 April                       Ngày Chiến thắng (Reunification Day)
//   1 May                          Ngày Quốc tế Lao động
//   2 September and 1 September    Quốc khánh (the adjacent day is configurable)
//
// Compensation (our rule, the same for every holiday including Tết): a holiday
// that falls on a weekly rest day, or on a day that is already a holiday, gives
// one substitute day off: the first day after it that is neither a weekly rest
// day nor a holiday nor an earlier substitute. Holidays are handled in date
// order, so the substitute days of a block (Tết, 30/4-1/5) follow the block.
// The Prime Minister's actual decisions (swaps with working Saturdays,
// substitute days placed before Tết) are per-year overrides loaded from a file
// (calendar_overrides.h), which take precedence. See docs/calendar.md.
//
// All functions are pure and thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "services/base/clock.h"
#include "services/base/status.h"

namespace qms::deadline {

enum class HolidayKind {
  kNewYear,           // 1/1
  kTet,               // Tết Nguyên đán
  kHungKings,         // Giỗ Tổ Hùng Vương, 10/3 lunar
  kReunificationDay,  // 30/4
  kLabourDay,         // 1/5
  kNationalDay,       // 2/9 and its adjacent day
  kSubstitute,        // a compensatory day off for one of the above
};

struct Holiday {
  LocalDate date;
  HolidayKind kind = HolidayKind::kNewYear;
  std::string name;  // Vietnamese, e.g. "Tết Nguyên đán", "Nghỉ bù Giỗ Tổ Hùng Vương"
};

struct HolidayRules {
  // Tết: days off before 1/1 lunar (the last days of the old lunar year) and
  // from 1/1 lunar inclusive. Law: 5 days in all; default 1 + 4.
  int tet_days_before = 1;
  int tet_days_after = 4;
  // The day added to 2 September: -1 for 1 September, +1 for 3 September.
  int national_day_adjacent_offset = -1;
  // Give substitute days for holidays on weekly rest days (and collisions).
  bool compensate = true;
};

// Weekly rest days as a bit mask: bit (1 << weekday), weekday 1 Monday .. 7 Sunday.
using WeekdayMask = uint8_t;
constexpr WeekdayMask WeekdayBit(int weekday) { return static_cast<WeekdayMask>(1u << weekday); }
constexpr WeekdayMask kSaturdayAndSunday = WeekdayBit(6) | WeekdayBit(7);

// INVALID_ARGUMENT unless tet_days_before is 0..10, tet_days_after 1..10 and
// national_day_adjacent_offset is -1 or +1.
[[nodiscard]] Status ValidateHolidayRules(const HolidayRules& rules);

// Every holiday and substitute day dated in `year`, sorted by date; a date
// may appear twice when two holidays coincide (each then has a substitute).
// REQUIRES: ValidateHolidayRules(rules).ok(); `rest_days` has a free weekday.
std::vector<Holiday> HolidaysOfYear(int year, const HolidayRules& rules, WeekdayMask rest_days);

// A short English name of a kind, for logs ("tet", "national_day", ...).
const char* HolidayKindName(HolidayKind kind);

}  // namespace qms::deadline
