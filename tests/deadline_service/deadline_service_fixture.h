// The fixture of the in-process gRPC tests of DeadlineService: the whole
// server in process (tests/support/in_process_server.h), whose DeadlineStack
// (RocksDB in a fresh temp directory, group-commit writer, engine, watch)
// has the shipped procedure catalogue and calendar overrides, reached
// through its in-process channel. Time is a ManualClock that starts on
// Monday 2 March 2026 at 08:00.
//
// Every client call carries a deadline, so a bug can fail a test but never
// hang the suite.
#pragma once

#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "qms/v1/deadline.grpc.pb.h"
#include "services/base/clock.h"
#include "services/deadline_service/deadline_stack.h"
#include "tests/support/grpc_status_assertions.h"
#include "tests/support/in_process_server.h"
#include "tests/support/temp_dir.h"

namespace qms::service::test {

inline constexpr char kCentre[] = "101";  // agency 000.17.22.H56, Bắc Ninh
inline constexpr char kOther[] = "202";   // agency 000.14.31.H27, Hải Phòng
inline constexpr char kUnknownCentre[] = "999";
inline constexpr char kCopy[] = "2.000815";      // same day, 2,000 VND
inline constexpr char kBusiness[] = "1.001612";  // 3 working days

inline MicrosUtc At(int y, int m, int d, int hour, int minute) {
  return LocalMoment(LocalDate{y, m, d}, hour * 60 + minute);
}

using qms::test::HasCode;

class DeadlineServiceTest : public ::testing::Test {
 protected:
  DeadlineServiceTest();
  void SetUp() override;
  void TearDown() override;
  // `store` as the stack's StoreOptions (its path is set by the stack):
  // fault tests pass a failing disk (tests/storage/failing_env.h).
  void OpenStack(storage::StoreOptions store = {});
  void CloseStack();

  static void SetDeadline(grpc::ClientContext* ctx, int seconds = 10);

  v1::ReceiveDossierRequest ReceiveRequest(const std::string& procedure, const std::string& centre = kCentre);
  grpc::Status Receive(const v1::ReceiveDossierRequest& req, v1::ReceiveDossierResponse* resp);
  // Receives with a fresh request id; fails the test if refused.
  v1::Dossier MustReceive(const std::string& procedure = kCopy, bool online = false);
  grpc::Status Get(const std::string& code, v1::DossierResponse* resp);
  using ActionMethod = grpc::Status (v1::DeadlineService::Stub::*)(grpc::ClientContext*,
                                                                   const v1::DossierActionRequest&,
                                                                   v1::DossierResponse*);
  grpc::Status Act(ActionMethod method, const std::string& code, v1::DossierResponse* resp,
                   const std::string& reason = "");
  grpc::Status Extend(const v1::ExtendDeadlineRequest& req, v1::ExtendDeadlineResponse* resp);
  grpc::Status List(const v1::ListDossiersRequest& req, v1::ListDossiersResponse* resp);
  grpc::Status Report(const v1::DailyReportRequest& req, v1::DailyReport* resp);
  grpc::Status Procedures(const std::string& field, v1::ListProceduresResponse* resp);

  // The stack under test, between OpenStack and CloseStack.
  DeadlineStack* stack() const { return server_.deadline(); }

  ManualClock clock_;
  config::SystemConfig config_;
  qms::test::TempDir dir_;
  // Auth off, as qms-server --insecure-no-auth: these tests are about
  // dossiers; tests/access checks the gate with auth on.
  std::unique_ptr<access::AccessGate> gate_ = access::AccessGate::InsecureNoAuth();
  // The whole server in process (a fresh io_context per start, so handlers
  // a closing stack leaves queued are destroyed with it, never run).
  qms::test::InProcessServer server_;
  std::shared_ptr<grpc::Channel> channel_;
  std::unique_ptr<v1::DeadlineService::Stub> stub_;
  int next_request_ = 0;
};

}  // namespace qms::service::test
