// Official per-year decisions that override the computed calendar: extra days
// off (e.g. Tết 2026 off 14-22 February) and working days (a Saturday worked
// in exchange for a weekday off). Loaded from a YAML file that people edit
// when the Prime Minister announces the year's schedule:
//
//   days_off:
//     - date: 2025-05-02
//       name: "Nghỉ hoán đổi dịp 30/4-1/5"     # required for days off
//       source: "Thông báo ..."                # optional, free text
//     - from: 2026-02-14                        # an inclusive range, at most 31 days
//       to: 2026-02-22
//       name: "Nghỉ Tết Nguyên đán Bính Ngọ"
//   working_days:
//     - date: 2025-04-26
//       name: "Làm bù cho thứ Sáu 2/5/2025"    # optional for working days
//
// Dates are YYYY-MM-DD in years 1900..2199. A date may appear only once in
// the whole file. A working day override gets the full weekday hours.
#pragma once

#include <string>
#include <vector>

#include "services/base/clock.h"
#include "services/base/status.h"

namespace qms::deadline {

struct DayOverride {
  LocalDate date;
  bool working = false;  // true: a working day; false: a day off
  std::string name;      // shown as the holiday name of a day off
};

// Sorted by date, one entry per date.
struct CalendarOverrides {
  std::vector<DayOverride> days;
};

// Parses override YAML text. `source_name` (usually the file path) prefixes
// error messages, which read "<source>:<line>: <what is wrong>", e.g.
// "calendar_overrides.yaml:12: days_off[3].date: '2025-02-30' is not a date (want YYYY-MM-DD)".
// INVALID_ARGUMENT on any syntax error, unknown key, bad or duplicate date.
[[nodiscard]] StatusOr<CalendarOverrides> ParseCalendarOverrides(const std::string& yaml_text,
                                                                 const std::string& source_name);

// Reads and parses a file. NOT_FOUND if it cannot be read; otherwise as
// ParseCalendarOverrides.
[[nodiscard]] StatusOr<CalendarOverrides> LoadCalendarOverrides(const std::string& path);

// Strict YYYY-MM-DD with a real calendar date; false otherwise.
bool ParseIsoDate(const std::string& text, LocalDate* out);

}  // namespace qms::deadline
