// Smoke test of qms-bench's echo mode against an in-process EchoService on
// 127.0.0.1 with an ephemeral port: small rates, a second or two. It checks
// that the run completes and that the figures make sense, never how fast.
#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <nlohmann/json.hpp>

#include "bench/connections.h"
#include "bench/modes.h"
#include "services/echo_service/echo_service.h"

namespace qms::bench {
namespace {

class EchoSmokeTest : public ::testing::Test {
 protected:
  void SetUp() override {
    grpc::ServerBuilder builder;
    builder.AddListeningPort("127.0.0.1:0", grpc::InsecureServerCredentials(), &port_);
    builder.RegisterService(&echo_);
    server_ = builder.BuildAndStart();
    ASSERT_NE(server_, nullptr);
    ASSERT_GT(port_, 0);
    directory_ = std::filesystem::temp_directory_path() /
                 ("qms_bench_smoke_" + std::to_string(::getpid()) + "_" +
                  ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::create_directories(directory_);
  }

  void TearDown() override {
    if (server_) server_->Shutdown(std::chrono::system_clock::now() + std::chrono::seconds(2));
    std::filesystem::remove_all(directory_);
  }

  CommonOptions Options(const std::string& json_name) const {
    CommonOptions options;
    options.connection.target = "127.0.0.1:" + std::to_string(port_);
    options.connection.channels = 2;
    options.threads = 2;
    options.quiet = true;
    options.drain_seconds = 10;  // generous: a loaded CI machine must not fail the test
    options.json_path = (directory_ / json_name).string();
    return options;
  }

  static nlohmann::json ReadJson(const std::string& path) {
    std::ifstream in(path);
    return nlohmann::json::parse(in);
  }

  EchoServiceImpl echo_;
  std::unique_ptr<grpc::Server> server_;
  int port_ = 0;
  std::filesystem::path directory_;
};

TEST_F(EchoSmokeTest, OpenLoopRunAnswersEveryScheduledRequest) {
  CommonOptions options = Options("open.json");
  options.rate = 200;
  options.duration_seconds = 1.0;
  ASSERT_EQ(RunEchoMode(options, EchoOptions{32}), 0);

  const nlohmann::json result = ReadJson(options.json_path);
  EXPECT_EQ(result["mode"], "echo");
  const nlohmann::json& run = result["runs"][0];
  EXPECT_TRUE(run["completed"].get<bool>());
  EXPECT_EQ(run["loop"], "open");
  EXPECT_DOUBLE_EQ(run["offered_per_second"].get<double>(), 200);
  // A constant 200/s for one second schedules exactly 200 requests.
  const nlohmann::json& operation = run["metrics"]["operation"];
  EXPECT_EQ(operation["ok"].get<uint64_t>(), 200u);
  EXPECT_EQ(operation["failed"].get<uint64_t>(), 0u);
  EXPECT_EQ(run["metrics"]["Echo"]["ok"].get<uint64_t>(), 200u);
  const nlohmann::json& latency = operation["latency_us"];
  EXPECT_LE(latency["p50"].get<uint64_t>(), latency["p99"].get<uint64_t>());
  EXPECT_LE(latency["p99"].get<uint64_t>(), latency["p999"].get<uint64_t>());
  EXPECT_LE(latency["p999"].get<uint64_t>(), latency["max"].get<uint64_t>());
  EXPECT_GT(latency["max"].get<uint64_t>(), 0u);
  EXPECT_GT(run["achieved_per_second"].get<double>(), 0);
  EXPECT_FALSE(run["series"].empty());
  // The plot files sit beside the JSON, whether or not gnuplot exists here.
  EXPECT_TRUE(std::filesystem::exists(directory_ / "open.dat"));
  EXPECT_TRUE(std::filesystem::exists(directory_ / "open.gp"));
}

TEST_F(EchoSmokeTest, ClosedLoopRunStopsAtItsBudget) {
  CommonOptions options = Options("closed.json");
  options.rate = 0;
  options.in_flight = 8;
  options.max_units = 500;
  options.duration_seconds = 60;  // the budget ends it first
  ASSERT_EQ(RunEchoMode(options, EchoOptions{0}), 0);

  const nlohmann::json run = ReadJson(options.json_path)["runs"][0];
  EXPECT_EQ(run["loop"], "closed");
  EXPECT_EQ(run["metrics"]["operation"]["ok"].get<uint64_t>(), 500u);
  EXPECT_EQ(run["metrics"]["operation"]["failed"].get<uint64_t>(), 0u);
}

TEST_F(EchoSmokeTest, NoServerFailsAtConnect) {
  CommonOptions options = Options("gone.json");
  options.rate = 100;
  options.duration_seconds = 1.0;
  options.connection.connect_timeout_seconds = 1;
  server_->Shutdown(std::chrono::system_clock::now());
  server_.reset();
  // Nothing listens any more: the mode says so and writes no result.
  EXPECT_EQ(RunEchoMode(options, EchoOptions{0}), 1);
  EXPECT_FALSE(std::filesystem::exists(options.json_path));
}

TEST(ConnectionsTest, OnlyLoopbackTargetsUnlessAllowed) {
  EXPECT_TRUE(IsLoopbackTarget("127.0.0.1:50051"));
  EXPECT_TRUE(IsLoopbackTarget("127.3.2.1:1"));
  EXPECT_TRUE(IsLoopbackTarget("localhost:50051"));
  EXPECT_TRUE(IsLoopbackTarget("[::1]:50051"));
  EXPECT_TRUE(IsLoopbackTarget("ipv4:127.0.0.1:50051"));
  EXPECT_TRUE(IsLoopbackTarget("dns:///localhost:50051"));
  EXPECT_TRUE(IsLoopbackTarget("unix:/tmp/qms.sock"));
  EXPECT_FALSE(IsLoopbackTarget("10.0.0.5:50051"));
  EXPECT_FALSE(IsLoopbackTarget("qms.example.vn:443"));
  EXPECT_FALSE(IsLoopbackTarget("127.example.com:1"));
  EXPECT_FALSE(IsLoopbackTarget("[2001:db8::1]:50051"));

  ConnectionOptions options;
  options.target = "192.0.2.10:50051";
  std::unique_ptr<Connections> connections;
  const grpc::Status status = Connections::Open(options, &connections);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(connections, nullptr);
}

}  // namespace
}  // namespace qms::bench
