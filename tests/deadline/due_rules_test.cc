// Rules D1-D4 at their edges, on the shipped calendar (Tết 2026 off 14-22
// February; 30/4-1/5 and Giỗ Tổ's substitute 27/4; 1-2/9).
#include "services/deadline/due_rules.h"

#include <gtest/gtest.h>

namespace qms::deadline {
namespace {

constexpr int64_t kHour = kMicrosPerHour;
constexpr int64_t kMinute = kMicrosPerMinute;

MicrosUtc At(int y, int m, int d, int hour, int minute, int64_t extra_micros = 0) {
  return LocalMoment(LocalDate{y, m, d}, hour * 60 + minute) + extra_micros;
}

std::unique_ptr<WorkingCalendar> ShippedCalendar() {
  auto overrides =
      LoadCalendarOverrides(std::string(QMS_SOURCE_DIR) + "/services/calendar/calendar_overrides.yaml");
  EXPECT_TRUE(overrides.ok()) << overrides.status().message();
  CalendarConfig config;
  config.overrides = std::move(*overrides);
  auto calendar = WorkingCalendar::Create(std::move(config));
  EXPECT_TRUE(calendar.ok()) << calendar.status().message();
  return std::move(*calendar);
}

class DueRulesTest : public ::testing::Test {
 protected:
  DueRulesTest() : cal_(ShippedCalendar()) {}
  MicrosUtc Due(MicrosUtc received, TimeLimit limit) { return ComputeDue(received, limit, *cal_).due; }
  LocalDate ReceiptDay(MicrosUtc received, TimeLimit limit) {
    return ComputeDue(received, limit, *cal_).receipt_day;
  }
  std::unique_ptr<WorkingCalendar> cal_;
};

const TimeLimit kSameDay{LimitKind::kSameDay, 0};
TimeLimit Days(uint32_t n) { return {LimitKind::kWorkingDays, n}; }
TimeLimit Hours(uint32_t n) { return {LimitKind::kWorkingHours, n}; }

// ---------------------------------------------------------------- D1

TEST_F(DueRulesTest, SameDayAtThreeExactlyIsDueThatEvening) {
  // Monday 2 March 2026.
  EXPECT_EQ(Due(At(2026, 3, 2, 15, 0), kSameDay), At(2026, 3, 2, 17, 0));
  EXPECT_EQ(ReceiptDay(At(2026, 3, 2, 15, 0), kSameDay), (LocalDate{2026, 3, 2}));
}

TEST_F(DueRulesTest, SameDayOneMicrosecondAfterThreeIsDueNextWorkingDay) {
  EXPECT_EQ(Due(At(2026, 3, 2, 15, 0, 1), kSameDay), At(2026, 3, 3, 17, 0));
  EXPECT_EQ(Due(At(2026, 3, 2, 15, 0, kMicrosPerSecond), kSameDay), At(2026, 3, 3, 17, 0));
  EXPECT_EQ(ReceiptDay(At(2026, 3, 2, 15, 0, 1), kSameDay), (LocalDate{2026, 3, 3}));
}

TEST_F(DueRulesTest, SameDayBeforeOpeningAndAtLunchCountForThatDay) {
  EXPECT_EQ(Due(At(2026, 3, 2, 6, 45), kSameDay), At(2026, 3, 2, 17, 0));
  EXPECT_EQ(Due(At(2026, 3, 2, 12, 0), kSameDay), At(2026, 3, 2, 17, 0));
}

TEST_F(DueRulesTest, SameDayAfterClosingIsDueNextWorkingDay) {
  EXPECT_EQ(Due(At(2026, 3, 2, 17, 0), kSameDay), At(2026, 3, 3, 17, 0));
  EXPECT_EQ(Due(At(2026, 3, 2, 19, 30), kSameDay), At(2026, 3, 3, 17, 0));
  // Friday after closing: Monday.
  EXPECT_EQ(Due(At(2026, 3, 6, 16, 0), kSameDay), At(2026, 3, 9, 17, 0));
}

TEST_F(DueRulesTest, SameDayReceivedOnSundayOrHolidayIsDueNextWorkingDay) {
  EXPECT_EQ(Due(At(2026, 3, 1, 10, 0), kSameDay), At(2026, 3, 2, 17, 0));  // Sunday
  // Thursday 30 April 2026, a holiday: 1 May off, then the weekend.
  EXPECT_EQ(Due(At(2026, 4, 30, 9, 0), kSameDay), At(2026, 5, 4, 17, 0));
  // Tết 2026: received on the 17th, back on Monday 23 February.
  EXPECT_EQ(Due(At(2026, 2, 17, 9, 0), kSameDay), At(2026, 2, 23, 17, 0));
  EXPECT_EQ(ReceiptDay(At(2026, 2, 17, 9, 0), kSameDay), (LocalDate{2026, 2, 23}));
}

TEST_F(DueRulesTest, SameDayOnAWorkingSaturdayMorningUsesItsClosing) {
  CalendarConfig config;
  config.saturday_morning = true;
  auto cal = WorkingCalendar::Create(config);
  ASSERT_TRUE(cal.ok());
  // Saturday 7 March 2026, open 07:30-11:30: before closing it is that day.
  EXPECT_EQ(ComputeDue(At(2026, 3, 7, 10, 0), kSameDay, **cal).due, At(2026, 3, 7, 11, 30));
  // After the Saturday closing (though before 15:00): Monday.
  EXPECT_EQ(ComputeDue(At(2026, 3, 7, 12, 0), kSameDay, **cal).due, At(2026, 3, 9, 17, 0));
}

// ---------------------------------------------------------------- D2

TEST_F(DueRulesTest, WorkingDaysCountFromTheReceiptDay) {
  // Monday 10:00, 3 working days: Tue, Wed, Thu.
  EXPECT_EQ(Due(At(2026, 3, 2, 10, 0), Days(3)), At(2026, 3, 5, 17, 0));
  // After closing the receipt day is Tuesday.
  EXPECT_EQ(ReceiptDay(At(2026, 3, 2, 17, 0), Days(3)), (LocalDate{2026, 3, 3}));
  EXPECT_EQ(Due(At(2026, 3, 2, 17, 0), Days(3)), At(2026, 3, 6, 17, 0));
  // A Sunday receipt counts as Monday.
  EXPECT_EQ(Due(At(2026, 3, 1, 10, 0), Days(3)), At(2026, 3, 5, 17, 0));
}

TEST_F(DueRulesTest, WorkingDaysAcrossTet2026) {
  // Thursday 12 February: Friday 13 is day 1, then Tết and the weekends
  // (14-22 February) until Monday 23, day 2.
  EXPECT_EQ(Due(At(2026, 2, 12, 10, 0), Days(2)), At(2026, 2, 23, 17, 0));
  EXPECT_EQ(Due(At(2026, 2, 13, 16, 59), Days(2)), At(2026, 2, 24, 17, 0));
  // Friday 13 at closing counts from Monday 23.
  EXPECT_EQ(Due(At(2026, 2, 13, 17, 0), Days(2)), At(2026, 2, 25, 17, 0));
  // Received during Tết.
  EXPECT_EQ(ReceiptDay(At(2026, 2, 18, 9, 0), Days(5)), (LocalDate{2026, 2, 23}));
  EXPECT_EQ(Due(At(2026, 2, 18, 9, 0), Days(5)), At(2026, 3, 2, 17, 0));
}

TEST_F(DueRulesTest, WorkingDaysAcrossReunificationAndLabourDay2026) {
  // Wednesday 29 April: 30 April and 1 May off, weekend; Mon 4, Tue 5, Wed 6.
  EXPECT_EQ(Due(At(2026, 4, 29, 10, 0), Days(3)), At(2026, 5, 6, 17, 0));
  // Friday 24 April: Monday 27 is Giỗ Tổ's substitute; Tue 28, Wed 29, Mon 4 May.
  EXPECT_EQ(Due(At(2026, 4, 24, 10, 0), Days(3)), At(2026, 5, 4, 17, 0));
}

TEST_F(DueRulesTest, WorkingDaysAcrossNationalDay2026) {
  // Monday 31 August: 1 and 2 September off; Thu 3, Fri 4.
  EXPECT_EQ(Due(At(2026, 8, 31, 10, 0), Days(2)), At(2026, 9, 4, 17, 0));
  // Received on 2 September itself counts as Thursday 3.
  EXPECT_EQ(ReceiptDay(At(2026, 9, 2, 10, 0), Days(1)), (LocalDate{2026, 9, 3}));
  EXPECT_EQ(Due(At(2026, 9, 2, 10, 0), Days(1)), At(2026, 9, 4, 17, 0));
}

// ---------------------------------------------------------------- working hours

TEST_F(DueRulesTest, WorkingHoursSkipLunch) {
  // 10:00-11:30 (1.5 h) then 13:30-16:00 (2.5 h).
  EXPECT_EQ(Due(At(2026, 3, 2, 10, 0), Hours(4)), At(2026, 3, 2, 16, 0));
  // Received at lunch: counted from 13:30.
  EXPECT_EQ(Due(At(2026, 3, 2, 12, 0), Hours(3)), At(2026, 3, 2, 16, 30));
  EXPECT_EQ(Due(At(2026, 3, 2, 11, 30), Hours(2)), At(2026, 3, 2, 15, 30));
  // A limit that ends exactly when the morning ends is due at 11:30.
  EXPECT_EQ(Due(At(2026, 3, 2, 7, 30), Hours(4)), At(2026, 3, 2, 11, 30));
}

TEST_F(DueRulesTest, WorkingHoursAcrossAWeekend) {
  // Friday 15:00: 2 h on Friday, 2 h from Monday 07:30.
  EXPECT_EQ(Due(At(2026, 3, 6, 15, 0), Hours(4)), At(2026, 3, 9, 9, 30));
  // Saturday: counted from Monday 07:30.
  EXPECT_EQ(Due(At(2026, 3, 7, 10, 0), Hours(8)), At(2026, 3, 10, 8, 0));
}

// ---------------------------------------------------------------- D3

TEST_F(DueRulesTest, PauseAcrossAWeekendMovesTheDueByTheWorkingTimePaused) {
  const MicrosUtc due = At(2026, 3, 11, 17, 0);  // Wednesday
  int64_t paused = 0;
  // Friday 16:00 to Monday 09:00: 1 h + 1.5 h.
  const MicrosUtc moved = MoveDueAfterPause(due, At(2026, 3, 6, 16, 0), At(2026, 3, 9, 9, 0), *cal_, &paused);
  EXPECT_EQ(paused, 2 * kHour + 30 * kMinute);
  EXPECT_EQ(moved, At(2026, 3, 12, 10, 0));  // Thursday 07:30 + 2.5 h
}

TEST_F(DueRulesTest, PauseWithinAWeekendMovesNothing) {
  const MicrosUtc due = At(2026, 3, 11, 17, 0);
  int64_t paused = -1;
  EXPECT_EQ(MoveDueAfterPause(due, At(2026, 3, 7, 9, 0), At(2026, 3, 8, 18, 0), *cal_, &paused), due);
  EXPECT_EQ(paused, 0);
}

TEST_F(DueRulesTest, PauseCountsWholeMinutes) {
  const MicrosUtc due = At(2026, 3, 5, 17, 0);
  int64_t paused = -1;
  // Seconds: nothing moves (a due at closing would otherwise jump to 07:30).
  EXPECT_EQ(MoveDueAfterPause(due, At(2026, 3, 2, 9, 0), At(2026, 3, 2, 9, 0, 59 * kMicrosPerSecond), *cal_,
                              &paused),
            due);
  EXPECT_EQ(paused, 0);
  EXPECT_EQ(MoveDueAfterPause(due, At(2026, 3, 2, 9, 0), At(2026, 3, 2, 9, 1, 30 * kMicrosPerSecond), *cal_,
                              &paused),
            At(2026, 3, 6, 7, 31));
  EXPECT_EQ(paused, kMinute);
}

TEST_F(DueRulesTest, PauseAcrossTetMovesTheDueByTheWorkingTimePaused) {
  // Thursday 12 February 16:00 to Tuesday 24 February 08:00: 1 h on the
  // 12th, 7.5 h on the 13th, 7.5 h on the 23rd, 0.5 h on the 24th.
  int64_t paused = 0;
  const MicrosUtc moved = MoveDueAfterPause(At(2026, 2, 25, 17, 0), At(2026, 2, 12, 16, 0),
                                            At(2026, 2, 24, 8, 0), *cal_, &paused);
  EXPECT_EQ(paused, 16 * kHour + 30 * kMinute);
  // From Wednesday 25 closing: Thursday 26 (7.5), Friday 27 (7.5), Monday
  // 2 March 07:30 + 1.5 h.
  EXPECT_EQ(moved, At(2026, 3, 2, 9, 0));
}

// ---------------------------------------------------------------- D4

TEST_F(DueRulesTest, ExtensionDeadlineIsTheSameTimeOnTheWorkingDayBefore) {
  EXPECT_EQ(LatestUnflaggedExtensionRequest(At(2026, 3, 6, 17, 0), *cal_), At(2026, 3, 5, 17, 0));
  // Due on Monday: Friday before.
  EXPECT_EQ(LatestUnflaggedExtensionRequest(At(2026, 3, 9, 17, 0), *cal_), At(2026, 3, 6, 17, 0));
  // Due after Tết: Friday 13 February.
  EXPECT_EQ(LatestUnflaggedExtensionRequest(At(2026, 2, 23, 10, 0), *cal_), At(2026, 2, 13, 10, 0));
}

// ---------------------------------------------------------------- timeliness

TEST_F(DueRulesTest, TimelinessByDay) {
  const MicrosUtc due = At(2026, 3, 6, 17, 0);
  EXPECT_EQ(TimelinessOf(At(2026, 3, 5, 16, 0), due), Timeliness::kEarly);
  EXPECT_EQ(TimelinessOf(At(2026, 3, 6, 7, 30), due), Timeliness::kOnTime);
  EXPECT_EQ(TimelinessOf(At(2026, 3, 6, 17, 0), due), Timeliness::kOnTime);
  EXPECT_EQ(TimelinessOf(At(2026, 3, 6, 23, 59), due), Timeliness::kOnTime);
  EXPECT_EQ(TimelinessOf(At(2026, 3, 7, 0, 0), due), Timeliness::kLate);
  EXPECT_EQ(TimelinessOf(At(2026, 3, 9, 8, 0), due), Timeliness::kLate);
}

// ---------------------------------------------------------------- due soon

TEST_F(DueRulesTest, WhenWithinWorkingTimeFindsTheEarliestMoment) {
  const MicrosUtc due = At(2026, 3, 9, 10, 0);  // Monday
  // 4 working hours before Monday 10:00 is Friday 15:30.
  const MicrosUtc t = WhenWithinWorkingTime(due, 4 * kHour, At(2026, 3, 6, 8, 0), *cal_);
  EXPECT_EQ(t, At(2026, 3, 6, 15, 30));
  EXPECT_GE(cal_->AddWorkingMicros(t, 4 * kHour), due);
  EXPECT_LT(cal_->AddWorkingMicros(t - 1, 4 * kHour), due);
  // Already within: now.
  EXPECT_EQ(WhenWithinWorkingTime(due, 4 * kHour, At(2026, 3, 9, 8, 0), *cal_), At(2026, 3, 9, 8, 0));
}

}  // namespace
}  // namespace qms::deadline
