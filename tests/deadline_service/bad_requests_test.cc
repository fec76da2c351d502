// What DeadlineService answers to requests a well-behaved client would not
// send: bytes that are not protobuf, text that is not UTF-8, control
// characters in an applicant's name, and fields that do not exist.
#include "tests/support/bad_requests.h"

#include "tests/deadline_service/deadline_service_fixture.h"

namespace qms::service::test {
namespace {

using grpc::StatusCode;

TEST_F(DeadlineServiceTest, EveryDeadlineMethodAnswersBadBytesWithInvalidArgument) {
  qms::test::ExpectEveryMethodRefusesBadBytes(channel_, {"qms.v1.DeadlineService"});
}

TEST_F(DeadlineServiceTest, ControlCharactersInAnApplicantNameAreRefusedAndNothingIsReceived) {
  v1::ReceiveDossierResponse resp;
  v1::ReceiveDossierRequest req = ReceiveRequest(kCopy);
  req.set_applicant_name(std::string("Nguyễn\0Văn A", 14));
  EXPECT_TRUE(HasCode(Receive(req, &resp), StatusCode::INVALID_ARGUMENT,
                      "applicant_name must not hold control characters (U+0000"));
  req.set_applicant_name("Nguyễn \x1b[2J\x1b[HVăn A");
  EXPECT_TRUE(HasCode(Receive(req, &resp), StatusCode::INVALID_ARGUMENT, "U+001B"));

  // The same request id with a clean name is a first receipt, numbered 0001.
  req.set_applicant_name("Nguyễn Thị Ngọc Ánh");
  ASSERT_TRUE(Receive(req, &resp).ok());
  EXPECT_FALSE(resp.replayed());
  EXPECT_EQ(resp.dossier().code().substr(resp.dossier().code().size() - 4), "0001");
  EXPECT_NE(resp.receipt().text_vi().find("Nguyễn Thị Ngọc Ánh"), std::string::npos);
}

TEST_F(DeadlineServiceTest, AnUnknownFieldIsNotFoundInListsAndAKnownOneIsNot) {
  v1::ListDossiersRequest list;
  list.set_centre_id(kCentre);
  list.set_field_id("khong_co");
  v1::ListDossiersResponse dossiers;
  grpc::ClientContext ctx;
  SetDeadline(&ctx);
  EXPECT_TRUE(HasCode(stub_->ListDossiers(&ctx, list, &dossiers), StatusCode::NOT_FOUND,
                      "field khong_co does not exist at centre 101"));

  MustReceive(kCopy);
  list.set_field_id("chung_thuc");
  grpc::ClientContext ok_ctx;
  SetDeadline(&ok_ctx);
  ASSERT_TRUE(stub_->ListDossiers(&ok_ctx, list, &dossiers).ok());
  EXPECT_EQ(dossiers.dossiers_size(), 1);

  v1::ListProceduresRequest procedures;
  procedures.set_field_id("khong_co");
  v1::ListProceduresResponse found;
  grpc::ClientContext p_ctx;
  SetDeadline(&p_ctx);
  EXPECT_TRUE(HasCode(stub_->ListProcedures(&p_ctx, procedures, &found), StatusCode::NOT_FOUND,
                      "field khong_co does not exist"));
  procedures.set_field_id("ho_tich");
  grpc::ClientContext p_ok;
  SetDeadline(&p_ok);
  ASSERT_TRUE(stub_->ListProcedures(&p_ok, procedures, &found).ok());
  EXPECT_GT(found.procedures_size(), 0);
  for (const auto& p : found.procedures()) EXPECT_EQ(p.field_id(), "ho_tich");
}

}  // namespace
}  // namespace qms::service::test
