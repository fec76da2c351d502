#include "tests/access/auth_fixture.h"

#include <google/protobuf/descriptor.h>

#include <boost/asio/post.hpp>
#include <chrono>
#include <future>
#include <map>

#include "services/config/config_loader.h"
#include "tests/access/test_keys.h"

namespace qms::access::test {

namespace {

const char kConfigYaml[] = R"(
access:
  rate_limits:
    kiosk: {per_second: 10, burst: 20}
    board: {per_second: 0}
    clerk: {per_second: 0}
    supervisor: {per_second: 0}
hours:
  weekdays: ["07:30-11:30", "13:30-17:00"]
templates:
  ward:
    fields:
      - {id: chung_thuc, prefix: A, name_vi: "Chứng thực", name_en: "Certification"}
      - {id: ho_tich, prefix: B, name_vi: "Hộ tịch", name_en: "Civil status"}
    counters:
      - {id: "1", name: "Quầy 1", fields: {chung_thuc: 1.0, ho_tich: 1.0}}
      - {id: "2", name: "Quầy 2", fields: {ho_tich: 1.0}}
centres:
  - {id: "101", name_vi: "Phường Kinh Bắc", province: "Bắc Ninh", agency_code: "000.17.22.H56", template: ward}
  - {id: "202", name_vi: "Phường Kiến An", province: "Hải Phòng", agency_code: "000.14.31.H27", template: ward}
  - {id: "404", name_vi: "Xã Tây Yên Tử", province: "Bắc Ninh", agency_code: "000.30.22.H56", template: ward}
)";

}  // namespace

AuthServiceTest::AuthServiceTest() : clock_(LocalMoment(LocalDate{2025, 7, 1}, 8 * 60)) {}

void AuthServiceTest::SetUp() {
  auto config = config::ParseSystemConfig(kConfigYaml, "auth_test.yaml");
  ASSERT_TRUE(config.ok()) << config.status().ToString();
  config_ = std::move(*config);
  auto signer = KeyRing::Parse(TwoKeysFile(), "keys.txt");
  ASSERT_TRUE(signer.ok()) << signer.status().ToString();
  signer_ = std::move(*signer);
  OpenServer(TwoKeysFile());
}

void AuthServiceTest::TearDown() { CloseServer(); }

void AuthServiceTest::OpenServer(const std::string& keys_file) {
  auto keys = KeyRing::Parse(keys_file, "server-keys.txt");
  ASSERT_TRUE(keys.ok()) << keys.status().ToString();
  gate_ = AccessGate::WithAuth(std::move(*keys), config_, &clock_);
  io_ = std::make_unique<boost::asio::io_context>();
  work_ = std::make_unique<boost::asio::executor_work_guard<boost::asio::io_context::executor_type>>(
      io_->get_executor());
  io_thread_ = std::thread([this] { io_->run(); });
  auto queue = service::QueueStack::Open(&config_, dir_.path() + "/queue", &clock_, gate_.get());
  ASSERT_TRUE(queue.ok()) << queue.status().ToString();
  queue_ = std::move(*queue);
  auto inputs = service::LoadDeadlineInputs(
      std::string(QMS_SOURCE_DIR) + "/config/procedures.csv",
      std::string(QMS_SOURCE_DIR) + "/services/calendar/calendar_overrides.yaml", config_);
  ASSERT_TRUE(inputs.ok()) << inputs.status().ToString();
  auto deadline = service::DeadlineStack::Open(&config_, std::move(*inputs), dir_.path() + "/deadline",
                                               &clock_, io_.get(), gate_.get());
  ASSERT_TRUE(deadline.ok()) << deadline.status().ToString();
  deadline_ = std::move(*deadline);
  std::map<std::string, uint32_t> centre_keys;
  for (const auto& c : config_.centres) centre_keys.emplace(c.id, c.key);
  audit_ = std::make_unique<service::AuditServiceImpl>(
      std::move(centre_keys), service::AuditStores{queue_->store(), deadline_->store()}, &clock_,
      gate_.get());
  admin_ = std::make_unique<service::AdminServiceImpl>(
      service::AdminStores{queue_->store(), deadline_->store()}, gate_.get());
  grpc::ServerBuilder builder;
  queue_->RegisterServices(&builder);
  deadline_->RegisterServices(&builder);
  builder.RegisterService(audit_.get());
  builder.RegisterService(admin_.get());
  server_ = builder.BuildAndStart();
  ASSERT_NE(server_, nullptr);
  channel_ = server_->InProcessChannel(grpc::ChannelArguments());
}

void AuthServiceTest::CloseServer() {
  if (deadline_) {
    // As qms-server does: stop the deadline timer and watch on the io
    // thread, stop serving, stop the io thread, then the stacks, then the gate.
    std::promise<void> stopped;
    boost::asio::post(*io_, [this, &stopped] {
      deadline_->Stop();
      stopped.set_value();
    });
    stopped.get_future().wait();
  }
  channel_.reset();
  if (server_) server_->Shutdown(std::chrono::system_clock::now() + std::chrono::seconds(5));
  server_.reset();
  if (io_) {
    work_.reset();
    io_->stop();
    io_thread_.join();
  }
  audit_.reset();
  admin_.reset();
  deadline_.reset();
  queue_.reset();
  io_.reset();
  gate_.reset();
}

std::string AuthServiceTest::Token(Role role, const std::string& subject, const Coverage& coverage,
                                   const std::string& key_id, int64_t ttl_s) {
  v1::TokenClaims claims;
  claims.set_role(role);
  claims.set_subject(subject);
  for (const auto& id : coverage.centres) claims.add_centres(id);
  claims.set_province(coverage.province);
  claims.set_all_centres(coverage.all);
  const int64_t now = clock_.Now() / kMicrosPerSecond;
  claims.set_issued_at_s(now - 60);
  claims.set_expires_at_s(now + ttl_s);
  auto token = SignToken(claims, *signer_.Find(key_id));
  EXPECT_TRUE(token.ok()) << token.status().ToString();
  return token.ok() ? *token : "";
}

qms::test::RawReply AuthServiceTest::Call(const std::string& method, const google::protobuf::Message& request,
                                          const std::string& authorization) {
  const auto* service = google::protobuf::DescriptorPool::generated_pool()->FindServiceByName(
      method.substr(1, method.find('/', 1) - 1));
  const auto* descriptor =
      service ? service->FindMethodByName(method.substr(method.find('/', 1) + 1)) : nullptr;
  EXPECT_NE(descriptor, nullptr) << method;
  const bool stream = descriptor && descriptor->server_streaming();
  return qms::test::RawCall(channel_, method, request.SerializeAsString(), 10, authorization,
                            stream ? 1 : 100);
}

::testing::AssertionResult Refused(const qms::test::RawReply& reply, grpc::StatusCode code,
                                   const std::string& message) {
  if (reply.status.error_code() != code) {
    return ::testing::AssertionFailure() << "code " << reply.status.error_code() << " ("
                                         << reply.status.error_message() << "), expected " << code;
  }
  if (reply.messages != 0)
    return ::testing::AssertionFailure() << reply.messages << " messages before the refusal";
  if (reply.status.error_message().find(message) == std::string::npos) {
    return ::testing::AssertionFailure()
           << "message \"" << reply.status.error_message() << "\" lacks \"" << message << "\"";
  }
  return ::testing::AssertionSuccess();
}

::testing::AssertionResult PassedTheGate(const qms::test::RawReply& reply) {
  const auto code = reply.status.error_code();
  const bool gate = code == grpc::StatusCode::UNAUTHENTICATED ||
                    code == grpc::StatusCode::PERMISSION_DENIED ||
                    reply.status.error_message().rfind("too many calls", 0) == 0;
  if (gate) {
    return ::testing::AssertionFailure()
           << "refused by the gate: " << code << " " << reply.status.error_message();
  }
  return ::testing::AssertionSuccess() << code << " " << reply.status.error_message();
}

}  // namespace qms::access::test
