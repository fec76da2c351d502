// The status machine: every status x every action, legal or
// FAILED_PRECONDITION with the dossier unchanged; pauses, extension (D4),
// timeliness and the documents.
#include "services/deadline/dossier_transitions.h"

#include <gtest/gtest.h>

#include <map>
#include <set>

#include "services/deadline/dossier_documents.h"
#include "tests/support/dossier_transition_table.h"

namespace qms::deadline {
namespace {

MicrosUtc At(int y, int m, int d, int hour, int minute) {
  return LocalMoment(LocalDate{y, m, d}, hour * 60 + minute);
}

class TransitionsTest : public ::testing::Test {
 protected:
  TransitionsTest() {
    auto cal = WorkingCalendar::Create(CalendarConfig{});
    EXPECT_TRUE(cal.ok());
    calendar_ = std::move(*cal);
    ctx_.calendar = calendar_.get();
    procedure_ = {"2.001035",
                  "chung_thuc",
                  "Chứng thực hợp đồng",
                  "Contract certification",
                  {LimitKind::kWorkingDays, 2},
                  50000};
  }
  // A counter dossier received Monday 2 March 2026 at 09:00 (due Wednesday
  // 4 March at 17:00), then put in `status` as the real path would.
  v1::Dossier InStatus(v1::DossierStatus status) {
    NewDossierInput in{"000.17.22.H56-260302-0001", "101", &procedure_, "A001", "Nguyễn Văn A", "clerk-1",
                       status == v1::REGISTERED};
    v1::Dossier d = NewDossier(in, At(2026, 3, 2, 9, 0), ctx_);
    d.set_status(status);
    if (IsPaused(status)) d.set_paused_since_us(At(2026, 3, 2, 10, 0));
    if (status == v1::RESOLVED || status == v1::RESULT_RETURNED) d.set_resolved_at_us(At(2026, 3, 3, 9, 0));
    return d;
  }
  std::unique_ptr<WorkingCalendar> calendar_;
  RuleContext ctx_;
  Procedure procedure_;
};

// The table of DESIGN.md / deadline.proto, written out independently.
const std::map<DossierAction, std::set<int>>& Legal() { return qms::test::LegalDossierActions(); }

const std::map<DossierAction, v1::DossierStatus>& Target() {
  static const std::map<DossierAction, v1::DossierStatus> table = {
      {DossierAction::kAccept, v1::ACCEPTED},
      {DossierAction::kStartProcessing, v1::PROCESSING},
      {DossierAction::kRequestSupplement, v1::SUPPLEMENT_REQUESTED},
      {DossierAction::kRequestFinancialObligation, v1::FINANCIAL_OBLIGATION},
      {DossierAction::kResume, v1::PROCESSING},
      {DossierAction::kResolve, v1::RESOLVED},
      {DossierAction::kReturnResult, v1::RESULT_RETURNED},
      {DossierAction::kReject, v1::NOT_ACCEPTED},
      {DossierAction::kWithdraw, v1::WITHDRAWN},
      {DossierAction::kStop, v1::STOPPED},
  };
  return table;
}

TEST_F(TransitionsTest, EveryStatusTimesEveryAction) {
  const MicrosUtc now = At(2026, 3, 3, 10, 0);
  int legal = 0;
  for (int s = 1; s <= 10; ++s) {
    for (DossierAction action : kAllActions) {
      const auto status = static_cast<v1::DossierStatus>(s);
      v1::Dossier d = InStatus(status);
      const std::string before = d.SerializeAsString();
      Status result = ApplyAction(action, "lý do", now, procedure_, ctx_, &d);
      const bool expected = Legal().at(action).count(s) > 0;
      SCOPED_TRACE(std::string(ActionName(action)) + " from " + StatusLabel(status));
      if (expected) {
        ++legal;
        ASSERT_TRUE(result.ok()) << result.message();
        EXPECT_EQ(d.status(), Target().at(action));
        EXPECT_EQ(d.updated_at_us(), now);
      } else {
        EXPECT_EQ(result.code(), StatusCode::kFailedPrecondition);
        EXPECT_NE(result.message().find(StatusLabel(status)), std::string::npos) << result.message();
        EXPECT_EQ(d.SerializeAsString(), before) << "a refused action changed the dossier";
      }
    }
  }
  EXPECT_EQ(legal, 22);
}

TEST_F(TransitionsTest, ReasonIsRequiredWhereTheCitizenIsToldWhy) {
  for (DossierAction action : {DossierAction::kReject, DossierAction::kRequestSupplement,
                               DossierAction::kWithdraw, DossierAction::kStop}) {
    v1::Dossier d = InStatus(v1::ACCEPTED);
    const std::string before = d.SerializeAsString();
    EXPECT_EQ(ApplyAction(action, "", At(2026, 3, 3, 10, 0), procedure_, ctx_, &d).code(),
              StatusCode::kInvalidArgument);
    EXPECT_EQ(d.SerializeAsString(), before);
  }
  v1::Dossier d = InStatus(v1::ACCEPTED);
  EXPECT_TRUE(
      ApplyAction(DossierAction::kRequestFinancialObligation, "", At(2026, 3, 3, 10, 0), procedure_, ctx_, &d)
          .ok());
}

TEST_F(TransitionsTest, CounterDossierStartsAcceptedWithItsDue) {
  v1::Dossier d = InStatus(v1::ACCEPTED);
  EXPECT_EQ(d.received_at_us(), At(2026, 3, 2, 9, 0));
  EXPECT_EQ(d.accepted_at_us(), At(2026, 3, 2, 9, 0));
  EXPECT_EQ(d.receipt_day(), 20260302u);
  EXPECT_EQ(d.due_at_us(), At(2026, 3, 4, 17, 0));
  EXPECT_EQ(d.original_due_at_us(), d.due_at_us());
}

TEST_F(TransitionsTest, OnlineDossierClockStartsAtAccept) {
  v1::Dossier d = InStatus(v1::REGISTERED);
  EXPECT_EQ(d.due_at_us(), 0);
  EXPECT_EQ(SortMoment(d), At(2026, 3, 2, 9, 0));
  // Accepted on Tuesday after closing: receipt day Wednesday, due Friday.
  ASSERT_TRUE(ApplyAction(DossierAction::kAccept, "", At(2026, 3, 3, 17, 30), procedure_, ctx_, &d).ok());
  EXPECT_EQ(d.accepted_at_us(), At(2026, 3, 3, 17, 30));
  EXPECT_EQ(d.receipt_day(), 20260304u);
  EXPECT_EQ(d.due_at_us(), At(2026, 3, 6, 17, 0));
  EXPECT_EQ(d.received_at_us(), At(2026, 3, 2, 9, 0));
}

TEST_F(TransitionsTest, PauseAndResumeMoveBothDueMoments) {
  v1::Dossier d = InStatus(v1::PROCESSING);
  ASSERT_TRUE(ApplyAction(DossierAction::kRequestSupplement, "thiếu giấy", At(2026, 3, 3, 16, 0), procedure_,
                          ctx_, &d)
                  .ok());
  EXPECT_EQ(d.paused_since_us(), At(2026, 3, 3, 16, 0));
  EXPECT_EQ(d.reason(), "thiếu giấy");
  // Tuesday 16:00 to Wednesday 09:00: 1 h + 1.5 h.
  ASSERT_TRUE(ApplyAction(DossierAction::kResume, "", At(2026, 3, 4, 9, 0), procedure_, ctx_, &d).ok());
  EXPECT_EQ(d.paused_since_us(), 0);
  EXPECT_EQ(d.paused_working_us(), 150 * kMicrosPerMinute);
  EXPECT_EQ(d.due_at_us(), At(2026, 3, 5, 10, 0));
  EXPECT_EQ(d.original_due_at_us(), At(2026, 3, 5, 10, 0));
}

TEST_F(TransitionsTest, ExtensionOneWorkingDayBeforeIsNotFlagged) {
  v1::Dossier d = InStatus(v1::PROCESSING);  // due Wednesday 4 March 17:00
  ExtensionInput in{At(2026, 3, 9, 17, 0), "cần xác minh", "15/XL"};
  ASSERT_TRUE(ApplyExtension(in, At(2026, 3, 3, 17, 0), ctx_, &d).ok());
  EXPECT_FALSE(d.extension().late_request());
  EXPECT_EQ(d.due_at_us(), At(2026, 3, 9, 17, 0));
  EXPECT_EQ(d.original_due_at_us(), At(2026, 3, 4, 17, 0));
  EXPECT_EQ(d.extension().apology_letter_no(), "15/XL");
  // A second one: ALREADY_EXISTS, nothing changed.
  const std::string before = d.SerializeAsString();
  ExtensionInput again{At(2026, 3, 12, 17, 0), "lần hai", ""};
  EXPECT_EQ(ApplyExtension(again, At(2026, 3, 4, 9, 0), ctx_, &d).code(), StatusCode::kAlreadyExists);
  EXPECT_EQ(d.SerializeAsString(), before);
}

TEST_F(TransitionsTest, ExtensionOnTheDueDayIsFlagged) {
  v1::Dossier d = InStatus(v1::PROCESSING);
  ExtensionInput in{At(2026, 3, 9, 17, 0), "cần xác minh", ""};
  ASSERT_TRUE(ApplyExtension(in, At(2026, 3, 4, 8, 0), ctx_, &d).ok());
  EXPECT_TRUE(d.extension().late_request());
  EXPECT_EQ(d.extension().apology_letter_no(), d.code() + "/XL");
  // One minute after the same time on the day before is already late.
  v1::Dossier e = InStatus(v1::PROCESSING);
  ASSERT_TRUE(ApplyExtension(in, At(2026, 3, 3, 17, 1), ctx_, &e).ok());
  EXPECT_TRUE(e.extension().late_request());
}

TEST_F(TransitionsTest, ExtensionRefusals) {
  v1::Dossier d = InStatus(v1::PROCESSING);
  const std::string before = d.SerializeAsString();
  EXPECT_EQ(ApplyExtension({d.due_at_us(), "r", ""}, At(2026, 3, 3, 9, 0), ctx_, &d).code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(
      ApplyExtension({d.due_at_us() + 400 * kMicrosPerDay, "r", ""}, At(2026, 3, 3, 9, 0), ctx_, &d).code(),
      StatusCode::kInvalidArgument);
  EXPECT_EQ(ApplyExtension({At(2026, 3, 9, 17, 0), "", ""}, At(2026, 3, 3, 9, 0), ctx_, &d).code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(d.SerializeAsString(), before);
  for (v1::DossierStatus closed :
       {v1::REGISTERED, v1::NOT_ACCEPTED, v1::WITHDRAWN, v1::STOPPED, v1::RESOLVED, v1::RESULT_RETURNED}) {
    v1::Dossier c = InStatus(closed);
    EXPECT_EQ(ApplyExtension({At(2026, 3, 9, 17, 0), "r", ""}, At(2026, 3, 3, 9, 0), ctx_, &c).code(),
              StatusCode::kFailedPrecondition)
        << StatusLabel(closed);
  }
}

TEST_F(TransitionsTest, ResolveCountsAgainstTheOriginalDue) {
  // Extended to Monday 9 March, resolved Friday 6: late against Wednesday 4.
  v1::Dossier d = InStatus(v1::PROCESSING);
  ASSERT_TRUE(ApplyExtension({At(2026, 3, 9, 17, 0), "r", ""}, At(2026, 3, 3, 9, 0), ctx_, &d).ok());
  ASSERT_TRUE(ApplyAction(DossierAction::kResolve, "", At(2026, 3, 6, 10, 0), procedure_, ctx_, &d).ok());
  EXPECT_EQ(d.timeliness(), v1::LATE);
  v1::Dossier early = InStatus(v1::PROCESSING);
  ASSERT_TRUE(ApplyAction(DossierAction::kResolve, "", At(2026, 3, 3, 10, 0), procedure_, ctx_, &early).ok());
  EXPECT_EQ(early.timeliness(), v1::EARLY);
  v1::Dossier on_time = InStatus(v1::ACCEPTED);
  ASSERT_TRUE(
      ApplyAction(DossierAction::kResolve, "", At(2026, 3, 4, 16, 59), procedure_, ctx_, &on_time).ok());
  EXPECT_EQ(on_time.timeliness(), v1::ON_TIME);
}

TEST_F(TransitionsTest, DocumentsCarryTheDossier) {
  v1::Dossier d = InStatus(v1::ACCEPTED);
  DossierCentre centre{"101", 101, "Phường Kinh Bắc", "Bắc Ninh", "000.17.22.H56", nullptr, {}};
  v1::ReceiptSlip slip = MakeReceiptSlip(d, centre, procedure_);
  EXPECT_EQ(slip.appointment_at_us(), d.due_at_us());
  EXPECT_EQ(slip.fee_vnd(), 50000);
  EXPECT_NE(slip.text_vi().find("GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ"), std::string::npos);
  EXPECT_NE(slip.text_vi().find("17 giờ 00 phút, ngày 04/03/2026"), std::string::npos) << slip.text_vi();
  EXPECT_NE(slip.text_vi().find("50.000 đồng"), std::string::npos);
  ASSERT_TRUE(
      ApplyExtension({At(2026, 3, 9, 17, 0), "chờ xác minh", "7/XL"}, At(2026, 3, 3, 9, 0), ctx_, &d).ok());
  v1::ApologyLetter letter = MakeApologyLetter(d, centre);
  EXPECT_EQ(letter.letter_no(), "7/XL");
  EXPECT_EQ(letter.original_due_at_us(), At(2026, 3, 4, 17, 0));
  EXPECT_EQ(letter.new_due_at_us(), At(2026, 3, 9, 17, 0));
  EXPECT_NE(letter.text_vi().find("PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ"), std::string::npos);
  EXPECT_NE(letter.text_vi().find("chờ xác minh"), std::string::npos);
  EXPECT_EQ(FormatVnd(0), "0");
  EXPECT_EQ(FormatVnd(200000), "200.000");
  EXPECT_EQ(FormatVnd(1234567), "1.234.567");
}

}  // namespace
}  // namespace qms::deadline
