// WorkingCalendar: working days, hours and the arithmetic of rules D2/D3.
#include "services/calendar/working_calendar.h"

#include <gtest/gtest.h>

#include <random>
#include <thread>
#include <vector>

namespace qms::deadline {
namespace {

LocalDate D(int y, int m, int d) { return LocalDate{y, m, d}; }
// A local (UTC+7) moment.
MicrosUtc At(const LocalDate& d, int hour, int minute, int second = 0) {
  return LocalMoment(d, hour * 60 + minute) + second * kMicrosPerSecond;
}
constexpr int64_t kHour = kMicrosPerHour;
constexpr int64_t kMinute = kMicrosPerMinute;

std::unique_ptr<WorkingCalendar> Make(CalendarConfig config = {}) {
  StatusOr<std::unique_ptr<WorkingCalendar>> c = WorkingCalendar::Create(std::move(config));
  EXPECT_TRUE(c.ok()) << c.status().message();
  return c.ok() ? std::move(c.value()) : nullptr;
}

std::unique_ptr<WorkingCalendar> MakeWithShippedOverrides() {
  StatusOr<CalendarOverrides> o =
      LoadCalendarOverrides(std::string(QMS_SOURCE_DIR) + "/services/calendar/calendar_overrides.yaml");
  EXPECT_TRUE(o.ok()) << o.status().message();
  CalendarConfig config;
  config.overrides = std::move(o.value());
  return Make(std::move(config));
}

TEST(WorkingCalendarTest, WeekendsAndHolidays) {
  auto cal = Make();
  EXPECT_TRUE(cal->IsWorkingDay(D(2026, 3, 2)));    // Monday
  EXPECT_FALSE(cal->IsWorkingDay(D(2026, 3, 7)));   // Saturday
  EXPECT_FALSE(cal->IsWorkingDay(D(2026, 3, 8)));   // Sunday
  EXPECT_FALSE(cal->IsHoliday(D(2026, 3, 7)));      // a weekend is not a holiday
  EXPECT_FALSE(cal->IsWorkingDay(D(2026, 2, 17)));  // Tết
  EXPECT_TRUE(cal->IsHoliday(D(2026, 2, 17)));
  EXPECT_EQ(cal->HolidayName(D(2026, 2, 17)), "Tết Nguyên đán");
  EXPECT_EQ(cal->HolidayName(D(2026, 3, 2)), std::nullopt);
  // Giỗ Tổ 2026 is a Sunday; Monday 27 April is its substitute.
  EXPECT_TRUE(cal->IsHoliday(D(2026, 4, 26)));
  EXPECT_EQ(cal->HolidayName(D(2026, 4, 27)), "Nghỉ bù Giỗ Tổ Hùng Vương");
  EXPECT_FALSE(cal->IsWorkingDay(D(2026, 4, 27)));
  EXPECT_TRUE(cal->IsWorkingDay(D(2026, 4, 28)));
  EXPECT_FALSE(cal->IsWorkingDay(D(2026, 9, 1)));
  EXPECT_FALSE(cal->IsWorkingDay(D(2026, 9, 2)));
  EXPECT_EQ(cal->HolidayName(D(2026, 9, 2)), "Quốc khánh");
}

TEST(WorkingCalendarTest, NextAndNthWorkingDay) {
  auto cal = Make();
  EXPECT_EQ(cal->NextWorkingDay(D(2026, 4, 24)), D(2026, 4, 28));  // Fri -> Tue after substitute Monday
  EXPECT_EQ(cal->NextWorkingDay(D(2026, 2, 13)), D(2026, 2, 23));  // over Tết and two weekends
  EXPECT_EQ(cal->NextWorkingDay(D(2026, 2, 14)), D(2026, 2, 23));  // from a non-working day
  EXPECT_EQ(cal->NthWorkingDayAfter(D(2026, 2, 12), 2), D(2026, 2, 23));
  EXPECT_EQ(cal->NthWorkingDayAfter(D(2026, 2, 12), 0), D(2026, 2, 12));
  EXPECT_EQ(cal->NthWorkingDayAfter(D(2026, 2, 23), -1), D(2026, 2, 13));
  EXPECT_EQ(cal->NthWorkingDayAfter(D(2026, 2, 22), -1), D(2026, 2, 13));
  // Across New Year: 31 Dec, (1 Jan off), 2 Jan, 5 Jan.
  EXPECT_EQ(cal->NthWorkingDayAfter(D(2025, 12, 30), 3), D(2026, 1, 5));
  EXPECT_EQ(cal->NthWorkingDayAfter(D(2026, 1, 5), -3), D(2025, 12, 30));
}

TEST(WorkingCalendarTest, NthWorkingDayAgreesWithStepping) {
  auto cal = Make();
  std::mt19937 rng(20250701);
  for (int i = 0; i < 300; ++i) {
    const LocalDate start = CivilFromDays(DaysFromCivil(D(2023, 1, 1)) + static_cast<int>(rng() % 2000));
    const int n = 1 + static_cast<int>(rng() % 60);
    LocalDate stepped = start;
    for (int k = 0; k < n; ++k) stepped = cal->NextWorkingDay(stepped);
    ASSERT_EQ(cal->NthWorkingDayAfter(start, n), stepped) << start.ToYyyymmdd() << " + " << n;
    if (cal->IsWorkingDay(start)) {
      ASSERT_EQ(cal->NthWorkingDayAfter(stepped, -n), start);
    }
  }
  // Long spans cross several years. 1 January 2024 is a holiday, so counting
  // back 1000 from the 1000th working day after it lands on the working day
  // before it, Friday 29 December 2023.
  LocalDate stepped = D(2024, 1, 1);
  for (int k = 0; k < 1000; ++k) stepped = cal->NextWorkingDay(stepped);
  EXPECT_EQ(cal->NthWorkingDayAfter(D(2024, 1, 1), 1000), stepped);
  EXPECT_EQ(cal->NthWorkingDayAfter(stepped, -1000), D(2023, 12, 29));
  EXPECT_EQ(cal->NthWorkingDayAfter(stepped, -999), D(2024, 1, 2));
}

TEST(WorkingCalendarTest, YearsOutsideTheTablesFollowTheWeeklyPattern) {
  auto cal = Make();
  // 1 January 2300 is a Monday; no holidays are computed that far.
  EXPECT_EQ(Weekday(D(2300, 1, 1)), 1);
  EXPECT_TRUE(cal->IsWorkingDay(D(2300, 1, 1)));
  EXPECT_FALSE(cal->IsHoliday(D(2300, 1, 1)));
  EXPECT_FALSE(cal->IsWorkingDay(D(2300, 1, 6)));  // Saturday
  // Monday 30 Dec 2199, Tuesday 31 Dec, Wednesday 1 Jan 2200 (no holidays computed).
  EXPECT_EQ(cal->NthWorkingDayAfter(D(2199, 12, 30), 2), D(2200, 1, 1));
  EXPECT_EQ(cal->NthWorkingDayAfter(D(2200, 1, 1), -2), D(2199, 12, 30));
  EXPECT_FALSE(cal->IsWorkingDay(D(2199, 1, 1)));  // still a holiday inside the range
}

TEST(WorkingCalendarTest, OpeningClosingAndWorkingHours) {
  auto cal = Make();
  const LocalDate monday = D(2026, 3, 2);
  EXPECT_EQ(cal->OpeningOf(monday), At(monday, 7, 30));
  EXPECT_EQ(cal->ClosingOf(monday), At(monday, 17, 0));
  EXPECT_FALSE(cal->IsWithinWorkingHours(At(monday, 7, 30) - 1));
  EXPECT_TRUE(cal->IsWithinWorkingHours(At(monday, 7, 30)));
  EXPECT_TRUE(cal->IsWithinWorkingHours(At(monday, 11, 29, 59)));
  EXPECT_FALSE(cal->IsWithinWorkingHours(At(monday, 11, 30)));
  EXPECT_FALSE(cal->IsWithinWorkingHours(At(monday, 12, 0)));
  EXPECT_TRUE(cal->IsWithinWorkingHours(At(monday, 13, 30)));
  EXPECT_TRUE(cal->IsWithinWorkingHours(At(monday, 17, 0) - 1));
  EXPECT_FALSE(cal->IsWithinWorkingHours(At(monday, 17, 0)));
  EXPECT_FALSE(cal->IsWithinWorkingHours(At(D(2026, 3, 7), 9, 0)));   // Saturday
  EXPECT_FALSE(cal->IsWithinWorkingHours(At(D(2026, 2, 18), 9, 0)));  // Tết
  // A non-working day reports the weekday hours on that date.
  EXPECT_EQ(cal->ClosingOf(D(2026, 3, 7)), At(D(2026, 3, 7), 17, 0));
}

TEST(WorkingCalendarTest, CustomHours) {
  CalendarConfig config;
  config.weekday_hours = {{7 * 60, 11 * 60 + 30}, {13 * 60 + 30, 17 * 60}};  // 07:00 opening
  auto cal = Make(config);
  const LocalDate monday = D(2026, 3, 2);
  EXPECT_EQ(cal->OpeningOf(monday), At(monday, 7, 0));
  EXPECT_EQ(cal->WorkingMicrosBetween(At(monday, 0, 0), At(D(2026, 3, 3), 0, 0)), 8 * kHour);
}

TEST(WorkingCalendarTest, WorkingMicrosBetween) {
  auto cal = Make();
  const LocalDate mon = D(2026, 3, 2), fri = D(2026, 3, 6), next_mon = D(2026, 3, 9);
  EXPECT_EQ(cal->WorkingMicrosBetween(At(mon, 8, 0), At(mon, 14, 0)), 4 * kHour);
  EXPECT_EQ(cal->WorkingMicrosBetween(At(mon, 11, 0), At(mon, 14, 0)), 1 * kHour);  // lunch does not count
  EXPECT_EQ(cal->WorkingMicrosBetween(At(mon, 12, 0), At(mon, 13, 0)), 0);
  EXPECT_EQ(cal->WorkingMicrosBetween(At(fri, 16, 0), At(next_mon, 8, 30)), 2 * kHour);  // weekend
  EXPECT_EQ(cal->WorkingMicrosBetween(At(mon, 0, 0), At(D(2026, 3, 7), 0, 0)), kHour * 35 + kMinute * 150);
  EXPECT_EQ(cal->WorkingMicrosBetween(At(mon, 14, 0), At(mon, 8, 0)), 0);
  EXPECT_EQ(cal->WorkingMicrosBetween(At(mon, 9, 0), At(mon, 9, 0)), 0);
  // Over Tết 2026 (16-20 Feb) and the weekends around it.
  EXPECT_EQ(cal->WorkingMicrosBetween(At(D(2026, 2, 13), 16, 0), At(D(2026, 2, 23), 8, 30)), 2 * kHour);
  // Across New Year 2026 (1 January off).
  EXPECT_EQ(cal->WorkingMicrosBetween(At(D(2025, 12, 31), 16, 0), At(D(2026, 1, 2), 8, 0)), 90 * kMinute);
}

TEST(WorkingCalendarTest, WorkingMicrosOfAWholeYearMatchesItsWorkingDays) {
  auto cal = Make();
  int working_days = 0;
  for (int64_t d = DaysFromCivil(D(2025, 1, 1)); d <= DaysFromCivil(D(2025, 12, 31)); ++d) {
    working_days += cal->IsWorkingDay(CivilFromDays(d)) ? 1 : 0;
  }
  // 261 weekdays minus 1 Jan, 5 Tết weekdays (28 Jan-1 Feb has 4, plus 3 Feb),
  // 7 Apr, 30 Apr, 1 May, 1 and 2 Sep.
  EXPECT_EQ(working_days, 261 - 11);
  EXPECT_EQ(cal->WorkingMicrosBetween(At(D(2025, 1, 1), 0, 0), At(D(2026, 1, 1), 0, 0)),
            working_days * (7 * kHour + 30 * kMinute));
}

TEST(WorkingCalendarTest, AddWorkingMicrosAtPeriodBoundaries) {
  auto cal = Make();
  const LocalDate mon = D(2026, 3, 2), tue = D(2026, 3, 3), sat = D(2026, 3, 7), next_mon = D(2026, 3, 9);
  // Ending exactly at the end of a period gives that end, not the next start.
  EXPECT_EQ(cal->AddWorkingMicros(At(mon, 7, 30), 4 * kHour), At(mon, 11, 30));
  EXPECT_EQ(cal->AddWorkingMicros(At(mon, 7, 30), 4 * kHour + 1), At(mon, 13, 30) + 1);
  EXPECT_EQ(cal->AddWorkingMicros(At(mon, 7, 30), 7 * kHour + 30 * kMinute), At(mon, 17, 0));
  EXPECT_EQ(cal->AddWorkingMicros(At(mon, 7, 30), 8 * kHour), At(tue, 8, 0));
  EXPECT_EQ(cal->AddWorkingMicros(At(mon, 10, 0), 3 * kHour), At(mon, 15, 0));   // across lunch
  EXPECT_EQ(cal->AddWorkingMicros(At(mon, 12, 0), 1 * kHour), At(mon, 14, 30));  // from lunch
  EXPECT_EQ(cal->AddWorkingMicros(At(mon, 5, 0), 1 * kHour), At(mon, 8, 30));    // before opening
  EXPECT_EQ(cal->AddWorkingMicros(At(D(2026, 3, 6), 16, 0), 2 * kHour), At(next_mon, 8, 30));  // weekend
  EXPECT_EQ(cal->AddWorkingMicros(At(sat, 10, 0), 1 * kHour), At(next_mon, 8, 30));
  EXPECT_EQ(cal->AddWorkingMicros(At(mon, 17, 0), 0), At(mon, 17, 0));
  EXPECT_EQ(cal->AddWorkingMicros(At(mon, 17, 0), -kHour), At(mon, 17, 0));
  // Over Tết 2026 and across New Year.
  EXPECT_EQ(cal->AddWorkingMicros(At(D(2026, 2, 13), 16, 0), 2 * kHour), At(D(2026, 2, 23), 8, 30));
  EXPECT_EQ(cal->AddWorkingMicros(At(D(2025, 12, 31), 16, 0), 90 * kMinute), At(D(2026, 1, 2), 8, 0));
}

// AddWorkingMicros inverts WorkingMicrosBetween and returns the earliest such moment.
TEST(WorkingCalendarTest, AddWorkingMicrosInvertsWorkingMicrosBetween) {
  auto cal = MakeWithShippedOverrides();
  std::mt19937_64 rng(42);
  const MicrosUtc base = At(D(2024, 1, 1), 0, 0);
  for (int i = 0; i < 2000; ++i) {
    const MicrosUtc from = base + static_cast<int64_t>(rng() % (kMicrosPerDay * 3 * 366));
    const int64_t micros = 1 + static_cast<int64_t>(rng() % (300 * kHour));
    const MicrosUtc due = cal->AddWorkingMicros(from, micros);
    ASSERT_EQ(cal->WorkingMicrosBetween(from, due), micros) << from << " + " << micros;
    ASSERT_LT(cal->WorkingMicrosBetween(from, due - 1), micros);
  }
}

TEST(WorkingCalendarTest, ReceiptDay) {
  auto cal = Make();
  const LocalDate mon = D(2026, 3, 2), tue = D(2026, 3, 3);
  EXPECT_EQ(cal->ReceiptDay(At(mon, 6, 0)), mon);  // before opening
  EXPECT_EQ(cal->ReceiptDay(At(mon, 10, 0)), mon);
  EXPECT_EQ(cal->ReceiptDay(At(mon, 12, 0)), mon);  // lunch break
  EXPECT_EQ(cal->ReceiptDay(At(mon, 17, 0) - 1), mon);
  EXPECT_EQ(cal->ReceiptDay(At(mon, 17, 0)), tue);  // at closing: after closing
  EXPECT_EQ(cal->ReceiptDay(At(mon, 21, 0)), tue);
  EXPECT_EQ(cal->ReceiptDay(At(D(2026, 3, 7), 9, 0)), D(2026, 3, 9));      // Saturday
  EXPECT_EQ(cal->ReceiptDay(At(D(2026, 2, 13), 17, 30)), D(2026, 2, 23));  // Friday evening before Tết
  // Local time, not UTC: 18:00 UTC on Sunday is 01:00 Monday in Vietnam.
  EXPECT_EQ(cal->ReceiptDay(LocalMoment(D(2026, 3, 1), 0) + 25 * kHour), mon);
}

TEST(WorkingCalendarTest, SaturdayMorning) {
  CalendarConfig config;
  config.saturday_morning = true;
  auto cal = Make(config);
  const LocalDate fri = D(2026, 3, 6), sat = D(2026, 3, 7), mon = D(2026, 3, 9);
  EXPECT_TRUE(cal->IsWorkingDay(sat));
  EXPECT_FALSE(cal->IsWorkingDay(D(2026, 3, 8)));
  EXPECT_EQ(cal->OpeningOf(sat), At(sat, 7, 30));
  EXPECT_EQ(cal->ClosingOf(sat), At(sat, 11, 30));
  EXPECT_TRUE(cal->IsWithinWorkingHours(At(sat, 10, 0)));
  EXPECT_FALSE(cal->IsWithinWorkingHours(At(sat, 14, 0)));
  EXPECT_EQ(cal->NextWorkingDay(fri), sat);
  EXPECT_EQ(cal->ReceiptDay(At(sat, 10, 0)), sat);
  EXPECT_EQ(cal->ReceiptDay(At(sat, 12, 0)), mon);
  EXPECT_EQ(cal->WorkingMicrosBetween(At(fri, 16, 0), At(mon, 8, 0)), 5 * kHour + 30 * kMinute);
  EXPECT_EQ(cal->AddWorkingMicros(At(sat, 11, 0), kHour), At(mon, 8, 0));
  // 1 May 2027 (a Saturday) is a holiday on a working day: no substitute Monday.
  EXPECT_FALSE(cal->IsWorkingDay(D(2027, 5, 1)));
  EXPECT_TRUE(cal->IsWorkingDay(D(2027, 5, 3)));
}

TEST(WorkingCalendarTest, OfficialOverrides) {
  auto cal = MakeWithShippedOverrides();
  for (int day = 14; day <= 22; ++day) EXPECT_FALSE(cal->IsWorkingDay(D(2026, 2, day))) << day;
  EXPECT_TRUE(cal->IsWorkingDay(D(2026, 2, 23)));
  EXPECT_EQ(cal->HolidayName(D(2026, 2, 21)), "Nghỉ Tết Nguyên đán Bính Ngọ");
  // 30/4-1/5/2025: Saturday 26 April worked with full weekday hours, Friday 2 May off.
  const LocalDate sat = D(2025, 4, 26);
  EXPECT_TRUE(cal->IsWorkingDay(sat));
  EXPECT_FALSE(cal->IsHoliday(sat));
  EXPECT_EQ(cal->ClosingOf(sat), At(sat, 17, 0));
  EXPECT_TRUE(cal->IsWithinWorkingHours(At(sat, 14, 0)));
  EXPECT_FALSE(cal->IsWorkingDay(D(2025, 5, 2)));
  EXPECT_TRUE(cal->IsHoliday(D(2025, 5, 2)));
  EXPECT_NE(cal->HolidayName(D(2025, 5, 2))->find("hoán đổi"), std::string::npos);
  EXPECT_EQ(cal->NextWorkingDay(D(2025, 4, 29)), D(2025, 5, 5));
  // Tết 2025: the computed substitute Monday 3 Feb is a working day.
  EXPECT_TRUE(cal->IsWorkingDay(D(2025, 2, 3)));
  EXPECT_EQ(cal->HolidayName(D(2025, 2, 3)), std::nullopt);
  EXPECT_FALSE(cal->IsWorkingDay(D(2025, 1, 27)));
  EXPECT_EQ(cal->NextWorkingDay(D(2025, 1, 24)), D(2025, 2, 3));
  // Without overrides, the computed rules alone.
  auto plain = Make();
  EXPECT_FALSE(plain->IsWorkingDay(D(2025, 2, 3)));
  EXPECT_TRUE(plain->IsWorkingDay(D(2025, 1, 27)));
}

TEST(WorkingCalendarTest, InvalidConfigsAreRejected) {
  auto expect_invalid = [](CalendarConfig config, const std::string& fragment) {
    StatusOr<std::unique_ptr<WorkingCalendar>> c = WorkingCalendar::Create(std::move(config));
    ASSERT_FALSE(c.ok()) << fragment;
    EXPECT_EQ(c.status().code(), StatusCode::kInvalidArgument);
    EXPECT_NE(c.status().message().find(fragment), std::string::npos) << c.status().message();
  };
  CalendarConfig c;
  c.weekday_hours = {};
  expect_invalid(c, "weekday_hours");
  c = CalendarConfig{};
  c.weekday_hours = {{13 * 60, 17 * 60}, {8 * 60, 12 * 60}};
  expect_invalid(c, "sorted");
  c = CalendarConfig{};
  c.weekday_hours = {{8 * 60, 8 * 60}};
  expect_invalid(c, "start < end");
  c = CalendarConfig{};
  c.weekday_hours = {{8 * 60, 25 * 60}};
  expect_invalid(c, "1440");
  c = CalendarConfig{};
  c.saturday_morning = true;
  c.saturday_hours = {};
  expect_invalid(c, "saturday_hours");
  c = CalendarConfig{};
  c.holiday_rules.tet_days_after = 0;
  expect_invalid(c, "tet_days_after");
  c = CalendarConfig{};
  c.overrides.days = {{D(2025, 5, 2), false, "a"}, {D(2025, 5, 2), true, "b"}};
  expect_invalid(c, "listed twice");
  c = CalendarConfig{};
  c.overrides.days = {{D(2300, 5, 2), false, "a"}};
  expect_invalid(c, "outside");
}

TEST(WorkingCalendarTest, ConcurrentReadersSeeTheSameCalendar) {
  auto shared = Make();
  auto reference = Make();
  std::vector<std::thread> threads;
  threads.reserve(4);
  std::vector<int> mismatches(4, 0);
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int year = 1900 + t; year <= 2199; year += 3) {
        const LocalDate d{year, 2, 10};
        if (shared->NthWorkingDayAfter(d, 15) != reference->NthWorkingDayAfter(d, 15)) ++mismatches[t];
      }
    });
  }
  for (auto& th : threads) th.join();
  for (int m : mismatches) EXPECT_EQ(m, 0);
}

}  // namespace
}  // namespace qms::deadline
