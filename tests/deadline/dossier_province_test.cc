// Each centre's dossiers follow the working week of its province: the same
// dossier in a province that works Saturday mornings (centre 202) and in one
// that does not (centre 101) gets different due moments, pauses, extension
// flags, lists and timeliness. Every expected moment is worked out by hand in
// the comments; March 2026 has no holiday (Friday 6, Saturday 7, Monday 9).
#include <gtest/gtest.h>

#include "tests/deadline/dossier_fixture.h"

namespace qms::deadline::testing {
namespace {

constexpr char kWeekdays[] = "101";   // Bắc Ninh: Monday-Friday
constexpr char kSaturdays[] = "202";  // Hải Phòng here: also Saturday 07:30-11:30

class DossierProvinceTest : public DossierEngineTest {
 protected:
  DossierProvinceTest() { WorkSaturdayMornings(kSaturdays); }
};

TEST_F(DossierProvinceTest, ReceivedOnFridayAfternoon) {
  clock_.Set(At(2026, 3, 6, 16, 0));  // Friday 16:00
  struct Case {
    const char* procedure;
    MicrosUtc weekdays_due;
    MicrosUtc saturdays_due;
  };
  const Case cases[] = {
      // Same day, after the 15:00 cut-off: the next working day's closing.
      {kCopy, At(2026, 3, 9, 17, 0), At(2026, 3, 7, 11, 30)},
      // 2 working days after Friday: Mon, Tue | Sat, Mon.
      {kContract, At(2026, 3, 10, 17, 0), At(2026, 3, 9, 17, 0)},
      // 3 working days: Mon, Tue, Wed | Sat, Mon, Tue.
      {kBusiness, At(2026, 3, 11, 17, 0), At(2026, 3, 10, 17, 0)},
      // 4 working hours: Friday 16:00-17:00, then 3 hours from Monday
      // 07:30 | from Saturday 07:30.
      {kHours, At(2026, 3, 9, 10, 30), At(2026, 3, 7, 10, 30)},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.procedure);
    auto [s1, weekdays] = Receive(c.procedure, std::string("w-") + c.procedure, kWeekdays);
    auto [s2, saturdays] = Receive(c.procedure, std::string("s-") + c.procedure, kSaturdays);
    ASSERT_TRUE(s1.ok() && s2.ok()) << s1.ToString() << " " << s2.ToString();
    EXPECT_EQ(weekdays.dossier.due_at_us(), c.weekdays_due);
    EXPECT_EQ(saturdays.dossier.due_at_us(), c.saturdays_due);
    EXPECT_EQ(weekdays.dossier.original_due_at_us(), c.weekdays_due);
    EXPECT_EQ(saturdays.dossier.original_due_at_us(), c.saturdays_due);
    // The receipt slip gives the same appointment.
    EXPECT_EQ(weekdays.receipt.appointment_at_us(), c.weekdays_due);
    EXPECT_EQ(saturdays.receipt.appointment_at_us(), c.saturdays_due);
  }
  // The receipt day: Friday itself for the working-day and hour limits
  // (before closing); for the same-day copy, the day whose closing is due.
  const v1::Dossier copy_w = MustGet("000.17.22.H56-260306-0001");
  const v1::Dossier copy_s = MustGet("000.14.31.H27-260306-0001");
  EXPECT_EQ(copy_w.receipt_day(), 20260309u);
  EXPECT_EQ(copy_s.receipt_day(), 20260307u);
  EXPECT_EQ(MustGet("000.14.31.H27-260306-0002").receipt_day(), 20260306u);
  auto [s, slip] = Get(copy_s.code());
  ASSERT_TRUE(s.ok());
  EXPECT_NE(
      slip.receipt.text_vi().find("Thời gian trả kết quả giải quyết hồ sơ: 11 giờ 30 phút, ngày 07/03/2026"),
      std::string::npos)
      << slip.receipt.text_vi();
}

TEST_F(DossierProvinceTest, FourWorkingHoursFromSaturdayMorning) {
  clock_.Set(At(2026, 3, 7, 10, 0));  // Saturday 10:00
  // Saturday province: 10:00-11:30 (1.5 h) + Monday 07:30-10:00 (2.5 h).
  const v1::Dossier saturdays = MustReceive(kHours, kSaturdays);
  EXPECT_EQ(saturdays.receipt_day(), 20260307u);
  EXPECT_EQ(saturdays.due_at_us(), At(2026, 3, 9, 10, 0));
  // Elsewhere Saturday is closed: counted from Monday 07:30.
  const v1::Dossier weekdays = MustReceive(kHours, kWeekdays);
  EXPECT_EQ(weekdays.receipt_day(), 20260309u);
  EXPECT_EQ(weekdays.due_at_us(), At(2026, 3, 9, 11, 30));
  // A same-day copy at 10:00 on Saturday is due at that morning's closing
  // where Saturday is worked, at Monday's closing elsewhere.
  EXPECT_EQ(MustReceive(kCopy, kSaturdays).due_at_us(), At(2026, 3, 7, 11, 30));
  EXPECT_EQ(MustReceive(kCopy, kWeekdays).due_at_us(), At(2026, 3, 9, 17, 0));
  // After the Saturday closing the morning is over: Monday 07:30 + 4 h.
  clock_.Set(At(2026, 3, 7, 11, 30));
  const v1::Dossier late = MustReceive(kHours, kSaturdays);
  EXPECT_EQ(late.receipt_day(), 20260309u);
  EXPECT_EQ(late.due_at_us(), At(2026, 3, 9, 11, 30));
}

TEST_F(DossierProvinceTest, PauseAndResumeAcrossAWeekend) {
  clock_.Set(At(2026, 3, 5, 9, 0));  // Thursday
  // 3 working days after Thursday: Fri, Mon, Tue | Fri, Sat, Mon.
  const v1::Dossier w = MustReceive(kBusiness, kWeekdays);
  const v1::Dossier s = MustReceive(kBusiness, kSaturdays);
  ASSERT_EQ(w.due_at_us(), At(2026, 3, 10, 17, 0));
  ASSERT_EQ(s.due_at_us(), At(2026, 3, 9, 17, 0));
  // Paused from Friday 16:00 to Monday 09:00.
  clock_.Set(At(2026, 3, 6, 16, 0));
  MustAct(DossierAction::kRequestSupplement, w.code(), "thiếu bản sao");
  MustAct(DossierAction::kRequestSupplement, s.code(), "thiếu bản sao");
  clock_.Set(At(2026, 3, 9, 9, 0));
  const v1::Dossier w2 = MustAct(DossierAction::kResume, w.code());
  const v1::Dossier s2 = MustAct(DossierAction::kResume, s.code());
  // Weekdays: Friday 1 h + Monday 1.5 h = 2.5 h; Tuesday 17:00 + 2.5 h =
  // Wednesday 10:00.
  EXPECT_EQ(w2.paused_working_us(), 150 * kMicrosPerMinute);
  EXPECT_EQ(w2.due_at_us(), At(2026, 3, 11, 10, 0));
  EXPECT_EQ(w2.original_due_at_us(), At(2026, 3, 11, 10, 0));
  // Saturdays: Friday 1 h + Saturday 4 h + Monday 1.5 h = 6.5 h; Monday
  // 17:00 + 6.5 h = Tuesday 07:30-11:30 (4 h) and 13:30-16:00 (2.5 h).
  EXPECT_EQ(s2.paused_working_us(), 390 * kMicrosPerMinute);
  EXPECT_EQ(s2.due_at_us(), At(2026, 3, 10, 16, 0));
  EXPECT_EQ(s2.original_due_at_us(), At(2026, 3, 10, 16, 0));
}

TEST_F(DossierProvinceTest, APauseWithinTheWeekendMovesOnlyWhereSaturdayIsWorked) {
  clock_.Set(At(2026, 3, 5, 9, 0));
  const v1::Dossier w = MustReceive(kBusiness, kWeekdays);   // due Tuesday 17:00
  const v1::Dossier s = MustReceive(kBusiness, kSaturdays);  // due Monday 17:00
  clock_.Set(At(2026, 3, 7, 9, 0));                          // Saturday 09:00 to Sunday 10:00
  MustAct(DossierAction::kRequestFinancialObligation, w.code());
  MustAct(DossierAction::kRequestFinancialObligation, s.code());
  clock_.Set(At(2026, 3, 8, 10, 0));
  const v1::Dossier w2 = MustAct(DossierAction::kResume, w.code());
  const v1::Dossier s2 = MustAct(DossierAction::kResume, s.code());
  EXPECT_EQ(w2.paused_working_us(), 0);
  EXPECT_EQ(w2.due_at_us(), At(2026, 3, 10, 17, 0));
  // Saturday 09:00-11:30 = 2.5 h; Monday 17:00 + 2.5 h = Tuesday 10:00.
  EXPECT_EQ(s2.paused_working_us(), 150 * kMicrosPerMinute);
  EXPECT_EQ(s2.due_at_us(), At(2026, 3, 10, 10, 0));
}

TEST_F(DossierProvinceTest, ExtensionIsFlaggedAgainstTheCentresWorkingDayBefore) {
  // Both due Monday 17:00: 2 working days after Thursday (Fri, Mon) where
  // Saturday is closed, after Friday (Sat, Mon) where it is worked.
  clock_.Set(At(2026, 3, 5, 9, 0));
  const v1::Dossier w = MustReceive(kContract, kWeekdays);
  clock_.Set(At(2026, 3, 6, 9, 0));
  const v1::Dossier s = MustReceive(kContract, kSaturdays);
  const v1::Dossier s_late = MustReceive(kContract, kSaturdays);
  ASSERT_EQ(w.due_at_us(), At(2026, 3, 9, 17, 0));
  ASSERT_EQ(s.due_at_us(), At(2026, 3, 9, 17, 0));
  // Asked on Saturday 10:00. The working day before Monday is Friday
  // (latest unflagged: Friday 17:00) or Saturday (17:00 capped at its
  // closing, 11:30).
  clock_.Set(At(2026, 3, 7, 10, 0));
  auto [ws, wr] = Extend(w.code(), At(2026, 3, 11, 17, 0));
  auto [ss, sr] = Extend(s.code(), At(2026, 3, 11, 17, 0));
  ASSERT_TRUE(ws.ok() && ss.ok()) << ws.ToString() << " " << ss.ToString();
  EXPECT_TRUE(wr.dossier.extension().late_request());
  EXPECT_FALSE(sr.dossier.extension().late_request());
  EXPECT_TRUE(sr.has_letter);
  clock_.Set(At(2026, 3, 7, 11, 30) + 1);
  auto [ls, lr] = Extend(s_late.code(), At(2026, 3, 11, 17, 0));
  ASSERT_TRUE(ls.ok()) << ls.ToString();
  EXPECT_TRUE(lr.dossier.extension().late_request());
}

TEST_F(DossierProvinceTest, DueWithinCountsTheCentresWorkingHours) {
  clock_.Set(At(2026, 3, 6, 14, 0));
  const v1::Dossier w = MustReceive(kCopy, kWeekdays);
  const v1::Dossier s = MustReceive(kCopy, kSaturdays);
  ASSERT_TRUE(Extend(w.code(), At(2026, 3, 9, 9, 0)).first.ok());
  ASSERT_TRUE(Extend(s.code(), At(2026, 3, 9, 9, 0)).first.ok());
  auto due_within_4h = [&](const char* centre) {
    ListQuery q;
    q.centre_id = centre;
    q.due_within_working_hours = 4;
    auto [status, result] = List(q);
    EXPECT_TRUE(status.ok()) << status.ToString();
    std::vector<std::string> codes;
    for (const auto& d : result.dossiers) codes.push_back(d.code());
    return codes;
  };
  // Friday 16:00 + 4 working hours: Monday 10:30 | Saturday 10:30.
  clock_.Set(At(2026, 3, 6, 16, 0));
  EXPECT_EQ(due_within_4h(kWeekdays), std::vector<std::string>{w.code()});
  EXPECT_TRUE(due_within_4h(kSaturdays).empty());
  // Saturday 09:00 + 4 h = Saturday 11:30 (2.5 h) + Monday 09:00 (1.5 h).
  clock_.Set(At(2026, 3, 7, 8, 59));
  EXPECT_TRUE(due_within_4h(kSaturdays).empty());
  clock_.Set(At(2026, 3, 7, 9, 0));
  EXPECT_EQ(due_within_4h(kSaturdays), std::vector<std::string>{s.code()});
}

TEST_F(DossierProvinceTest, TimelinessAndReportAgainstTheCentresDueDay) {
  clock_.Set(At(2026, 3, 6, 16, 0));
  const v1::Dossier w = MustReceive(kCopy, kWeekdays);   // due Monday 17:00
  const v1::Dossier s = MustReceive(kCopy, kSaturdays);  // due Saturday 11:30
  clock_.Set(At(2026, 3, 9, 10, 0));
  EXPECT_EQ(MustAct(DossierAction::kResolve, w.code()).timeliness(), v1::ON_TIME);
  EXPECT_EQ(MustAct(DossierAction::kResolve, s.code()).timeliness(), v1::LATE);
  auto [ws, wreport] = Report({kWeekdays, "", 0, v1::DailyReportRequest::JSON});
  auto [ss, sreport] = Report({kSaturdays, "", 0, v1::DailyReportRequest::JSON});
  ASSERT_TRUE(ws.ok() && ss.ok());
  EXPECT_EQ(wreport.centres(0).resolved_on_time(), 1u);
  EXPECT_EQ(wreport.centres(0).resolved_late(), 0u);
  EXPECT_EQ(sreport.centres(0).resolved_on_time(), 0u);
  EXPECT_EQ(sreport.centres(0).resolved_late(), 1u);
  EXPECT_DOUBLE_EQ(sreport.centres(0).on_time_rate(), 0.0);
}

TEST_F(DossierProvinceTest, ARestartKeepsEachProvincesCalendar) {
  clock_.Set(At(2026, 3, 6, 16, 0));
  const v1::Dossier w = MustReceive(kBusiness, kWeekdays);   // due Wednesday 17:00
  const v1::Dossier s = MustReceive(kBusiness, kSaturdays);  // due Tuesday 17:00
  MustAct(DossierAction::kRequestSupplement, w.code(), "thiếu giấy");
  MustAct(DossierAction::kRequestSupplement, s.code(), "thiếu giấy");
  Restart();
  EXPECT_EQ(MustGet(w.code()).due_at_us(), At(2026, 3, 11, 17, 0));
  EXPECT_EQ(MustGet(s.code()).due_at_us(), At(2026, 3, 10, 17, 0));
  // Received after the restart: still each province's week.
  EXPECT_EQ(MustReceive(kCopy, kWeekdays).due_at_us(), At(2026, 3, 9, 17, 0));
  EXPECT_EQ(MustReceive(kCopy, kSaturdays).due_at_us(), At(2026, 3, 7, 11, 30));
  // A pause that began before the restart ends after it with the right
  // calendar: Friday 16:00 to Monday 07:30 is 1 h, or 5 h with Saturday.
  clock_.Set(At(2026, 3, 9, 7, 30));
  const v1::Dossier w2 = MustAct(DossierAction::kResume, w.code());
  const v1::Dossier s2 = MustAct(DossierAction::kResume, s.code());
  EXPECT_EQ(w2.paused_working_us(), kMicrosPerHour);
  EXPECT_EQ(w2.due_at_us(), At(2026, 3, 12, 8, 30));  // Wednesday 17:00 + 1 h
  EXPECT_EQ(s2.paused_working_us(), 5 * kMicrosPerHour);
  // Tuesday 17:00 + 5 h = Wednesday 07:30-11:30 (4 h) and 13:30-14:30 (1 h).
  EXPECT_EQ(s2.due_at_us(), At(2026, 3, 11, 14, 30));
}

}  // namespace
}  // namespace qms::deadline::testing
