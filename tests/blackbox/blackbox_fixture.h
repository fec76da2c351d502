// The fixture of the black-box tests: a temp dir with the two-centre config
// and a data dir, one real qms-server started for each test and always
// killed in TearDown.
#pragma once

#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>

#include <ctime>
#include <memory>
#include <string>

#include "qms/v1/queue.grpc.pb.h"
#include "tests/blackbox/child_process.h"

namespace qms::blackbox {

class BlackBoxTest : public ::testing::Test {
 protected:
  void SetUp() override {
    // The queue belongs to a service day; across local midnight every
    // waiting ticket would expire and the checks would not hold.
    const long local_second = static_cast<long>((std::time(nullptr) + 7 * 3600) % 86400);
    if (local_second > 86400 - 300) GTEST_SKIP() << "within 5 minutes of midnight in Asia/Ho_Chi_Minh";
    config_path_ = dir_.path() + "/centres.yaml";
    data_dir_ = dir_.path() + "/data";
    WriteFile(config_path_, TwoCentreConfigYaml());
    std::string error;
    ASSERT_TRUE(StartServer(&error)) << error;
  }

  void TearDown() override {
    if (server_) server_->Kill();
  }

  // Starts a server on the same config and data dir (after a kill: a restart).
  bool StartServer(std::string* error) {
    if (server_) server_->Kill();
    const std::string log = dir_.path() + "/server-" + std::to_string(starts_++) + ".log";
    server_ = std::make_unique<ServerProcess>(config_path_, data_dir_, log);
    if (!server_->Start(std::chrono::seconds(60), error)) return false;
    channel_ = grpc::CreateChannel(server_->address(), grpc::InsecureChannelCredentials());
    intake_ = v1::IntakeService::NewStub(channel_);
    counters_ = v1::CounterService::NewStub(channel_);
    return true;
  }

  static std::unique_ptr<grpc::ClientContext> Ctx(int seconds = 5) {
    auto ctx = std::make_unique<grpc::ClientContext>();
    ctx->set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(seconds));
    return ctx;
  }

  CommandResult Qmsctl(const std::vector<std::string>& args) { return RunQmsctl(server_->address(), args); }

  TempDir dir_;
  std::string config_path_;
  std::string data_dir_;
  int starts_ = 0;
  std::unique_ptr<ServerProcess> server_;
  std::shared_ptr<grpc::Channel> channel_;
  std::unique_ptr<v1::IntakeService::Stub> intake_;
  std::unique_ptr<v1::CounterService::Stub> counters_;
};

}  // namespace qms::blackbox
