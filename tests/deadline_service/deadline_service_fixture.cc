#include "tests/deadline_service/deadline_service_fixture.h"

#include <chrono>

#include "tests/support/in_process_server.h"

namespace qms::service::test {

DeadlineServiceTest::DeadlineServiceTest() : clock_(At(2026, 3, 2, 8, 0)) {
  auto centre = [](const char* id, const char* name, const char* province, const char* agency) {
    config::CentreConfig c;
    c.id = id;
    c.key = static_cast<uint32_t>(std::stoul(id));
    c.name_vi = name;
    c.province = province;
    c.agency_code = agency;
    c.fields = {{"chung_thuc", 'A', "Chứng thực", "Certification"},
                {"ho_tich", 'B', "Hộ tịch", "Civil status"},
                {"dat_dai", 'C', "Đất đai", "Land"},
                {"ho_kinh_doanh", 'D', "Hộ kinh doanh", "Household business"}};
    return c;
  };
  config_.centres = {centre("101", "Phường Kinh Bắc", "Bắc Ninh", "000.17.22.H56"),
                     centre("202", "Phường Kiến An", "Hải Phòng", "000.14.31.H27"),
                     centre("303", "Xã Tây Yên Tử", "Bắc Ninh", "000.30.22.H56")};
}

void DeadlineServiceTest::SetUp() { OpenStack(); }

void DeadlineServiceTest::TearDown() { CloseStack(); }

void DeadlineServiceTest::OpenStack(storage::StoreOptions store) {
  qms::test::InProcessStores stores;
  stores.deadline = std::move(store);
  Status started = server_.Start(&config_, dir_.path(), &clock_, gate_.get(), std::move(stores));
  ASSERT_TRUE(started.ok()) << started.ToString();
  channel_ = server_.channel();
  stub_ = v1::DeadlineService::NewStub(channel_);
}

void DeadlineServiceTest::CloseStack() {
  stub_.reset();
  channel_.reset();
  server_.Stop();
}

void DeadlineServiceTest::SetDeadline(grpc::ClientContext* ctx, int seconds) {
  ctx->set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(seconds));
}

v1::ReceiveDossierRequest DeadlineServiceTest::ReceiveRequest(const std::string& procedure,
                                                              const std::string& centre) {
  v1::ReceiveDossierRequest req;
  req.set_centre_id(centre);
  req.set_procedure_code(procedure);
  req.set_request_id("clerk-req-" + std::to_string(++next_request_));
  req.set_applicant_name("Lê Văn C");
  req.set_clerk_id("clerk-1");
  req.set_ticket_number("A012");
  return req;
}

grpc::Status DeadlineServiceTest::Receive(const v1::ReceiveDossierRequest& req,
                                          v1::ReceiveDossierResponse* resp) {
  grpc::ClientContext ctx;
  SetDeadline(&ctx);
  return stub_->ReceiveDossier(&ctx, req, resp);
}

v1::Dossier DeadlineServiceTest::MustReceive(const std::string& procedure, bool online) {
  v1::ReceiveDossierRequest req = ReceiveRequest(procedure);
  req.set_online(online);
  v1::ReceiveDossierResponse resp;
  const grpc::Status s = Receive(req, &resp);
  EXPECT_TRUE(s.ok()) << s.error_message();
  return resp.dossier();
}

grpc::Status DeadlineServiceTest::Get(const std::string& code, v1::DossierResponse* resp) {
  grpc::ClientContext ctx;
  SetDeadline(&ctx);
  v1::GetDossierRequest req;
  req.set_code(code);
  return stub_->GetDossier(&ctx, req, resp);
}

grpc::Status DeadlineServiceTest::Act(ActionMethod method, const std::string& code, v1::DossierResponse* resp,
                                      const std::string& reason) {
  grpc::ClientContext ctx;
  SetDeadline(&ctx);
  v1::DossierActionRequest req;
  req.set_code(code);
  req.set_clerk_id("clerk-2");
  req.set_reason(reason);
  return (stub_.get()->*method)(&ctx, req, resp);
}

grpc::Status DeadlineServiceTest::Extend(const v1::ExtendDeadlineRequest& req,
                                         v1::ExtendDeadlineResponse* resp) {
  grpc::ClientContext ctx;
  SetDeadline(&ctx);
  return stub_->ExtendDeadline(&ctx, req, resp);
}

grpc::Status DeadlineServiceTest::List(const v1::ListDossiersRequest& req, v1::ListDossiersResponse* resp) {
  grpc::ClientContext ctx;
  SetDeadline(&ctx);
  return stub_->ListDossiers(&ctx, req, resp);
}

grpc::Status DeadlineServiceTest::Report(const v1::DailyReportRequest& req, v1::DailyReport* resp) {
  grpc::ClientContext ctx;
  SetDeadline(&ctx);
  return stub_->GetDailyReport(&ctx, req, resp);
}

grpc::Status DeadlineServiceTest::Procedures(const std::string& field, v1::ListProceduresResponse* resp) {
  grpc::ClientContext ctx;
  SetDeadline(&ctx);
  v1::ListProceduresRequest req;
  req.set_field_id(field);
  return stub_->ListProcedures(&ctx, req, resp);
}

}  // namespace qms::service::test
