#include "tests/queue_service/queue_service_fixture.h"

#include <stdlib.h>

#include <algorithm>
#include <chrono>
#include <filesystem>

#include "services/config/config_loader.h"

namespace qms::service::test {

// Seven centres in three provinces, in this order (ListCentres pages them).
const char kTestConfigYaml[] = R"(
policy:
  number_start: 1
  priority_ratio: 2
  max_wait_minutes: 60
  auto_no_show_minutes: 5
  citizen_daily_cap: 2
  citizen_field_cap: 1
  stop_when_wait_past_closing: true
  accept_outside_hours: false
  default_service_minutes: 8
hours:
  weekdays: ["07:30-11:30", "13:30-17:00"]
  saturday: []
  sunday: []
templates:
  ward:
    fields:
      - {id: chung_thuc, prefix: A, name_vi: "Chứng thực", name_en: "Certification", service_minutes: 5}
      - {id: ho_tich, prefix: B, name_vi: "Hộ tịch", name_en: "Civil status", service_minutes: 10, daily_cap: 3}
      - {id: dat_dai, prefix: C, name_vi: "Đất đai", name_en: "Land", service_minutes: 15}
    counters:
      - {id: "1", name: "Quầy 1", fields: {chung_thuc: 1.0}}
      - {id: "2", name: "Quầy 2", fields: {chung_thuc: 1.0, ho_tich: 0.5}}
      - {id: "3", name: "Quầy 3", fields: {ho_tich: 1.0, dat_dai: 1.0}}
      - {id: "9", name: "Quầy ưu tiên", fields: {chung_thuc: 1.0, ho_tich: 1.0}, priority_counter: true}
centres:
  - id: "101"
    name_vi: "Phường Kinh Bắc"
    name_en: "Kinh Bac Ward"
    province: "Bắc Ninh"
    agency_code: "000.17.22.H56"
    template: ward
  - id: "202"
    name_vi: "Phường Kiến An"
    name_en: "Kien An Ward"
    province: "Hải Phòng"
    agency_code: "000.14.31.H27"
    template: ward
    policy: {number_start: 100}
  - id: "303"
    name_vi: "Phường Hoàn Kiếm"
    name_en: "Hoan Kiem Ward"
    province: "Hà Nội"
    agency_code: "000.01.01.H26"
    template: ward
    policy: {stop_when_wait_past_closing: false, citizen_daily_cap: 0, citizen_field_cap: 0}
  - id: "404"
    name_vi: "Xã Tây Yên Tử"
    name_en: "Tay Yen Tu Commune"
    province: "Bắc Ninh"
    agency_code: "000.30.22.H56"
    template: ward
    policy: {accept_outside_hours: true}
  - id: "505"
    name_vi: "Phường Ngô Quyền"
    name_en: "Ngo Quyen Ward"
    province: "Hải Phòng"
    agency_code: "000.12.31.H27"
    template: ward
  - id: "606"
    name_vi: "Phường Võ Cường"
    name_en: "Vo Cuong Ward"
    province: "Bắc Ninh"
    agency_code: "000.18.22.H56"
    template: ward
  - id: "707"
    name_vi: "Phường Ba Đình"
    name_en: "Ba Dinh Ward"
    province: "Hà Nội"
    agency_code: "000.02.01.H26"
    template: ward
)";

MicrosUtc TuesdayAt(int hour, int minute) { return LocalMoment(LocalDate{2025, 7, 1}, hour * 60 + minute); }

void SetDeadline(grpc::ClientContext* ctx, int seconds) {
  ctx->set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(seconds));
}

grpc::Status Watcher::Finish() {
  if (finished) return grpc::Status(grpc::StatusCode::UNKNOWN, "already finished");
  finished = true;
  return reader->Finish();
}

Watcher::~Watcher() {
  if (finished || !reader) return;
  ctx.TryCancel();
  v1::CentreEvent drain;
  for (int i = 0; i < 100000 && reader->Read(&drain); ++i) {
  }
  reader->Finish().ok();
}

// ---------------------------------------------------------------- fixture

QueueServiceTest::QueueServiceTest() : clock_(TuesdayAt(8, 0)) {}

void QueueServiceTest::SetUp() {
  auto parsed = config::ParseSystemConfig(kTestConfigYaml, "queue_service_test.yaml");
  ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
  config_ = std::move(*parsed);
  std::string pattern = (std::filesystem::temp_directory_path() / "qms_queue_service_XXXXXX").string();
  ASSERT_NE(mkdtemp(pattern.data()), nullptr);
  dir_ = pattern;
  OpenStack();
}

void QueueServiceTest::TearDown() {
  CloseStack();
  std::error_code ec;
  std::filesystem::remove_all(dir_, ec);
}

void QueueServiceTest::OpenStack(storage::StoreOptions store) {
  QueueStackOptions options = stack_options_;
  options.store = std::move(store);
  auto stack = QueueStack::Open(&config_, dir_, &clock_, gate_.get(), std::move(options));
  ASSERT_TRUE(stack.ok()) << stack.status().ToString();
  stack_ = std::move(*stack);
  grpc::ServerBuilder builder;
  stack_->RegisterServices(&builder);
  if (listen_on_loopback_) {
    builder.AddListeningPort("127.0.0.1:0", grpc::InsecureServerCredentials(), &loopback_port_);
  }
  server_ = builder.BuildAndStart();
  ASSERT_NE(server_, nullptr);
  channel_ = server_->InProcessChannel(grpc::ChannelArguments());
  intake_ = v1::IntakeService::NewStub(channel_);
  counters_ = v1::CounterService::NewStub(channel_);
  watch_ = v1::WatchService::NewStub(channel_);
  directory_ = v1::DirectoryService::NewStub(channel_);
  stats_ = v1::StatsService::NewStub(channel_);
}

void QueueServiceTest::CloseStack() {
  intake_.reset();
  counters_.reset();
  watch_.reset();
  directory_.reset();
  stats_.reset();
  channel_.reset();
  if (server_) {
    server_->Shutdown(std::chrono::system_clock::now() + std::chrono::seconds(5));
    server_.reset();
  }
  stack_.reset();
}

// ---------------------------------------------------------------- intake

grpc::Status QueueServiceTest::Issue(const v1::IssueTicketRequest& req, v1::IssueTicketResponse* resp) {
  grpc::ClientContext ctx;
  SetDeadline(&ctx);
  return intake_->IssueTicket(&ctx, req, resp);
}

v1::IssueTicketRequest QueueServiceTest::IssueRequest(const std::string& field, const std::string& request_id,
                                                      const std::string& centre) const {
  v1::IssueTicketRequest req;
  req.set_centre_id(centre);
  req.set_field_id(field);
  req.set_request_id(request_id);
  return req;
}

v1::IssueTicketResponse QueueServiceTest::MustIssue(const std::string& field, v1::PriorityClass priority,
                                                    const std::string& centre) {
  v1::IssueTicketRequest req = IssueRequest(field, "kiosk-req-" + std::to_string(++next_request_), centre);
  req.set_priority(priority);
  v1::IssueTicketResponse resp;
  const grpc::Status s = Issue(req, &resp);
  EXPECT_TRUE(s.ok()) << field << ": " << s.error_message();
  return resp;
}

grpc::Status QueueServiceTest::Get(const std::string& number, v1::GetTicketResponse* resp,
                                   const std::string& centre) {
  grpc::ClientContext ctx;
  SetDeadline(&ctx);
  v1::GetTicketRequest req;
  req.set_centre_id(centre);
  req.set_number(number);
  return intake_->GetTicket(&ctx, req, resp);
}

v1::GetTicketResponse QueueServiceTest::MustGet(const std::string& number, const std::string& centre) {
  v1::GetTicketResponse resp;
  const grpc::Status s = Get(number, &resp, centre);
  EXPECT_TRUE(s.ok()) << number << ": " << s.error_message();
  return resp;
}

grpc::Status QueueServiceTest::Cancel(const std::string& number, v1::TicketResponse* resp,
                                      const std::string& reason) {
  grpc::ClientContext ctx;
  SetDeadline(&ctx);
  v1::CancelTicketRequest req;
  req.set_centre_id(kCentre);
  req.set_number(number);
  req.set_reason(reason);
  return intake_->CancelTicket(&ctx, req, resp);
}

std::vector<v1::IssueTicketResponse> QueueServiceTest::IssueMany(const std::string& centre,
                                                                 const std::string& field, int n,
                                                                 const std::string& same_request_id) {
  struct Call {
    grpc::ClientContext ctx;
    v1::IssueTicketResponse resp;
    grpc::Status status;
    std::unique_ptr<grpc::ClientAsyncResponseReader<v1::IssueTicketResponse>> rpc;
  };
  constexpr int kBatch = 200;
  std::vector<v1::IssueTicketResponse> succeeded;
  grpc::CompletionQueue cq;
  for (int start = 0; start < n; start += kBatch) {
    const int count = std::min(kBatch, n - start);
    std::vector<std::unique_ptr<Call>> calls;
    for (int i = 0; i < count; ++i) {
      auto call = std::make_unique<Call>();
      SetDeadline(&call->ctx, 60);
      const std::string request_id =
          same_request_id.empty() ? "bulk-" + std::to_string(start + i) : same_request_id;
      const v1::IssueTicketRequest req = IssueRequest(field, request_id, centre);
      call->rpc = intake_->AsyncIssueTicket(&call->ctx, req, &cq);
      call->rpc->Finish(&call->resp, &call->status, call.get());
      calls.push_back(std::move(call));
    }
    // Every call has a deadline, so each completes and Next returns.
    for (int i = 0; i < count; ++i) {
      void* tag = nullptr;
      bool ok = false;
      EXPECT_TRUE(cq.Next(&tag, &ok));
    }
    for (const auto& call : calls) {
      if (call->status.ok()) {
        succeeded.push_back(call->resp);
      } else {
        ADD_FAILURE() << "bulk issue refused: " << call->status.error_message();
      }
    }
  }
  cq.Shutdown();
  void* tag = nullptr;
  bool ok = false;
  while (cq.Next(&tag, &ok)) {
  }
  return succeeded;
}

// ---------------------------------------------------------------- counters

grpc::Status QueueServiceTest::CounterCall(CounterMethod method, const std::string& counter,
                                           v1::CounterResponse* resp, const std::string& clerk,
                                           const std::string& reason) {
  grpc::ClientContext ctx;
  SetDeadline(&ctx);
  v1::CounterRequest req;
  req.set_centre_id(kCentre);
  req.set_counter_id(counter);
  req.set_clerk_id(clerk);
  req.set_reason(reason);
  return (counters_.get()->*method)(&ctx, req, resp);
}

grpc::Status QueueServiceTest::Open(const std::string& counter, v1::CounterResponse* resp,
                                    const std::string& clerk) {
  return CounterCall(&v1::CounterService::Stub::OpenCounter, counter, resp,
                     clerk.empty() ? "clerk-" + counter : clerk);
}

void QueueServiceTest::MustOpen(const std::string& counter) {
  v1::CounterResponse resp;
  const grpc::Status s = Open(counter, &resp);
  ASSERT_TRUE(s.ok()) << counter << ": " << s.error_message();
  EXPECT_EQ(resp.counter().state(), v1::OPEN);
}

grpc::Status QueueServiceTest::CallNext(const std::string& counter, v1::TicketResponse* resp) {
  grpc::ClientContext ctx;
  SetDeadline(&ctx);
  v1::CounterRequest req;
  req.set_centre_id(kCentre);
  req.set_counter_id(counter);
  req.set_clerk_id("clerk-" + counter);
  return counters_->CallNext(&ctx, req, resp);
}

std::string QueueServiceTest::MustCallNext(const std::string& counter) {
  v1::TicketResponse resp;
  const grpc::Status s = CallNext(counter, &resp);
  EXPECT_TRUE(s.ok()) << "CallNext at " << counter << ": " << s.error_message();
  if (!s.ok()) return "";
  EXPECT_EQ(resp.ticket().state(), v1::CALLED);
  EXPECT_EQ(resp.ticket().counter_id(), counter);
  return resp.ticket().number();
}

grpc::Status QueueServiceTest::Act(TicketMethod method, const std::string& counter, const std::string& number,
                                   v1::TicketResponse* resp) {
  grpc::ClientContext ctx;
  SetDeadline(&ctx);
  v1::TicketActionRequest req;
  req.set_centre_id(kCentre);
  req.set_counter_id(counter);
  req.set_clerk_id(counter.empty() ? "" : "clerk-" + counter);
  req.set_number(number);
  return (counters_.get()->*method)(&ctx, req, resp);
}

v1::Ticket QueueServiceTest::MustAct(TicketMethod method, const std::string& counter,
                                     const std::string& number) {
  v1::TicketResponse resp;
  const grpc::Status s = Act(method, counter, number, &resp);
  EXPECT_TRUE(s.ok()) << "counter " << counter << " ticket " << number << ": " << s.error_message();
  return resp.ticket();
}

grpc::Status QueueServiceTest::Transfer(const v1::TransferRequest& req, v1::TicketResponse* resp) {
  grpc::ClientContext ctx;
  SetDeadline(&ctx);
  return counters_->Transfer(&ctx, req, resp);
}

grpc::Status QueueServiceTest::Rate(const std::string& number, const std::string& counter, v1::Rating rating,
                                    v1::TicketResponse* resp, const std::string& clerk) {
  grpc::ClientContext ctx;
  SetDeadline(&ctx);
  v1::RateServiceRequest req;
  req.set_centre_id(kCentre);
  req.set_number(number);
  req.set_counter_id(counter);
  req.set_clerk_id(clerk);
  req.set_rating(rating);
  return counters_->RateService(&ctx, req, resp);
}

// ---------------------------------------------------------------- statistics

grpc::Status QueueServiceTest::DayStats(const std::string& centre, v1::DayStats* resp) {
  grpc::ClientContext ctx;
  SetDeadline(&ctx);
  v1::DayStatsRequest req;
  req.set_centre_id(centre);
  return stats_->GetDayStats(&ctx, req, resp);
}

v1::DayStats QueueServiceTest::MustDayStats(const std::string& centre) {
  v1::DayStats resp;
  const grpc::Status s = DayStats(centre, &resp);
  EXPECT_TRUE(s.ok()) << centre << ": " << s.error_message();
  return resp;
}

// ---------------------------------------------------------------- watch

std::unique_ptr<Watcher> QueueServiceTest::Watch(const std::string& centre, uint64_t resume_after,
                                                 int deadline_s) {
  auto w = std::make_unique<Watcher>();
  SetDeadline(&w->ctx, deadline_s);
  v1::WatchCentreRequest req;
  req.set_centre_id(centre);
  req.set_resume_after_seq(resume_after);
  w->reader = watch_->WatchCentre(&w->ctx, req);
  return w;
}

v1::CentreEvent QueueServiceTest::Snapshot(const std::string& centre) {
  auto w = Watch(centre);
  v1::CentreEvent first;
  EXPECT_TRUE(w->Next(&first)) << "no snapshot from centre " << centre;
  EXPECT_TRUE(first.has_snapshot());
  first.clear_at_us();
  return first;
}

const v1::Counter* QueueServiceTest::FindCounter(const v1::CentreSnapshot& s, const std::string& id) {
  for (const auto& c : s.counters()) {
    if (c.counter_id() == id) return &c;
  }
  return nullptr;
}

const v1::FieldQueue* QueueServiceTest::FindQueue(const v1::CentreSnapshot& s, const std::string& field) {
  for (const auto& q : s.queues()) {
    if (q.field_id() == field) return &q;
  }
  return nullptr;
}

}  // namespace qms::service::test
