// Statutory holidays and substitute days for whole years.
#include "services/calendar/holidays.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace qms::deadline {
namespace {

LocalDate D(int y, int m, int d) { return LocalDate{y, m, d}; }

using K = HolidayKind;

struct Expected {
  LocalDate date;
  HolidayKind kind;
};

void ExpectHolidays(const std::vector<Holiday>& actual, const std::vector<Expected>& expected) {
  ASSERT_EQ(actual.size(), expected.size());
  for (size_t i = 0; i < expected.size(); ++i) {
    EXPECT_EQ(actual[i].date, expected[i].date) << "entry " << i << " (" << actual[i].name << ")";
    EXPECT_EQ(actual[i].kind, expected[i].kind) << "entry " << i << " " << HolidayKindName(actual[i].kind);
  }
}

TEST(HolidaysTest, Year2024WeekendTetDaysGetSubstitutesAfterTheBlock) {
  // Tết 10 Feb 2024 is a Saturday: 9 Feb (30 Chạp) to 13 Feb, the weekend
  // days 10 and 11 compensated on 14 and 15 Feb. 1 September is a Sunday:
  // its substitute skips 2 September and lands on Tuesday 3 September.
  ExpectHolidays(HolidaysOfYear(2024, HolidayRules{}, kSaturdayAndSunday),
                 {{D(2024, 1, 1), K::kNewYear},
                  {D(2024, 2, 9), K::kTet},
                  {D(2024, 2, 10), K::kTet},
                  {D(2024, 2, 11), K::kTet},
                  {D(2024, 2, 12), K::kTet},
                  {D(2024, 2, 13), K::kTet},
                  {D(2024, 2, 14), K::kSubstitute},
                  {D(2024, 2, 15), K::kSubstitute},
                  {D(2024, 4, 18), K::kHungKings},
                  {D(2024, 4, 30), K::kReunificationDay},
                  {D(2024, 5, 1), K::kLabourDay},
                  {D(2024, 9, 1), K::kNationalDay},
                  {D(2024, 9, 2), K::kNationalDay},
                  {D(2024, 9, 3), K::kSubstitute}});
}

TEST(HolidaysTest, Year2025) {
  // Tết 29 Jan 2025: 28 Jan (29 Chạp, month 12 has 29 days) to Saturday
  // 1 Feb, compensated on Monday 3 Feb.
  ExpectHolidays(HolidaysOfYear(2025, HolidayRules{}, kSaturdayAndSunday),
                 {{D(2025, 1, 1), K::kNewYear},
                  {D(2025, 1, 28), K::kTet},
                  {D(2025, 1, 29), K::kTet},
                  {D(2025, 1, 30), K::kTet},
                  {D(2025, 1, 31), K::kTet},
                  {D(2025, 2, 1), K::kTet},
                  {D(2025, 2, 3), K::kSubstitute},
                  {D(2025, 4, 7), K::kHungKings},
                  {D(2025, 4, 30), K::kReunificationDay},
                  {D(2025, 5, 1), K::kLabourDay},
                  {D(2025, 9, 1), K::kNationalDay},
                  {D(2025, 9, 2), K::kNationalDay}});
}

TEST(HolidaysTest, Year2026SundayHungKingsMovesToMonday) {
  const std::vector<Holiday> h = HolidaysOfYear(2026, HolidayRules{}, kSaturdayAndSunday);
  ExpectHolidays(h, {{D(2026, 1, 1), K::kNewYear},
                     {D(2026, 2, 16), K::kTet},
                     {D(2026, 2, 17), K::kTet},
                     {D(2026, 2, 18), K::kTet},
                     {D(2026, 2, 19), K::kTet},
                     {D(2026, 2, 20), K::kTet},
                     {D(2026, 4, 26), K::kHungKings},
                     {D(2026, 4, 27), K::kSubstitute},
                     {D(2026, 4, 30), K::kReunificationDay},
                     {D(2026, 5, 1), K::kLabourDay},
                     {D(2026, 9, 1), K::kNationalDay},
                     {D(2026, 9, 2), K::kNationalDay}});
  EXPECT_EQ(h[7].name, "Nghỉ bù Giỗ Tổ Hùng Vương");
  EXPECT_EQ(h[6].name, "Giỗ Tổ Hùng Vương");
  EXPECT_EQ(h[1].name, "Tết Nguyên đán");
}

TEST(HolidaysTest, Year2027LabourDayOnSaturday) {
  // Tết 6 Feb 2027 is a Saturday; 1 May 2027 is a Saturday.
  ExpectHolidays(HolidaysOfYear(2027, HolidayRules{}, kSaturdayAndSunday),
                 {{D(2027, 1, 1), K::kNewYear},
                  {D(2027, 2, 5), K::kTet},
                  {D(2027, 2, 6), K::kTet},
                  {D(2027, 2, 7), K::kTet},
                  {D(2027, 2, 8), K::kTet},
                  {D(2027, 2, 9), K::kTet},
                  {D(2027, 2, 10), K::kSubstitute},
                  {D(2027, 2, 11), K::kSubstitute},
                  {D(2027, 4, 16), K::kHungKings},
                  {D(2027, 4, 30), K::kReunificationDay},
                  {D(2027, 5, 1), K::kLabourDay},
                  {D(2027, 5, 3), K::kSubstitute},
                  {D(2027, 9, 1), K::kNationalDay},
                  {D(2027, 9, 2), K::kNationalDay}});
}

TEST(HolidaysTest, NewYearOnWeekendIsCompensatedOnMonday) {
  // 1 Jan 2022 was a Saturday and 1 Jan 2023 a Sunday; both were
  // compensated on the Monday (3 Jan 2022, 2 Jan 2023).
  const auto h2022 = HolidaysOfYear(2022, HolidayRules{}, kSaturdayAndSunday);
  ASSERT_GE(h2022.size(), 2u);
  EXPECT_EQ(h2022[1].date, D(2022, 1, 3));
  EXPECT_EQ(h2022[1].kind, K::kSubstitute);
  EXPECT_EQ(h2022[1].name, "Nghỉ bù Tết Dương lịch");
  const auto h2023 = HolidaysOfYear(2023, HolidayRules{}, kSaturdayAndSunday);
  EXPECT_EQ(h2023[1].date, D(2023, 1, 2));
  // Nothing of 2023 leaks into 2022.
  EXPECT_EQ(h2022.back().date, D(2022, 9, 2));
}

TEST(HolidaysTest, TetSplitIsConfigurable) {
  HolidayRules rules;
  rules.tet_days_before = 2;  // 28 and 29 Chạp 2025 = 15 (Sunday) and 16 Feb 2026
  rules.tet_days_after = 3;
  std::vector<LocalDate> tet, substitutes;
  for (const Holiday& h : HolidaysOfYear(2026, rules, kSaturdayAndSunday)) {
    if (h.kind == K::kTet) tet.push_back(h.date);
    if (h.kind == K::kSubstitute && h.date.month == 2) substitutes.push_back(h.date);
  }
  EXPECT_EQ(tet, (std::vector<LocalDate>{D(2026, 2, 15), D(2026, 2, 16), D(2026, 2, 17), D(2026, 2, 18),
                                         D(2026, 2, 19)}));
  EXPECT_EQ(substitutes, (std::vector<LocalDate>{D(2026, 2, 20)}));
}

TEST(HolidaysTest, NationalDayAdjacentDayIsConfigurable) {
  HolidayRules rules;
  rules.national_day_adjacent_offset = +1;
  std::vector<LocalDate> national;
  for (const Holiday& h : HolidaysOfYear(2026, rules, kSaturdayAndSunday)) {
    if (h.kind == K::kNationalDay) national.push_back(h.date);
  }
  EXPECT_EQ(national, (std::vector<LocalDate>{D(2026, 9, 2), D(2026, 9, 3)}));
}

TEST(HolidaysTest, CompensationCanBeTurnedOff) {
  HolidayRules rules;
  rules.compensate = false;
  for (const Holiday& h : HolidaysOfYear(2027, rules, kSaturdayAndSunday)) {
    EXPECT_NE(h.kind, K::kSubstitute) << h.date.ToYyyymmdd();
  }
  EXPECT_EQ(HolidaysOfYear(2027, rules, kSaturdayAndSunday).size(), 11u);
}

TEST(HolidaysTest, SaturdayAsWorkingDayGetsNoSubstitute) {
  // With Saturday mornings worked, only Sunday is a rest day: Saturday
  // holidays (Tết 6 Feb, 1 May 2027) are not compensated, Sunday 7 Feb is.
  std::vector<LocalDate> substitutes;
  for (const Holiday& h : HolidaysOfYear(2027, HolidayRules{}, WeekdayBit(7))) {
    if (h.kind == K::kSubstitute) substitutes.push_back(h.date);
  }
  EXPECT_EQ(substitutes, (std::vector<LocalDate>{D(2027, 2, 10)}));
}

TEST(HolidaysTest, TwoHolidaysOnOneDayGiveASubstitute) {
  // In 1947, 10/3 lunar fell on 30 April (a Wednesday): the second holiday of
  // the day is compensated on the first free working day, Friday 2 May.
  const auto h = HolidaysOfYear(1947, HolidayRules{}, kSaturdayAndSunday);
  std::vector<Holiday> april_may;
  for (const Holiday& x : h) {
    if (x.date.month == 4 || x.date.month == 5) april_may.push_back(x);
  }
  ExpectHolidays(april_may, {{D(1947, 4, 30), K::kHungKings},
                             {D(1947, 4, 30), K::kReunificationDay},
                             {D(1947, 5, 1), K::kLabourDay},
                             {D(1947, 5, 2), K::kSubstitute}});
}

TEST(HolidaysTest, EveryYearHasElevenStatutoryDays) {
  for (int year = 1900; year <= 2199; ++year) {
    int statutory = 0;
    LocalDate previous{0, 1, 1};
    for (const Holiday& h : HolidaysOfYear(year, HolidayRules{}, kSaturdayAndSunday)) {
      ASSERT_EQ(h.date.year, year);
      ASSERT_FALSE(h.date < previous) << "not sorted in " << year;
      previous = h.date;
      if (h.kind != K::kSubstitute) ++statutory;
      if (h.kind == K::kSubstitute) {
        ASSERT_LE(Weekday(h.date), 5) << h.date.ToYyyymmdd();
      }
    }
    ASSERT_EQ(statutory, 11) << year;
  }
}

TEST(HolidaysTest, RulesAreValidated) {
  EXPECT_TRUE(ValidateHolidayRules(HolidayRules{}).ok());
  HolidayRules bad;
  bad.tet_days_after = 0;
  EXPECT_EQ(ValidateHolidayRules(bad).code(), StatusCode::kInvalidArgument);
  bad = HolidayRules{};
  bad.tet_days_before = -1;
  EXPECT_EQ(ValidateHolidayRules(bad).code(), StatusCode::kInvalidArgument);
  bad = HolidayRules{};
  bad.national_day_adjacent_offset = 0;
  const Status s = ValidateHolidayRules(bad);
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  EXPECT_NE(s.message().find("national_day_adjacent_offset"), std::string::npos);
}

}  // namespace
}  // namespace qms::deadline
