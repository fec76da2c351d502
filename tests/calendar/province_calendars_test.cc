// ProvinceCalendars: one calendar per distinct working week, the national one
// for provinces with none, shared holidays and overrides.
#include "services/calendar/province_calendars.h"

#include <gtest/gtest.h>

namespace qms::deadline {
namespace {

LocalDate D(int y, int m, int d) { return LocalDate{y, m, d}; }
MicrosUtc At(const LocalDate& d, int hour, int minute) { return LocalMoment(d, hour * 60 + minute); }

CalendarConfig NationalWithShippedOverrides() {
  auto overrides =
      LoadCalendarOverrides(std::string(QMS_SOURCE_DIR) + "/services/calendar/calendar_overrides.yaml");
  EXPECT_TRUE(overrides.ok()) << overrides.status().message();
  CalendarConfig config;
  config.overrides = std::move(*overrides);
  return config;
}

std::unique_ptr<ProvinceCalendars> Make(const std::map<std::string, WorkingWeek>& weeks) {
  auto calendars = ProvinceCalendars::Create(NationalWithShippedOverrides(), weeks);
  EXPECT_TRUE(calendars.ok()) << calendars.status().message();
  return calendars.ok() ? std::move(*calendars) : nullptr;
}

const WorkingWeek kSaturdayMornings{true, {}, {}};

TEST(ProvinceCalendarsTest, OneCalendarPerDistinctWeek) {
  auto c = Make({{"Hải Phòng", kSaturdayMornings},
                 {"Quảng Ninh", kSaturdayMornings},
                 {"Hà Nội", WorkingWeek{}},  // the national week, said out loud
                 {"Huế", WorkingWeek{false, {{7 * 60, 11 * 60}, {13 * 60 + 30, 17 * 60}}, {}}}});
  ASSERT_NE(c, nullptr);
  EXPECT_EQ(c->size(), 3u);  // national, Saturday mornings, Huế's hours
  EXPECT_EQ(&c->Of("Hải Phòng"), &c->Of("Quảng Ninh"));
  EXPECT_EQ(&c->Of("Hà Nội"), &c->national());
  EXPECT_EQ(&c->Of("Bắc Ninh"), &c->national()) << "a province not listed works the national week";
  EXPECT_NE(&c->Of("Huế"), &c->national());
  EXPECT_NE(&c->Of("Huế"), &c->Of("Hải Phòng"));
  // Names match exactly.
  EXPECT_EQ(&c->Of("Hai Phong"), &c->national());
}

TEST(ProvinceCalendarsTest, NoWeeksGiveTheNationalCalendarOnly) {
  auto c = Make({});
  ASSERT_NE(c, nullptr);
  EXPECT_EQ(c->size(), 1u);
  EXPECT_FALSE(c->national().config().saturday_morning);
  EXPECT_EQ(c->national().ClosingOf(D(2026, 3, 6)), At(D(2026, 3, 6), 17, 0));
}

TEST(ProvinceCalendarsTest, SaturdayOptions) {
  auto c = Make({{"Hải Phòng", kSaturdayMornings},
                 {"Quảng Ninh", WorkingWeek{true, {}, {{8 * 60, 11 * 60}}}},
                 {"Huế", WorkingWeek{false, {{7 * 60, 11 * 60}, {13 * 60 + 30, 17 * 60}}, {}}}});
  ASSERT_NE(c, nullptr);
  const LocalDate saturday = D(2026, 3, 7);
  EXPECT_FALSE(c->national().IsWorkingDay(saturday));
  EXPECT_FALSE(c->Of("Huế").IsWorkingDay(saturday));
  ASSERT_TRUE(c->Of("Hải Phòng").IsWorkingDay(saturday));
  EXPECT_EQ(c->Of("Hải Phòng").OpeningOf(saturday), At(saturday, 7, 30));  // the national Saturday hours
  EXPECT_EQ(c->Of("Hải Phòng").ClosingOf(saturday), At(saturday, 11, 30));
  ASSERT_TRUE(c->Of("Quảng Ninh").IsWorkingDay(saturday));
  EXPECT_EQ(c->Of("Quảng Ninh").OpeningOf(saturday), At(saturday, 8, 0));
  EXPECT_EQ(c->Of("Quảng Ninh").ClosingOf(saturday), At(saturday, 11, 0));
  // Weekday hours: the national ones unless the province gives its own.
  EXPECT_EQ(c->Of("Quảng Ninh").OpeningOf(D(2026, 3, 6)), At(D(2026, 3, 6), 7, 30));
  EXPECT_EQ(c->Of("Huế").OpeningOf(D(2026, 3, 6)), At(D(2026, 3, 6), 7, 0));
  EXPECT_EQ(c->Of("Huế").WorkingMicrosBetween(At(D(2026, 3, 6), 0, 0), At(D(2026, 3, 7), 0, 0)),
            7 * 60 * kMicrosPerMinute + 30 * kMicrosPerMinute);
  // Sunday is never worked.
  EXPECT_FALSE(c->Of("Hải Phòng").IsWorkingDay(D(2026, 3, 8)));
}

TEST(ProvinceCalendarsTest, HolidaysAndOverridesAreNational) {
  auto c = Make({{"Hải Phòng", kSaturdayMornings}});
  ASSERT_NE(c, nullptr);
  const WorkingCalendar& saturdays = c->Of("Hải Phòng");
  for (const WorkingCalendar* cal : {&c->national(), &saturdays}) {
    EXPECT_FALSE(cal->IsWorkingDay(D(2026, 2, 14))) << "Tết 2026 (override), a Saturday";
    EXPECT_FALSE(cal->IsWorkingDay(D(2026, 2, 20))) << "Tết 2026 (override)";
    EXPECT_FALSE(cal->IsWorkingDay(D(2025, 5, 2))) << "swapped day off (override)";
    EXPECT_FALSE(cal->IsWorkingDay(D(2026, 4, 27))) << "Giỗ Tổ 2026 moved to Monday";
    // The working Saturday of the swap gets the full weekday hours everywhere.
    ASSERT_TRUE(cal->IsWorkingDay(D(2025, 4, 26)));
    EXPECT_EQ(cal->ClosingOf(D(2025, 4, 26)), At(D(2025, 4, 26), 17, 0));
  }
  EXPECT_EQ(saturdays.HolidayName(D(2026, 2, 20)), c->national().HolidayName(D(2026, 2, 20)));
  // Substitute days follow each week's rest days: 1 May 2027 is a Saturday,
  // compensated on Monday 3 May where Saturday is a rest day, not where
  // Saturday morning is worked (docs/calendar.md).
  EXPECT_FALSE(c->national().IsWorkingDay(D(2027, 5, 3)));
  EXPECT_TRUE(saturdays.IsWorkingDay(D(2027, 5, 3)));
  EXPECT_FALSE(saturdays.IsWorkingDay(D(2027, 5, 1)));
}

TEST(ProvinceCalendarsTest, AWrongWeekNamesTheProvince) {
  const WorkingWeek overlapping{false, {{7 * 60 + 30, 11 * 60 + 30}, {11 * 60, 17 * 60}}, {}};
  auto c = ProvinceCalendars::Create(NationalWithShippedOverrides(), {{"Huế", overlapping}});
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(c.status().message().find("province \"Huế\": weekday_hours"), std::string::npos)
      << c.status().message();
  const WorkingWeek bad_saturday{true, {}, {{12 * 60, 8 * 60}}};
  c = ProvinceCalendars::Create(NationalWithShippedOverrides(), {{"Hải Phòng", bad_saturday}});
  ASSERT_FALSE(c.ok());
  EXPECT_NE(c.status().message().find("province \"Hải Phòng\": saturday_hours"), std::string::npos)
      << c.status().message();
}

}  // namespace
}  // namespace qms::deadline
