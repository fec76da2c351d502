// The Vietnamese lunisolar calendar ("âm lịch"), computed from astronomy at
// the time zone UTC+7 (Vietnam's official calendar since 1968). Chinese
// calendars use UTC+8 and differ on some dates (e.g. Tết 1985, 2007, 2030).
//
// Rules, as the calendar is defined:
// - A lunar month begins on the local (UTC+7) day that contains a new moon.
// - Month 11 is the month that contains the winter solstice (Sun's apparent
//   longitude 270 degrees), counted in local days.
// - Between two consecutive months 11 there are 12 or 13 months. With 13, the
//   first month after month 11 that contains no major solar term (a multiple of
//   30 degrees of solar longitude) is a leap month and repeats the number of the
//   month before it.
// - The lunar year Y begins with month 1 ("Tết", 1/1), which falls in January
//   or February of the solar year Y; months 11 and 12 (and a leap 11 or 12)
//   that come before it belong to year Y-1.
//
// Accuracy: checked against published Vietnamese calendars for 1900-2199 (see
// tests/deadline/lunar_calendar_test.cc); works outside that range with
// growing uncertainty in DeltaT. All functions are pure and thread-safe.
#pragma once

#include <optional>

#include "services/base/clock.h"

namespace qms::deadline {

struct LunarDate {
  int year = 0;   // the lunar year; year Y begins at Tết of the solar year Y
  int month = 0;  // 1..12
  int day = 0;    // 1..30
  bool is_leap_month = false;
  bool operator==(const LunarDate& o) const {
    return year == o.year && month == o.month && day == o.day && is_leap_month == o.is_leap_month;
  }
  bool operator!=(const LunarDate& o) const { return !(*this == o); }
};

// The lunar date of a local (UTC+7) civil date.
LunarDate SolarToLunar(const LocalDate& date);

// The civil date of a lunar date, or nullopt if that date does not exist
// (a leap month the year does not have, a month number outside 1..12, or
// day 30 of a 29-day month).
std::optional<LocalDate> LunarToSolar(const LunarDate& lunar);

// The leap month of lunar year `year` (1..12), or 0 if the year has none.
int LeapMonthOf(int year);

// The number of days (29 or 30) of a lunar month, or nullopt if it does not exist.
std::optional<int> LunarMonthLength(int year, int month, bool is_leap_month);

// 1/1 of lunar year `year`: the first day of Tết Nguyên đán.
LocalDate TetDay(int year);

}  // namespace qms::deadline
