// WorkingCalendar: which days and hours a public service centre works, for
// computing due dates ("N working days", "N working hours") and pauses.
//
// A day is a working day unless it is a weekly rest day (Saturday, unless the
// province opens Saturday mornings, and Sunday), a statutory holiday or its
// substitute day (holidays.h), or an official day off; an official working
// day (calendar_overrides.h) is a working day whatever else it is. In order
// of precedence: override, then holiday, then the weekly pattern.
//
// Working time is the union of the day's working periods, each a half-open
// interval [start, end) of local (UTC+7) time. A working Saturday morning
// counts as a working day for every purpose, with its own shorter hours; an
// override working day gets the weekday hours.
//
// Times are MicrosUtc. Years 1900..2199 have holidays; dates outside that
// range follow the weekly pattern only.
//
// Thread safety: all methods are const and safe to call concurrently. Holiday
// tables are built lazily, once per year, under a mutex, and then read without
// locking. Queries do not allocate (HolidayName returns a copy of the name).
#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "services/base/clock.h"
#include "services/base/status.h"
#include "services/calendar/calendar_overrides.h"
#include "services/calendar/holidays.h"

namespace qms::deadline {

// A working period [start_minute, end_minute) in minutes after local midnight.
struct WorkingPeriod {
  int start_minute = 0;
  int end_minute = 0;
};

struct CalendarConfig {
  // Monday to Friday. Default 07:30-11:30 and 13:30-17:00.
  std::vector<WorkingPeriod> weekday_hours = {{7 * 60 + 30, 11 * 60 + 30}, {13 * 60 + 30, 17 * 60}};
  // Whether Saturday morning is a working day (a provincial choice).
  bool saturday_morning = false;
  std::vector<WorkingPeriod> saturday_hours = {{7 * 60 + 30, 11 * 60 + 30}};
  HolidayRules holiday_rules;
  CalendarOverrides overrides;
};

class WorkingCalendar {
 public:
  static constexpr int kFirstYear = 1900;
  static constexpr int kLastYear = 2199;

  // INVALID_ARGUMENT if hours are empty, out of 00:00-24:00, unsorted or
  // overlapping, if the holiday rules are invalid, or if overrides repeat a date.
  [[nodiscard]] static StatusOr<std::unique_ptr<WorkingCalendar>> Create(CalendarConfig config);
  ~WorkingCalendar();
  WorkingCalendar(const WorkingCalendar&) = delete;
  WorkingCalendar& operator=(const WorkingCalendar&) = delete;

  const CalendarConfig& config() const { return config_; }

  bool IsWorkingDay(const LocalDate& date) const;
  // A statutory holiday, a substitute day or an official day off (not a plain
  // weekend, not a day an override made a working day).
  bool IsHoliday(const LocalDate& date) const;
  // The Vietnamese name of the holiday, or nullopt if IsHoliday is false.
  std::optional<std::string> HolidayName(const LocalDate& date) const;

  // The first working day strictly after `date`.
  LocalDate NextWorkingDay(const LocalDate& date) const;
  // The n-th working day strictly after `date` (n > 0), strictly before it
  // (n < 0, counting back), or `date` itself (n == 0).
  LocalDate NthWorkingDayAfter(const LocalDate& date, int n) const;

  // The start of the first and the end of the last working period of `date`.
  // For a non-working day: those of the weekday hours on that date.
  MicrosUtc OpeningOf(const LocalDate& date) const;
  MicrosUtc ClosingOf(const LocalDate& date) const;

  // Whether `t` lies in a working period [start, end) of a working day.
  bool IsWithinWorkingHours(MicrosUtc t) const;

  // Working time in [a, b): the overlap with the working periods of working
  // days. 0 if b <= a.
  int64_t WorkingMicrosBetween(MicrosUtc a, MicrosUtc b) const;

  // The earliest moment t >= from with WorkingMicrosBetween(from, t) == micros.
  // So a result is never in a gap: 4 hours from 07:30 is 11:30 of the same
  // day (the end of the morning period), not 13:30, and 1 microsecond more is
  // 13:30 plus 1 microsecond. `from` outside working hours first moves to the
  // next working moment. micros <= 0 returns `from` unchanged.
  MicrosUtc AddWorkingMicros(MicrosUtc from, int64_t micros) const;

  // The working day a dossier received at `received` counts as received
  // (rule D2): the local day itself if it is a working day and `received` is
  // before its closing (before opening and during the lunch break count);
  // otherwise the next working day. Closing time itself is after closing.
  LocalDate ReceiptDay(MicrosUtc received) const;

 private:
  struct YearTable;
  struct DayRef {
    const YearTable* table;
    int doy;  // 0-based day of the year
  };

  explicit WorkingCalendar(CalendarConfig config);
  const YearTable& TableForYear(int year) const;
  std::unique_ptr<YearTable> BuildYear(int year) const;
  std::unique_ptr<YearTable> BuildPattern(int year) const;
  void ComputePrefixSums(YearTable* t) const;
  DayRef Locate(int64_t day) const;
  const std::vector<WorkingPeriod>& HoursOf(uint8_t hours) const;
  int64_t WorkedInDay(uint8_t hours, int64_t micros_of_day) const;
  int64_t WorkedInYearBefore(MicrosUtc t, int* year) const;
  MicrosUtc MomentOfWorked(int year, int64_t worked) const;

  CalendarConfig config_;
  WeekdayMask rest_days_ = kSaturdayAndSunday;
  int64_t weekday_minutes_ = 0;
  int64_t saturday_minutes_ = 0;
  // Years kFirstYear..kLastYear, then 14 weekly-pattern tables for other
  // years, indexed by (weekday of 1 January - 1) * 2 + leap year.
  static constexpr int kYearSlots = kLastYear - kFirstYear + 1;
  static constexpr int kSlots = kYearSlots + 14;
  mutable std::array<std::atomic<const YearTable*>, kSlots> tables_{};
  mutable std::mutex build_mu_;  // serializes building tables
};

}  // namespace qms::deadline
