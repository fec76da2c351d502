// The fixture of the in-process tests with access control on: the queue and
// the deadline stacks and the audit trail behind one gate with auth on (keys k1 and k2, made
// afresh for the run), one grpc::Server with no listening port reached
// through its in-process channel. Tokens are signed in the test. One
// ManualClock (Tuesday 2025-07-01 08:00 local) drives the engines, token
// expiry and the rate limits, so nothing depends on how fast the machine is.
//
// Centres: 101 and 404 in Bắc Ninh, 202 in Hải Phòng (agency codes below).
// Rate limits: KIOSK 10 a second, burst 20; every other role unlimited, so
// only the rate-limit test meets a limit.
#pragma once

#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "services/access/access_gate.h"
#include "services/admin_service/admin_service.h"
#include "services/audit_service/audit_service.h"
#include "services/deadline_service/deadline_stack.h"
#include "services/queue_service/queue_stack.h"
#include "tests/support/raw_grpc_call.h"
#include "tests/support/temp_dir.h"

namespace qms::access::test {

inline constexpr char kBacNinh1[] = "101";  // agency 000.17.22.H56
inline constexpr char kHaiPhong[] = "202";  // agency 000.14.31.H27
inline constexpr char kBacNinh2[] = "404";  // agency 000.30.22.H56
inline constexpr char kUnknown[] = "999";
// Dossier codes whose agency belongs to 101 and to 202 (no such dossier).
inline constexpr char kCodeOf101[] = "000.17.22.H56-250701-0001";
inline constexpr char kCodeOf202[] = "000.14.31.H27-250701-0001";

// What a token covers: exactly one of the three.
struct Coverage {
  std::vector<std::string> centres;
  std::string province;
  bool all = false;
};
inline Coverage Centres(std::vector<std::string> ids) { return {std::move(ids), "", false}; }
inline Coverage Province(std::string name) { return {{}, std::move(name), false}; }
inline Coverage AllCentres() { return {{}, "", true}; }

class AuthServiceTest : public ::testing::Test {
 protected:
  AuthServiceTest();
  void SetUp() override;
  void TearDown() override;

  // Starts the server with a gate that verifies with `keys_file` (text).
  void OpenServer(const std::string& keys_file);
  void CloseServer();

  // A token signed with `key_id` of both test keys, valid from a minute ago
  // for `ttl_s` seconds of the fixture's clock.
  std::string Token(Role role, const std::string& subject, const Coverage& coverage,
                    const std::string& key_id = "k1", int64_t ttl_s = 3600);
  // "Bearer " + Token(...).
  std::string Bearer(Role role, const std::string& subject, const Coverage& coverage,
                     const std::string& key_id = "k1", int64_t ttl_s = 3600) {
    return "Bearer " + Token(role, subject, coverage, key_id, ttl_s);
  }

  // Calls `method` ("/qms.v1.X/Y") with `request`; for a stream, reads at
  // most one message and then cancels.
  qms::test::RawReply Call(const std::string& method, const google::protobuf::Message& request,
                           const std::string& authorization);

  ManualClock clock_;
  config::SystemConfig config_;
  qms::test::TempDir dir_;
  KeyRing signer_;  // k1 and k2, both secret
  std::unique_ptr<boost::asio::io_context> io_;
  std::unique_ptr<boost::asio::executor_work_guard<boost::asio::io_context::executor_type>> work_;
  std::thread io_thread_;
  std::unique_ptr<AccessGate> gate_;
  std::unique_ptr<service::QueueStack> queue_;
  std::unique_ptr<service::DeadlineStack> deadline_;
  std::unique_ptr<service::AuditServiceImpl> audit_;  // reads both stacks' stores
  std::unique_ptr<service::AdminServiceImpl> admin_;  // backs both stacks' stores up
  std::unique_ptr<grpc::Server> server_;
  std::shared_ptr<grpc::Channel> channel_;
};

// Passes when `reply` is the gate refusing with `code` before any message,
// with `message` in the text.
::testing::AssertionResult Refused(const qms::test::RawReply& reply, grpc::StatusCode code,
                                   const std::string& message = "");
// Passes when the gate let the call through: any answer but a refusal of
// the gate (the request itself may still be wrong or name nothing).
::testing::AssertionResult PassedTheGate(const qms::test::RawReply& reply);

}  // namespace qms::access::test
