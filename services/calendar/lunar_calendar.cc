#include "services/calendar/lunar_calendar.h"

#include <cmath>
#include <cstdint>

#include "services/calendar/astronomy.h"

namespace qms::deadline {
namespace {

// "Days" below are local (UTC+7) day numbers, counted like DaysFromCivil: days
// since 1970-01-01. "Lunation k" is the lunar month that begins with new moon k
// (astro::NewMoonJde numbering).
constexpr double kZoneDays = 7.0 / 24.0;

int64_t NewMoonDay(int k) {
  return static_cast<int64_t>(std::floor(astro::NewMoonJdUt(k) + kZoneDays - astro::kUnixEpochJulianDay));
}

double SunLongitudeAtLocalMidnight(int64_t day) {
  return astro::SunApparentLongitudeAtUt(static_cast<double>(day) + astro::kUnixEpochJulianDay - kZoneDays);
}

// The lunation whose month contains local day `day`.
int LunationContaining(int64_t day) {
  const double jd = static_cast<double>(day) + astro::kUnixEpochJulianDay;
  int k = static_cast<int>(std::floor((jd - 2451550.09766) / astro::kSynodicMonthDays));
  while (NewMoonDay(k + 1) <= day) ++k;
  while (NewMoonDay(k) > day) --k;
  return k;
}

// True once the winter solstice has happened before the start of local day
// `day`. Only meaningful within about 45 days of 21 December, where the Sun's
// longitude is between 225 and 315 degrees.
bool SolsticeBefore(int64_t day) { return SunLongitudeAtLocalMidnight(day) >= 270.0; }

// The lunation of month 11 of the solar year `year`: the month that contains
// the local day of the December solstice.
int Month11Lunation(int year) {
  int k = LunationContaining(DaysFromCivil(LocalDate{year, 12, 21}));
  while (SolsticeBefore(NewMoonDay(k))) --k;
  while (!SolsticeBefore(NewMoonDay(k + 1))) ++k;
  return k;
}

struct MonthSpan {
  int64_t first_day = 0;
  int length = 0;
  int year = 0;
  int month = 0;
  bool leap = false;
};

// The months from month 11 of solar year y-1 up to, not including, month 11 of
// solar year y: 12 months, or 13 with one leap month.
struct SolsticeYear {
  int count = 0;
  MonthSpan months[13];
};

// Sector of 30 degrees of solar longitude (0..11) at the start of a day. A
// month contains a major solar term iff its first day and the first day of
// the next month are in different sectors.
int SolarSector(int64_t day) { return static_cast<int>(SunLongitudeAtLocalMidnight(day) / 30.0) % 12; }

SolsticeYear BuildSolsticeYear(int y) {
  const int k_begin = Month11Lunation(y - 1);
  const int count = Month11Lunation(y) - k_begin;  // 12 or 13
  int64_t starts[14];
  for (int i = 0; i <= count; ++i) starts[i] = NewMoonDay(k_begin + i);

  int leap_offset = -1;
  if (count == 13) {
    int sector = SolarSector(starts[1]);
    for (int i = 1; i <= 12; ++i) {
      const int next_sector = SolarSector(starts[i + 1]);
      if (next_sector == sector) {
        leap_offset = i;
        break;
      }
      sector = next_sector;
    }
  }

  SolsticeYear out;
  out.count = count;
  int number = 11;
  bool reached_month_one = false;
  for (int i = 0; i < count; ++i) {
    MonthSpan& m = out.months[i];
    m.leap = (i == leap_offset);
    if (i > 0 && !m.leap) number = number % 12 + 1;
    if (number == 1) reached_month_one = true;
    m.month = number;
    m.year = reached_month_one ? y : y - 1;
    m.first_day = starts[i];
    m.length = static_cast<int>(starts[i + 1] - starts[i]);
  }
  return out;
}

// The span of a lunar month, if it exists.
std::optional<MonthSpan> FindMonth(int year, int month, bool leap) {
  if (month < 1 || month > 12) return std::nullopt;
  // Months 11 and 12 of lunar year Y start the solstice year Y+1.
  const SolsticeYear sy = BuildSolsticeYear(month >= 11 ? year + 1 : year);
  for (int i = 0; i < sy.count; ++i) {
    const MonthSpan& m = sy.months[i];
    if (m.year == year && m.month == month && m.leap == leap) return m;
  }
  return std::nullopt;
}

}  // namespace

LunarDate SolarToLunar(const LocalDate& date) {
  const int64_t day = DaysFromCivil(date);
  const int k = LunationContaining(day);
  const int solstice_year = (k >= Month11Lunation(date.year)) ? date.year + 1 : date.year;
  const SolsticeYear sy = BuildSolsticeYear(solstice_year);
  int i = sy.count - 1;
  while (i > 0 && sy.months[i].first_day > day) --i;
  const MonthSpan& m = sy.months[i];
  return LunarDate{m.year, m.month, static_cast<int>(day - m.first_day) + 1, m.leap};
}

std::optional<LocalDate> LunarToSolar(const LunarDate& lunar) {
  const std::optional<MonthSpan> m = FindMonth(lunar.year, lunar.month, lunar.is_leap_month);
  if (!m || lunar.day < 1 || lunar.day > m->length) return std::nullopt;
  return CivilFromDays(m->first_day + lunar.day - 1);
}

int LeapMonthOf(int year) {
  for (int solstice_year : {year, year + 1}) {
    const SolsticeYear sy = BuildSolsticeYear(solstice_year);
    for (int i = 0; i < sy.count; ++i) {
      if (sy.months[i].leap && sy.months[i].year == year) return sy.months[i].month;
    }
  }
  return 0;
}

std::optional<int> LunarMonthLength(int year, int month, bool is_leap_month) {
  const std::optional<MonthSpan> m = FindMonth(year, month, is_leap_month);
  if (!m) return std::nullopt;
  return m->length;
}

LocalDate TetDay(int year) {
  // Month 1 of every lunar year exists and is never a leap month.
  return CivilFromDays(FindMonth(year, 1, false)->first_day);
}

}  // namespace qms::deadline
