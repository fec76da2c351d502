// AuditService through gRPC, on the real queue and deadline stacks: a
// centre's day from both stores merged in time order and paged, every RPC
// recorded with who and from where, no citizen ID number anywhere in the
// trail, and the answers to bad requests.
#include "services/audit_service/audit_service.h"

#include <gtest/gtest.h>

#include "services/audit_service/audit_page.h"
#include "services/config/config_loader.h"
#include "storage/audit_trail.h"
#include "tests/support/bad_requests.h"
#include "tests/support/grpc_status_assertions.h"
#include "tests/support/in_process_server.h"
#include "tests/support/temp_dir.h"
#include "tests/support/test_callers.h"

namespace qms::service {
namespace {

using grpc::StatusCode;

constexpr char kCentre[] = "101";
constexpr char kOther[] = "202";
constexpr char kCopy[] = "2.000815";  // same day
constexpr uint32_t kDay = 20260302;

const char kConfig[] = R"(
policy:
  number_start: 1
  auto_no_show_minutes: 0
  citizen_daily_cap: 2
  citizen_field_cap: 0
  stop_when_wait_past_closing: false
  accept_outside_hours: true
hours:
  weekdays: ["07:30-11:30", "13:30-17:00"]
  saturday: []
  sunday: []
templates:
  ward:
    fields:
      - {id: chung_thuc, prefix: A, name_vi: "Chứng thực", name_en: "Certification"}
      - {id: ho_tich, prefix: B, name_vi: "Hộ tịch", name_en: "Civil status"}
    counters:
      - {id: "1", name: "Quầy 1", fields: {chung_thuc: 1.0}}
      - {id: "2", name: "Quầy 2", fields: {ho_tich: 1.0}}
centres:
  - {id: "101", name_vi: "Phường Kinh Bắc", name_en: "Kinh Bac Ward", province: "Bắc Ninh",
     agency_code: "000.17.22.H56", template: ward}
  - {id: "202", name_vi: "Phường Kiến An", name_en: "Kien An Ward", province: "Hải Phòng",
     agency_code: "000.14.31.H27", template: ward}
)";

using qms::test::HasCode;

class AuditServiceTest : public ::testing::Test {
 protected:
  AuditServiceTest() : clock_(LocalMoment(LocalDate{2026, 3, 2}, 8 * 60)) {}

  void SetUp() override {
    auto parsed = config::ParseSystemConfig(kConfig, "audit_service_test.yaml");
    ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
    config_ = std::move(*parsed);
    gate_ = auth_ ? test::TestCallerGate(config_, &clock_) : access::AccessGate::InsecureNoAuth();
    const Status started = server_.Start(&config_, dir_.path(), &clock_, gate_.get());
    ASSERT_TRUE(started.ok()) << started.ToString();
    channel_ = server_.channel();
    intake_ = v1::IntakeService::NewStub(channel_);
    counters_ = v1::CounterService::NewStub(channel_);
    dossiers_ = v1::DeadlineService::NewStub(channel_);
    stub_ = v1::AuditService::NewStub(channel_);
  }

  void TearDown() override { server_.Stop(); }

  // With auth on, a call that names no one is the centre's supervisor's.
  std::unique_ptr<grpc::ClientContext> Ctx(const std::string& subject = "", const std::string& role = "") {
    auto ctx = std::make_unique<grpc::ClientContext>();
    ctx->set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
    if (!subject.empty()) {
      test::ActAs(ctx.get(), subject, role, clock_);
    } else if (auth_) {
      test::ActAs(ctx.get(), "giam-sat", "SUPERVISOR", clock_);
    }
    return ctx;
  }

  std::string Issue(const std::string& centre = kCentre, const std::string& citizen_id = "") {
    v1::IssueTicketRequest req;
    req.set_centre_id(centre);
    req.set_field_id("chung_thuc");
    req.set_request_id("kiosk-" + std::to_string(++requests_));
    req.set_citizen_id(citizen_id);
    v1::IssueTicketResponse resp;
    const grpc::Status s = intake_->IssueTicket(Ctx().get(), req, &resp);
    EXPECT_TRUE(s.ok()) << s.error_message();
    return resp.ticket().number();
  }
  grpc::Status Counter(grpc::Status (v1::CounterService::Stub::*method)(grpc::ClientContext*,
                                                                        const v1::CounterRequest&,
                                                                        v1::CounterResponse*),
                       const std::string& counter) {
    v1::CounterRequest req;
    req.set_centre_id(kCentre);
    req.set_counter_id(counter);
    req.set_clerk_id("nv01");
    v1::CounterResponse resp;
    return (counters_.get()->*method)(Ctx().get(), req, &resp);
  }
  grpc::Status CallNext(const std::string& counter) {
    v1::CounterRequest req;
    req.set_centre_id(kCentre);
    req.set_counter_id(counter);
    v1::TicketResponse resp;
    return counters_->CallNext(Ctx().get(), req, &resp);
  }
  grpc::Status Complete(const std::string& counter) {
    v1::TicketActionRequest req;
    req.set_centre_id(kCentre);
    req.set_counter_id(counter);
    v1::TicketResponse resp;
    return counters_->Complete(Ctx().get(), req, &resp);
  }
  v1::Dossier Receive(const std::string& subject = "", const std::string& role = "") {
    v1::ReceiveDossierRequest req;
    req.set_centre_id(kCentre);
    req.set_procedure_code(kCopy);
    req.set_request_id("receive-" + std::to_string(++requests_));
    req.set_applicant_name("Nguyễn Thị Ngọc Ánh");
    req.set_clerk_id("nv01");
    v1::ReceiveDossierResponse resp;
    const grpc::Status s = dossiers_->ReceiveDossier(Ctx(subject, role).get(), req, &resp);
    EXPECT_TRUE(s.ok()) << s.error_message();
    return resp.dossier();
  }
  grpc::Status Resolve(const std::string& code) {
    v1::DossierActionRequest req;
    req.set_code(code);
    req.set_clerk_id("nv02");
    v1::DossierResponse resp;
    return dossiers_->Resolve(Ctx().get(), req, &resp);
  }
  grpc::Status List(const v1::ListAuditRequest& req, v1::ListAuditResponse* resp) {
    return stub_->ListAudit(Ctx().get(), req, resp);
  }
  // Every page of a day, `page_size` at a time; the pages' sizes in `sizes`.
  std::vector<v1::AuditRecord> ListAll(uint32_t page_size, std::vector<int>* sizes = nullptr,
                                       const std::string& centre = kCentre, uint32_t day = 0) {
    v1::ListAuditRequest req;
    req.set_centre_id(centre);
    req.set_day(day);
    req.set_page_size(page_size);
    std::vector<v1::AuditRecord> all;
    for (int page = 0; page < 100; ++page) {
      v1::ListAuditResponse resp;
      const grpc::Status s = List(req, &resp);
      EXPECT_TRUE(s.ok()) << s.error_message();
      if (!s.ok()) break;
      if (sizes) sizes->push_back(resp.records_size());
      for (const auto& r : resp.records()) all.push_back(r);
      if (resp.next_page_token().empty()) break;
      req.set_page_token(resp.next_page_token());
    }
    return all;
  }

  ManualClock clock_;
  qms::test::TempDir dir_;
  config::SystemConfig config_;
  bool auth_ = false;  // before SetUp: a gate with auth on (test_callers.h)
  std::unique_ptr<access::AccessGate> gate_;
  qms::test::InProcessServer server_;  // after the gate it uses
  std::shared_ptr<grpc::Channel> channel_;
  std::unique_ptr<v1::IntakeService::Stub> intake_;
  std::unique_ptr<v1::CounterService::Stub> counters_;
  std::unique_ptr<v1::DeadlineService::Stub> dossiers_;
  std::unique_ptr<v1::AuditService::Stub> stub_;
  int requests_ = 0;
};

TEST_F(AuditServiceTest, ADayOfBothStoresIsMergedInTimeOrderAndPaged) {
  Issue();                                    // 08:00 queue
  const std::string code = Receive().code();  // 08:00 deadline (a tie: the queue's first)
  clock_.Advance(kMicrosPerMinute);
  ASSERT_TRUE(Counter(&v1::CounterService::Stub::OpenCounter, "1").ok());  // 08:01 queue
  clock_.Advance(kMicrosPerMinute);
  ASSERT_TRUE(Resolve(code).ok());  // 08:02 deadline
  clock_.Advance(kMicrosPerMinute);
  ASSERT_TRUE(CallNext("1").ok());  // 08:03 queue
  clock_.Advance(kMicrosPerMinute);
  Receive();  // 08:04 deadline
  clock_.Advance(kMicrosPerMinute);
  ASSERT_TRUE(Complete("1").ok());  // 08:05 queue
  Issue(kOther);                    // another centre: not in this centre's trail

  std::vector<int> sizes;
  const auto records = ListAll(3, &sizes);
  EXPECT_EQ(sizes, (std::vector<int>{3, 3, 1}));
  std::vector<std::string> actions;
  for (const auto& r : records) actions.push_back(r.action());
  EXPECT_EQ(actions, (std::vector<std::string>{"IssueTicket", "ReceiveDossier", "OpenCounter", "Resolve",
                                               "CallNext", "ReceiveDossier", "Complete"}));
  for (size_t i = 1; i < records.size(); ++i) EXPECT_LE(records[i - 1].at_us(), records[i].at_us());
  EXPECT_EQ(records[0].source(), v1::AUDIT_QUEUE);
  EXPECT_EQ(records[1].source(), v1::AUDIT_DEADLINE);
  EXPECT_EQ(records[3].summary(), "Resolve " + code + " → RESOLVED (9)");
  EXPECT_EQ(records[4].summary(), "CallNext quầy 1 → A001");
  for (const auto& r : records) {
    EXPECT_EQ(r.centre_id(), kCentre);
    EXPECT_FALSE(r.peer().empty()) << r.summary();
    EXPECT_EQ(r.subject(), "anonymous") << "auth is off";
  }
  EXPECT_EQ(records[2].clerk_id(), "nv01");
  EXPECT_EQ(records[3].clerk_id(), "nv02");

  // One page of everything, the same order; the other centre has its own.
  EXPECT_EQ(ListAll(1000).size(), records.size());
  ASSERT_EQ(ListAll(10, nullptr, kOther).size(), 1u);
  // Another day is empty; day 0 is today.
  EXPECT_TRUE(ListAll(10, nullptr, kCentre, 20260303).empty());
  EXPECT_EQ(ListAll(10, nullptr, kCentre, kDay).size(), records.size());
}

TEST_F(AuditServiceTest, APageTokenContinuesExactlyWhileTheDayGoesOn) {
  Issue();
  v1::ListAuditRequest req;
  req.set_centre_id(kCentre);
  req.set_page_size(1);
  v1::ListAuditResponse first;
  ASSERT_TRUE(List(req, &first).ok());
  ASSERT_EQ(first.records_size(), 1);
  EXPECT_TRUE(first.next_page_token().empty()) << "nothing more yet";
  req.set_page_size(5);
  // A page ending mid-day, then more records: the token continues after them.
  Issue();
  Receive();
  v1::ListAuditResponse all;
  ASSERT_TRUE(List(req, &all).ok());
  ASSERT_EQ(all.records_size(), 3);
  req.set_page_size(2);
  v1::ListAuditResponse two;
  ASSERT_TRUE(List(req, &two).ok());
  ASSERT_FALSE(two.next_page_token().empty());
  clock_.Advance(kMicrosPerMinute);
  Issue();
  req.set_page_token(two.next_page_token());
  v1::ListAuditResponse rest;
  ASSERT_TRUE(List(req, &rest).ok());
  ASSERT_EQ(rest.records_size(), 2);
  EXPECT_EQ(rest.records(0).seq(), all.records(2).seq());
  EXPECT_EQ(rest.records(0).source(), all.records(2).source());
  EXPECT_EQ(rest.records(1).ticket_number(), "A003");
}

class AuthenticatedAuditTest : public AuditServiceTest {
 protected:
  AuthenticatedAuditTest() { auth_ = true; }
};

TEST_F(AuthenticatedAuditTest, TheAuthenticatedCallerIsRecordedAsTheClerkOfADossier) {
  const v1::Dossier d = Receive("lan", "CLERK");
  EXPECT_EQ(d.clerk_id(), "lan") << "the request said nv01";
  const auto records = ListAll(10);
  ASSERT_EQ(records.size(), 1u);
  EXPECT_EQ(records[0].subject(), "lan");
  EXPECT_EQ(records[0].role(), "CLERK");
  EXPECT_TRUE(records[0].authenticated());
  EXPECT_EQ(records[0].clerk_id(), "lan");
  EXPECT_NE(records[0].summary().find("Nguyễn Thị Ngọc Ánh"), std::string::npos)
      << "an applicant's name is part of the dossier";
}

TEST_F(AuditServiceTest, NoCitizenIdNumberIsEverInTheTrail) {
  const std::string citizen = "001203004567";
  Issue(kCentre, citizen);
  Issue(kCentre, citizen);
  std::string raw;
  for (auto it = server_.queue()->store()->Scan(storage::Cf::kAudit, "", ""); it->Valid(); it->Next()) {
    raw.append(it->key().data(), it->key().size());
    raw.append(it->value().data(), it->value().size());
  }
  ASSERT_FALSE(raw.empty());
  EXPECT_EQ(raw.find(citizen), std::string::npos);
  EXPECT_EQ(raw.find(server_.queue()->engine()->HashCitizen(citizen)), std::string::npos);
  for (const auto& r : ListAll(10)) EXPECT_EQ(r.DebugString().find(citizen), std::string::npos);
}

TEST_F(AuditServiceTest, BadRequestsAreRefusedNamingWhatIsWrong) {
  v1::ListAuditResponse resp;
  v1::ListAuditRequest req;
  req.set_centre_id("x1");
  EXPECT_TRUE(HasCode(List(req, &resp), StatusCode::INVALID_ARGUMENT, "centre_id must be 1-9 digits"));
  req.set_centre_id("999");
  EXPECT_TRUE(HasCode(List(req, &resp), StatusCode::NOT_FOUND, "centre 999 does not exist"));
  req.set_centre_id(kCentre);
  req.set_day(20260231);
  EXPECT_TRUE(HasCode(List(req, &resp), StatusCode::INVALID_ARGUMENT, "day must be a date yyyymmdd"));
  req.set_day(0);
  req.set_page_size(1001);
  EXPECT_TRUE(HasCode(List(req, &resp), StatusCode::INVALID_ARGUMENT, "page_size must be at most 1000"));
  req.set_page_size(0);
  req.set_page_token("101.20260302.x.0");
  EXPECT_TRUE(
      HasCode(List(req, &resp), StatusCode::INVALID_ARGUMENT, "page_token is not one this server gave"));
  req.set_page_token("101.20260301.1.1");
  EXPECT_TRUE(HasCode(List(req, &resp), StatusCode::INVALID_ARGUMENT, "belongs to another centre or day"));
  req.set_page_token("101.20260302.0.0");
  EXPECT_TRUE(List(req, &resp).ok());
}

TEST_F(AuditServiceTest, EveryAuditMethodAnswersBadBytesWithInvalidArgument) {
  qms::test::ExpectEveryMethodRefusesBadBytes(channel_, {"qms.v1.AuditService"});
}

TEST_F(AuditServiceTest, APageReadsOnlyTheStoresTheServerRuns) {
  Issue();
  Receive();
  v1::ListAuditResponse queue_only;
  ASSERT_TRUE(ReadAuditPage(server_.queue()->store(), nullptr, {101, kDay, 0, 0}, 10, &queue_only).ok());
  ASSERT_EQ(queue_only.records_size(), 1);
  EXPECT_EQ(queue_only.records(0).source(), v1::AUDIT_QUEUE);
  v1::ListAuditResponse deadline_only;
  ASSERT_TRUE(
      ReadAuditPage(nullptr, server_.deadline()->store(), {101, kDay, 0, 0}, 10, &deadline_only).ok());
  ASSERT_EQ(deadline_only.records_size(), 1);
  EXPECT_EQ(deadline_only.records(0).source(), v1::AUDIT_DEADLINE);
  EXPECT_TRUE(deadline_only.next_page_token().empty());
}

}  // namespace
}  // namespace qms::service
