// DeadlineService in process: ReceiveDossier, GetDossier, every action RPC
// and ExtendDeadline, each with its error codes.
#include <gtest/gtest.h>

#include "tests/deadline_service/deadline_service_fixture.h"

namespace qms::service::test {
namespace {

using Stub = v1::DeadlineService::Stub;
using grpc::StatusCode;

TEST_F(DeadlineServiceTest, ReceiveDossierAnswersWithDossierAndReceiptSlip) {
  v1::ReceiveDossierResponse resp;
  ASSERT_TRUE(Receive(ReceiveRequest(kCopy), &resp).ok());
  const v1::Dossier& d = resp.dossier();
  EXPECT_EQ(d.code(), "000.17.22.H56-260302-0001");
  EXPECT_EQ(d.status(), v1::ACCEPTED);
  EXPECT_EQ(d.due_at_us(), At(2026, 3, 2, 17, 0));
  EXPECT_EQ(d.ticket_number(), "A012");
  EXPECT_FALSE(resp.replayed());
  EXPECT_EQ(resp.receipt().dossier_code(), d.code());
  EXPECT_EQ(resp.receipt().fee_vnd(), 2000);
  EXPECT_EQ(resp.receipt().procedure_name(), "Chứng thực bản sao từ bản chính");
  EXPECT_NE(resp.receipt().text_vi().find("Mã hồ sơ: 000.17.22.H56-260302-0001"), std::string::npos);
}

TEST_F(DeadlineServiceTest, EachCentreUsesItsProvincesWorkingWeek) {
  // As `provinces: {"Hải Phòng": {saturday_morning: true}}` in the YAML.
  CloseStack();
  config_.provinces["Hải Phòng"].saturday_morning = true;
  OpenStack();
  EXPECT_TRUE(stack()->engine()->FindCentre(kOther)->calendar->config().saturday_morning);
  EXPECT_FALSE(stack()->engine()->FindCentre(kCentre)->calendar->config().saturday_morning);
  // A same-day copy on Friday 16:00 (after the 15:00 cut-off) is due at the
  // next working day's closing: Saturday 11:30 in Hải Phòng, Monday 17:00
  // in Bắc Ninh.
  clock_.Set(At(2026, 3, 6, 16, 0));
  v1::ReceiveDossierResponse bac_ninh, hai_phong;
  ASSERT_TRUE(Receive(ReceiveRequest(kCopy, kCentre), &bac_ninh).ok());
  ASSERT_TRUE(Receive(ReceiveRequest(kCopy, kOther), &hai_phong).ok());
  EXPECT_EQ(bac_ninh.dossier().due_at_us(), At(2026, 3, 9, 17, 0));
  EXPECT_EQ(hai_phong.dossier().due_at_us(), At(2026, 3, 7, 11, 30));
  EXPECT_EQ(hai_phong.receipt().appointment_at_us(), At(2026, 3, 7, 11, 30));
}

TEST_F(DeadlineServiceTest, ReceiveDossierIsIdempotentPerRequestId) {
  v1::ReceiveDossierRequest req = ReceiveRequest(kCopy);
  v1::ReceiveDossierResponse first, again, other;
  ASSERT_TRUE(Receive(req, &first).ok());
  ASSERT_TRUE(Receive(req, &again).ok());
  EXPECT_TRUE(again.replayed());
  EXPECT_EQ(again.dossier().code(), first.dossier().code());
  req.set_procedure_code(kBusiness);
  EXPECT_TRUE(HasCode(Receive(req, &other), StatusCode::ALREADY_EXISTS, first.dossier().code()));
}

TEST_F(DeadlineServiceTest, ReceiveDossierErrors) {
  v1::ReceiveDossierResponse resp;
  v1::ReceiveDossierRequest req = ReceiveRequest(kCopy, kUnknownCentre);
  EXPECT_TRUE(HasCode(Receive(req, &resp), StatusCode::NOT_FOUND, "centre 999"));
  req = ReceiveRequest("9.999999");
  EXPECT_TRUE(HasCode(Receive(req, &resp), StatusCode::NOT_FOUND, "procedure 9.999999"));
  req = ReceiveRequest(kCopy, "");
  EXPECT_TRUE(HasCode(Receive(req, &resp), StatusCode::INVALID_ARGUMENT, "centre_id"));
  req = ReceiveRequest(kCopy, "12a");
  EXPECT_TRUE(HasCode(Receive(req, &resp), StatusCode::INVALID_ARGUMENT, "centre_id"));
  req = ReceiveRequest(kCopy);
  req.clear_request_id();
  EXPECT_TRUE(HasCode(Receive(req, &resp), StatusCode::INVALID_ARGUMENT, "request_id"));
  req = ReceiveRequest(kCopy);
  req.set_request_id(std::string(65, 'r'));
  EXPECT_TRUE(HasCode(Receive(req, &resp), StatusCode::INVALID_ARGUMENT, "request_id"));
  req = ReceiveRequest(kCopy);
  req.set_applicant_name(std::string(201, 'x'));
  EXPECT_TRUE(HasCode(Receive(req, &resp), StatusCode::INVALID_ARGUMENT, "applicant_name"));
  req = ReceiveRequest(kCopy);
  req.set_ticket_number("A0123456789");
  EXPECT_TRUE(HasCode(Receive(req, &resp), StatusCode::INVALID_ARGUMENT, "ticket_number"));
  req = ReceiveRequest(kCopy);
  req.set_clerk_id("clerk one");
  EXPECT_TRUE(HasCode(Receive(req, &resp), StatusCode::INVALID_ARGUMENT, "clerk_id"));
  req = ReceiveRequest("");
  EXPECT_TRUE(HasCode(Receive(req, &resp), StatusCode::INVALID_ARGUMENT, "procedure_code"));
  // Nothing above was numbered.
  EXPECT_EQ(MustReceive().code(), "000.17.22.H56-260302-0001");
}

TEST_F(DeadlineServiceTest, BadAuthorizationIsRefusedFirst) {
  grpc::ClientContext ctx;
  SetDeadline(&ctx);
  ctx.AddMetadata("authorization", "Basic abc");
  v1::ReceiveDossierResponse resp;
  EXPECT_TRUE(HasCode(stub_->ReceiveDossier(&ctx, ReceiveRequest(kCopy, "bad id"), &resp),
                      StatusCode::UNAUTHENTICATED, "Bearer"));
}

TEST_F(DeadlineServiceTest, GetDossier) {
  const v1::Dossier d = MustReceive(kBusiness);
  v1::DossierResponse resp;
  ASSERT_TRUE(Get(d.code(), &resp).ok());
  EXPECT_EQ(resp.dossier().SerializeAsString(), d.SerializeAsString());
  EXPECT_EQ(resp.receipt().appointment_at_us(), d.due_at_us());
  EXPECT_TRUE(HasCode(Get("000.17.22.H56-260302-0099", &resp), StatusCode::NOT_FOUND, "does not exist"));
  EXPECT_TRUE(HasCode(Get("000.99.99.H00-260302-0001", &resp), StatusCode::NOT_FOUND, "does not exist"));
  EXPECT_TRUE(HasCode(Get("hồ sơ 1", &resp), StatusCode::INVALID_ARGUMENT, "code"));
  EXPECT_TRUE(HasCode(Get("ABC-1-2", &resp), StatusCode::INVALID_ARGUMENT, "{agency}-{yyMMdd}-{NNNN}"));
  EXPECT_TRUE(HasCode(Get("", &resp), StatusCode::INVALID_ARGUMENT, "code is required"));
}

TEST_F(DeadlineServiceTest, ALifeFromOnlineRegistrationToResultReturned) {
  const v1::Dossier d = MustReceive(kBusiness, /*online=*/true);
  EXPECT_EQ(d.status(), v1::REGISTERED);
  v1::DossierResponse resp;
  clock_.Set(At(2026, 3, 2, 9, 0));
  ASSERT_TRUE(Act(&Stub::Accept, d.code(), &resp).ok());
  EXPECT_EQ(resp.dossier().status(), v1::ACCEPTED);
  EXPECT_EQ(resp.dossier().due_at_us(), At(2026, 3, 5, 17, 0));
  EXPECT_EQ(resp.receipt().appointment_at_us(), At(2026, 3, 5, 17, 0));
  ASSERT_TRUE(Act(&Stub::StartProcessing, d.code(), &resp).ok());
  EXPECT_EQ(resp.dossier().status(), v1::PROCESSING);
  clock_.Set(At(2026, 3, 3, 16, 0));
  ASSERT_TRUE(Act(&Stub::RequestSupplement, d.code(), &resp, "thiếu bản sao CCCD").ok());
  EXPECT_EQ(resp.dossier().status(), v1::SUPPLEMENT_REQUESTED);
  clock_.Set(At(2026, 3, 4, 9, 0));
  ASSERT_TRUE(Act(&Stub::ResumeProcessing, d.code(), &resp).ok());
  EXPECT_EQ(resp.dossier().due_at_us(), At(2026, 3, 6, 10, 0));  // moved by 2.5 working hours
  ASSERT_TRUE(Act(&Stub::RequestFinancialObligation, d.code(), &resp).ok());
  EXPECT_EQ(resp.dossier().status(), v1::FINANCIAL_OBLIGATION);
  ASSERT_TRUE(Act(&Stub::ResumeProcessing, d.code(), &resp).ok());
  clock_.Set(At(2026, 3, 5, 10, 0));
  ASSERT_TRUE(Act(&Stub::Resolve, d.code(), &resp).ok());
  EXPECT_EQ(resp.dossier().status(), v1::RESOLVED);
  EXPECT_EQ(resp.dossier().timeliness(), v1::EARLY);
  ASSERT_TRUE(Act(&Stub::ReturnResult, d.code(), &resp).ok());
  EXPECT_EQ(resp.dossier().status(), v1::RESULT_RETURNED);
  EXPECT_EQ(resp.dossier().returned_at_us(), At(2026, 3, 5, 10, 0));
}

TEST_F(DeadlineServiceTest, RejectWithdrawAndStop) {
  v1::DossierResponse resp;
  const v1::Dossier a = MustReceive(kCopy, true);
  ASSERT_TRUE(Act(&Stub::Reject, a.code(), &resp, "không đủ điều kiện").ok());
  EXPECT_EQ(resp.dossier().status(), v1::NOT_ACCEPTED);
  EXPECT_EQ(resp.dossier().reason(), "không đủ điều kiện");
  const v1::Dossier b = MustReceive(kBusiness);
  ASSERT_TRUE(Act(&Stub::Withdraw, b.code(), &resp, "công dân rút hồ sơ").ok());
  EXPECT_EQ(resp.dossier().status(), v1::WITHDRAWN);
  const v1::Dossier c = MustReceive(kBusiness);
  ASSERT_TRUE(Act(&Stub::Stop, c.code(), &resp, "đối tượng không thuộc thẩm quyền").ok());
  EXPECT_EQ(resp.dossier().status(), v1::STOPPED);
}

TEST_F(DeadlineServiceTest, IllegalTransitionIsFailedPreconditionAndChangesNothing) {
  const v1::Dossier d = MustReceive(kBusiness);
  v1::DossierResponse resp;
  EXPECT_TRUE(
      HasCode(Act(&Stub::ReturnResult, d.code(), &resp), StatusCode::FAILED_PRECONDITION, "ACCEPTED (2)"));
  EXPECT_TRUE(HasCode(Act(&Stub::ResumeProcessing, d.code(), &resp), StatusCode::FAILED_PRECONDITION));
  EXPECT_TRUE(HasCode(Act(&Stub::Accept, d.code(), &resp), StatusCode::FAILED_PRECONDITION));
  ASSERT_TRUE(Get(d.code(), &resp).ok());
  EXPECT_EQ(resp.dossier().SerializeAsString(), d.SerializeAsString());
  ASSERT_TRUE(Act(&Stub::Resolve, d.code(), &resp).ok());
  EXPECT_TRUE(HasCode(Act(&Stub::Resolve, d.code(), &resp), StatusCode::FAILED_PRECONDITION, "RESOLVED (9)"));
  EXPECT_TRUE(HasCode(Act(&Stub::Withdraw, d.code(), &resp, "r"), StatusCode::FAILED_PRECONDITION));
}

TEST_F(DeadlineServiceTest, ActionErrors) {
  const v1::Dossier d = MustReceive(kBusiness);
  v1::DossierResponse resp;
  for (auto method : {&Stub::Reject, &Stub::RequestSupplement, &Stub::Withdraw, &Stub::Stop}) {
    EXPECT_TRUE(HasCode(Act(method, d.code(), &resp), StatusCode::INVALID_ARGUMENT, "reason is required"));
  }
  EXPECT_TRUE(HasCode(Act(&Stub::Resolve, d.code(), &resp, std::string(501, 'r')),
                      StatusCode::INVALID_ARGUMENT, "reason"));
  EXPECT_TRUE(HasCode(Act(&Stub::Resolve, "000.17.22.H56-260302-0042", &resp), StatusCode::NOT_FOUND));
  EXPECT_TRUE(HasCode(Act(&Stub::Resolve, "nonsense", &resp), StatusCode::INVALID_ARGUMENT, "code"));
}

TEST_F(DeadlineServiceTest, ExtendDeadlineOnceWithItsLetter) {
  const v1::Dossier d = MustReceive(kBusiness);  // due Thursday 5 March 17:00
  v1::ExtendDeadlineRequest req;
  req.set_code(d.code());
  req.set_clerk_id("clerk-2");
  req.set_reason("cần xác minh tại địa phương");
  req.set_new_due_at_us(At(2026, 3, 12, 17, 0));
  req.set_apology_letter_no("12/TB-TTPVHCC");
  v1::ExtendDeadlineResponse resp;
  clock_.Set(At(2026, 3, 5, 9, 0));  // on the due day: allowed, flagged
  ASSERT_TRUE(Extend(req, &resp).ok());
  EXPECT_EQ(resp.dossier().due_at_us(), At(2026, 3, 12, 17, 0));
  EXPECT_EQ(resp.dossier().original_due_at_us(), At(2026, 3, 5, 17, 0));
  EXPECT_TRUE(resp.dossier().extension().late_request());
  EXPECT_EQ(resp.letter().letter_no(), "12/TB-TTPVHCC");
  EXPECT_EQ(resp.letter().original_due_at_us(), At(2026, 3, 5, 17, 0));
  EXPECT_NE(resp.letter().text_vi().find("cần xác minh tại địa phương"), std::string::npos);
  req.set_new_due_at_us(At(2026, 3, 19, 17, 0));
  EXPECT_TRUE(HasCode(Extend(req, &resp), StatusCode::ALREADY_EXISTS, "only one extension"));
}

TEST_F(DeadlineServiceTest, ExtendDeadlineErrors) {
  const v1::Dossier d = MustReceive(kBusiness);
  v1::ExtendDeadlineRequest req;
  req.set_code(d.code());
  req.set_reason("r");
  req.set_new_due_at_us(At(2026, 3, 12, 17, 0));
  v1::ExtendDeadlineResponse resp;
  v1::ExtendDeadlineRequest bad = req;
  bad.clear_reason();
  EXPECT_TRUE(HasCode(Extend(bad, &resp), StatusCode::INVALID_ARGUMENT, "reason"));
  bad = req;
  bad.clear_new_due_at_us();
  EXPECT_TRUE(HasCode(Extend(bad, &resp), StatusCode::INVALID_ARGUMENT, "new_due_at_us"));
  bad = req;
  bad.set_new_due_at_us(At(2026, 3, 4, 17, 0));  // before the current due
  EXPECT_TRUE(HasCode(Extend(bad, &resp), StatusCode::INVALID_ARGUMENT, "after the current due"));
  bad = req;
  bad.set_apology_letter_no(std::string(65, 'n'));
  EXPECT_TRUE(HasCode(Extend(bad, &resp), StatusCode::INVALID_ARGUMENT, "apology_letter_no"));
  bad = req;
  bad.set_code("000.17.22.H56-260302-0042");
  EXPECT_TRUE(HasCode(Extend(bad, &resp), StatusCode::NOT_FOUND));
  v1::DossierResponse resolved;
  ASSERT_TRUE(Act(&Stub::Resolve, d.code(), &resolved).ok());
  EXPECT_TRUE(HasCode(Extend(req, &resp), StatusCode::FAILED_PRECONDITION, "RESOLVED (9)"));
}

TEST_F(DeadlineServiceTest, StoppingEngineAnswersUnavailable) {
  const v1::Dossier d = MustReceive(kBusiness);
  stack()->engine()->Shutdown();
  v1::ReceiveDossierResponse resp;
  EXPECT_TRUE(HasCode(Receive(ReceiveRequest(kCopy), &resp), StatusCode::UNAVAILABLE));
  v1::DossierResponse get;
  EXPECT_TRUE(HasCode(Get(d.code(), &get), StatusCode::UNAVAILABLE));
  EXPECT_TRUE(HasCode(Act(&Stub::Resolve, d.code(), &get), StatusCode::UNAVAILABLE));
}

}  // namespace
}  // namespace qms::service::test
