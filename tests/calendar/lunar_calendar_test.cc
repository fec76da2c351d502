// Lunar calendar: astronomy checked against published instants, and lunar
// dates checked against published Vietnamese calendars.
#include "services/calendar/lunar_calendar.h"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "services/calendar/astronomy.h"

namespace qms::deadline {
namespace {

LocalDate D(int y, int m, int d) { return LocalDate{y, m, d}; }
bool Between(const LocalDate& lo, const LocalDate& x, const LocalDate& hi) { return !(x < lo) && !(hi < x); }

// Julian day (UT) of a UTC civil time.
double JdUt(int y, int m, int d, int hour, int minute) {
  return static_cast<double>(DaysFromCivil(D(y, m, d))) + astro::kUnixEpochJulianDay + hour / 24.0 +
         minute / 1440.0;
}

// k for the new moon nearest a UTC date.
int NearestLunation(double jd) {
  return static_cast<int>(std::lround((jd - 2451550.09766) / astro::kSynodicMonthDays));
}

TEST(AstronomyTest, NewMoonMatchesMeeusExample) {
  // Astronomical Algorithms, example 49.a: the new moon of 1977 February.
  EXPECT_NEAR(astro::NewMoonJde(-283), 2443192.65118, 1e-5);
}

TEST(AstronomyTest, NewMoonsMatchPublishedInstants) {
  struct Case {
    int y, m, d, hour, minute;
  };
  // Published UTC instants of new moon (to the minute).
  const std::vector<Case> cases = {
      {2000, 1, 6, 18, 14},   // first new moon of 2000
      {2024, 4, 8, 18, 21},   // total solar eclipse of 2024
      {2017, 8, 21, 18, 30},  // total solar eclipse of 2017
      {2030, 2, 2, 16, 7},    // the new moon of Tết 2030
  };
  for (const Case& c : cases) {
    const double expected = JdUt(c.y, c.m, c.d, c.hour, c.minute);
    const double actual = astro::NewMoonJdUt(NearestLunation(expected));
    EXPECT_NEAR(actual, expected, 1.5 / 1440) << c.y << "-" << c.m << "-" << c.d;
  }
}

TEST(AstronomyTest, SunLongitudeMatchesMeeusExample) {
  // Example 25.b: 1992 October 13.0 TD, apparent longitude 199°54'21.818".
  EXPECT_NEAR(astro::SunApparentLongitude(2448908.5), 199.0 + 54.0 / 60 + 21.818 / 3600, 0.0005);
}

TEST(AstronomyTest, SolsticesAndEquinoxesAtPublishedInstants) {
  // 0.001 degree of solar longitude is about 1.5 minutes of time.
  EXPECT_NEAR(astro::SunApparentLongitudeAtUt(JdUt(2024, 12, 21, 9, 20)), 270.0, 0.001);
  EXPECT_NEAR(astro::SunApparentLongitudeAtUt(JdUt(2025, 6, 21, 2, 42)), 90.0, 0.001);
  const double march = astro::SunApparentLongitudeAtUt(JdUt(2025, 3, 20, 9, 1));
  EXPECT_LT(std::min(march, 360.0 - march), 0.001);
}

TEST(LunarCalendarTest, TetAndHungKingsOfFacts) {
  struct Case {
    int year;
    LocalDate tet, hung_kings;
  };
  for (const Case& c : std::vector<Case>{{2024, D(2024, 2, 10), D(2024, 4, 18)},
                                         {2025, D(2025, 1, 29), D(2025, 4, 7)},
                                         {2026, D(2026, 2, 17), D(2026, 4, 26)},
                                         {2027, D(2027, 2, 6), D(2027, 4, 16)}}) {
    EXPECT_EQ(TetDay(c.year), c.tet) << c.year;
    EXPECT_EQ(LunarToSolar(LunarDate{c.year, 3, 10, false}), c.hung_kings) << c.year;
  }
}

TEST(LunarCalendarTest, TetMatchesPublishedVietnameseCalendars) {
  const std::vector<LocalDate> tet = {
      D(1990, 1, 27), D(1991, 2, 15), D(1992, 2, 4),  D(1993, 1, 23), D(1994, 2, 10), D(1995, 1, 31),
      D(1996, 2, 19), D(1997, 2, 7),  D(1998, 1, 28), D(1999, 2, 16), D(2000, 2, 5),  D(2001, 1, 24),
      D(2002, 2, 12), D(2003, 2, 1),  D(2004, 1, 22), D(2005, 2, 9),  D(2006, 1, 29), D(2007, 2, 17),
      D(2008, 2, 7),  D(2009, 1, 26), D(2010, 2, 14), D(2011, 2, 3),  D(2012, 1, 23), D(2013, 2, 10),
      D(2014, 1, 31), D(2015, 2, 19), D(2016, 2, 8),  D(2017, 1, 28), D(2018, 2, 16), D(2019, 2, 5),
      D(2020, 1, 25), D(2021, 2, 12), D(2022, 2, 1),  D(2023, 1, 22), D(2024, 2, 10), D(2025, 1, 29),
      D(2026, 2, 17), D(2027, 2, 6),  D(2028, 1, 26), D(2029, 2, 13), D(2030, 2, 2),  D(2031, 1, 23),
      D(2032, 2, 11), D(2033, 1, 31), D(2034, 2, 19), D(2035, 2, 8),
  };
  for (const LocalDate& d : tet) {
    EXPECT_EQ(TetDay(d.year), d) << d.year;
    EXPECT_EQ(SolarToLunar(d), (LunarDate{d.year, 1, 1, false})) << d.year;
  }
}

// Years where UTC+7 and UTC+8 (China) give different Tết. Vietnam adopted
// UTC+7 for its calendar in 1968; these are the cases reported in the press:
// 1968 and 1969 one day earlier, 1985 a month earlier, 2007, 2030 and 2053
// one day earlier than China (Chinese dates: 30 Jan 1968, 17 Feb 1969,
// 20 Feb 1985, 18 Feb 2007, 3 Feb 2030, 19 Feb 2053).
TEST(LunarCalendarTest, TetDiffersFromChinaWhereUtcPlus7Matters) {
  EXPECT_EQ(TetDay(1968), D(1968, 1, 29));
  EXPECT_EQ(TetDay(1969), D(1969, 2, 16));
  EXPECT_EQ(TetDay(1985), D(1985, 1, 21));
  EXPECT_EQ(TetDay(2007), D(2007, 2, 17));
  EXPECT_EQ(TetDay(2030), D(2030, 2, 2));
  EXPECT_EQ(TetDay(2053), D(2053, 2, 18));
  // 1985: Vietnam had no leap month in 1984 (China: leap 10) and a leap 2nd month in 1985.
  EXPECT_EQ(LeapMonthOf(1984), 0);
  EXPECT_EQ(LeapMonthOf(1985), 2);
}

TEST(LunarCalendarTest, TetBeforeVietnamChangedTimeZoneAgreesWhereZonesAgree) {
  EXPECT_EQ(TetDay(1900), D(1900, 1, 31));
  EXPECT_EQ(TetDay(1912), D(1912, 2, 18));
  EXPECT_EQ(TetDay(1949), D(1949, 1, 29));
  EXPECT_EQ(TetDay(1950), D(1950, 2, 17));
  EXPECT_EQ(TetDay(1960), D(1960, 1, 28));
}

TEST(LunarCalendarTest, LeapMonthsMatchPublishedCalendars) {
  const std::vector<std::pair<int, int>> leap = {{2001, 4}, {2004, 2}, {2006, 7},  {2009, 5}, {2012, 4},
                                                 {2014, 9}, {2017, 6}, {2020, 4},  {2023, 2}, {2025, 6},
                                                 {2028, 5}, {2031, 3}, {2033, 11}, {2036, 6}};
  for (const auto& [year, month] : leap) EXPECT_EQ(LeapMonthOf(year), month) << year;
  for (int year : {2002, 2003, 2005, 2007, 2008, 2010, 2011, 2013, 2015, 2016, 2018, 2019, 2021, 2022, 2024,
                   2026, 2027}) {
    EXPECT_EQ(LeapMonthOf(year), 0) << year;
  }
  // The leap months start on these days.
  EXPECT_EQ(SolarToLunar(D(2023, 3, 22)), (LunarDate{2023, 2, 1, true}));
  EXPECT_EQ(SolarToLunar(D(2023, 3, 21)), (LunarDate{2023, 2, 30, false}));
  EXPECT_EQ(SolarToLunar(D(2025, 7, 25)), (LunarDate{2025, 6, 1, true}));
  EXPECT_EQ(LunarToSolar(LunarDate{2025, 6, 1, true}), D(2025, 7, 25));
}

TEST(LunarCalendarTest, PublishedDatesAroundTetAndMidAutumn) {
  // From the official Tết schedules, which give both calendars.
  EXPECT_EQ(SolarToLunar(D(2014, 1, 28)), (LunarDate{2013, 12, 28, false}));
  EXPECT_EQ(SolarToLunar(D(2014, 2, 5)), (LunarDate{2014, 1, 6, false}));
  EXPECT_EQ(SolarToLunar(D(2020, 1, 23)), (LunarDate{2019, 12, 29, false}));
  EXPECT_EQ(SolarToLunar(D(2020, 1, 29)), (LunarDate{2020, 1, 5, false}));
  EXPECT_EQ(SolarToLunar(D(2026, 2, 14)), (LunarDate{2025, 12, 27, false}));
  EXPECT_EQ(SolarToLunar(D(2026, 2, 22)), (LunarDate{2026, 1, 6, false}));
  EXPECT_EQ(SolarToLunar(D(2025, 1, 25)), (LunarDate{2024, 12, 26, false}));
  EXPECT_EQ(SolarToLunar(D(2024, 2, 8)), (LunarDate{2023, 12, 29, false}));
  // Tết Trung thu (15/8).
  EXPECT_EQ(LunarToSolar(LunarDate{2023, 8, 15, false}), D(2023, 9, 29));
  EXPECT_EQ(LunarToSolar(LunarDate{2024, 8, 15, false}), D(2024, 9, 17));
  EXPECT_EQ(LunarToSolar(LunarDate{2025, 8, 15, false}), D(2025, 10, 6));
}

TEST(LunarCalendarTest, LastDayOfLunarYear) {
  // Month 12 of Giáp Thìn (2024) had 29 days, of Quý Mão (2023) 30.
  EXPECT_EQ(LunarMonthLength(2024, 12, false), 29);
  EXPECT_EQ(LunarMonthLength(2023, 12, false), 30);
  EXPECT_EQ(SolarToLunar(D(2025, 1, 28)), (LunarDate{2024, 12, 29, false}));
  EXPECT_EQ(SolarToLunar(D(2024, 2, 9)), (LunarDate{2023, 12, 30, false}));
}

TEST(LunarCalendarTest, NonexistentDatesAreRejected) {
  EXPECT_EQ(LunarToSolar(LunarDate{2024, 2, 1, true}), std::nullopt);  // 2024 has no leap month
  EXPECT_EQ(LunarToSolar(LunarDate{2024, 13, 1, false}), std::nullopt);
  EXPECT_EQ(LunarToSolar(LunarDate{2024, 0, 1, false}), std::nullopt);
  EXPECT_EQ(LunarToSolar(LunarDate{2024, 12, 30, false}), std::nullopt);  // a 29-day month
  EXPECT_EQ(LunarToSolar(LunarDate{2024, 12, 0, false}), std::nullopt);
  EXPECT_EQ(LunarMonthLength(2024, 2, true), std::nullopt);
  EXPECT_EQ(LunarToSolar(LunarDate{2023, 12, 30, false}), D(2024, 2, 9));
}

// Every day from 2020 to 2040 follows the previous one in the lunar calendar
// and converts back to itself.
TEST(LunarCalendarTest, ConsecutiveDaysAndRoundTrip) {
  const int64_t first = DaysFromCivil(D(2020, 1, 1)), last = DaysFromCivil(D(2040, 12, 31));
  LunarDate previous = SolarToLunar(CivilFromDays(first - 1));
  for (int64_t day = first; day <= last; ++day) {
    const LocalDate solar = CivilFromDays(day);
    const LunarDate lunar = SolarToLunar(solar);
    if (lunar.day != 1) {
      ASSERT_EQ(lunar, (LunarDate{previous.year, previous.month, previous.day + 1, previous.is_leap_month}))
          << solar.ToYyyymmdd();
    } else {
      ASSERT_TRUE(previous.day == 29 || previous.day == 30) << solar.ToYyyymmdd();
      const bool same_number = lunar.is_leap_month && lunar.month == previous.month;
      ASSERT_TRUE(same_number || lunar.month == previous.month % 12 + 1) << solar.ToYyyymmdd();
      ASSERT_EQ(lunar.year, lunar.month == 1 && !lunar.is_leap_month ? previous.year + 1 : previous.year);
    }
    ASSERT_EQ(LunarToSolar(lunar), solar) << solar.ToYyyymmdd();
    previous = lunar;
  }
}

// Structural properties over the whole supported range.
TEST(LunarCalendarTest, EveryYearFrom1900To2199IsWellFormed) {
  for (int year = 1900; year <= 2199; ++year) {
    const LocalDate tet = TetDay(year);
    ASSERT_TRUE(Between(D(year, 1, 21), tet, D(year, 2, 20))) << year;
    const int64_t length = DaysFromCivil(TetDay(year + 1)) - DaysFromCivil(tet);
    const bool leap = LeapMonthOf(year) != 0;
    if (leap) {
      ASSERT_TRUE(length >= 383 && length <= 385) << year << " has " << length << " days";
    } else {
      ASSERT_TRUE(length >= 353 && length <= 355) << year << " has " << length << " days";
    }
    // Giỗ Tổ: 10/3 is in April, or late March / May around leap months.
    const LocalDate hung = *LunarToSolar(LunarDate{year, 3, 10, false});
    ASSERT_TRUE(Between(D(year, 3, 29), hung, D(year, 4, 30))) << year;
  }
}

}  // namespace
}  // namespace qms::deadline
