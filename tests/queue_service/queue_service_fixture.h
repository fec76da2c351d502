// The fixture of the in-process gRPC tests of the queue services: a real
// QueueStack (RocksDB in a fresh temp directory, group-commit writer, engine)
// behind a grpc::Server with no listening port, reached through its
// in-process channel. Time is a ManualClock that starts on Tuesday
// 2025-07-01 at 08:00 local time, so opening hours and demand control are
// deterministic and a test advances it to make tickets wait.
//
// Every client call carries a deadline, so a bug can make a test fail but
// never hang the suite.
#pragma once

#include <gmock/gmock.h>
#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "qms/v1/queue.grpc.pb.h"
#include "services/base/clock.h"
#include "services/config/system_config.h"
#include "services/queue_service/queue_stack.h"
#include "tests/support/grpc_status_assertions.h"

namespace qms::service::test {

// Centres of the test configuration (see queue_service_fixture.cc).
inline constexpr char kCentre[] = "101";        // the centre most tests use
inline constexpr char kStartAt100[] = "202";    // number_start: 100
inline constexpr char kBulkCentre[] = "303";    // no demand control, no citizen caps
inline constexpr char kOpenAllHours[] = "404";  // accept_outside_hours: true
inline constexpr char kUnknownCentre[] = "999";

// Fields of every centre: chung_thuc "A" (5 min), ho_tich "B" (10 min, daily
// cap 3), dat_dai "C" (15 min). Counters: "1" {A}, "2" {A 1.0, B 0.5},
// "3" {B, C}, "9" priority counter {A, B}.
inline constexpr char kFieldA[] = "chung_thuc";
inline constexpr char kFieldB[] = "ho_tich";
inline constexpr char kFieldC[] = "dat_dai";

// The YAML the fixture loads, and the instant the clock starts at.
extern const char kTestConfigYaml[];
MicrosUtc TuesdayAt(int hour, int minute);

using qms::test::HasCode;

// Gives `ctx` a deadline `seconds` from now.
void SetDeadline(grpc::ClientContext* ctx, int seconds = 10);

// A WatchCentre stream. Destroying it cancels the call and waits for its end.
struct Watcher {
  grpc::ClientContext ctx;
  std::unique_ptr<grpc::ClientReader<v1::CentreEvent>> reader;
  bool finished = false;
  // Reads one message; false when the stream has ended.
  bool Next(v1::CentreEvent* event) { return reader->Read(event); }
  // Ends the stream and returns its status.
  grpc::Status Finish();
  ~Watcher();
};

using TicketMethod = grpc::Status (v1::CounterService::Stub::*)(grpc::ClientContext*,
                                                                const v1::TicketActionRequest&,
                                                                v1::TicketResponse*);
using CounterMethod = grpc::Status (v1::CounterService::Stub::*)(grpc::ClientContext*,
                                                                 const v1::CounterRequest&,
                                                                 v1::CounterResponse*);

class QueueServiceTest : public ::testing::Test {
 protected:
  QueueServiceTest();
  void SetUp() override;
  void TearDown() override;

  // Opens the stack on dir_ and starts the server; CloseStack destroys the
  // server, then the stack, as the real shutdown does.
  // `store` as the stack's StoreOptions (its path is set by the stack):
  // fault tests pass a failing disk (tests/storage/failing_env.h).
  void OpenStack(storage::StoreOptions store = {});
  void CloseStack();

  // ---- intake
  grpc::Status Issue(const v1::IssueTicketRequest& req, v1::IssueTicketResponse* resp);
  // Issues with a fresh request id; fails the test if refused.
  v1::IssueTicketResponse MustIssue(const std::string& field, v1::PriorityClass priority = v1::NORMAL,
                                    const std::string& centre = kCentre);
  v1::IssueTicketRequest IssueRequest(const std::string& field, const std::string& request_id,
                                      const std::string& centre = kCentre) const;
  grpc::Status Get(const std::string& number, v1::GetTicketResponse* resp,
                   const std::string& centre = kCentre);
  v1::GetTicketResponse MustGet(const std::string& number, const std::string& centre = kCentre);
  grpc::Status Cancel(const std::string& number, v1::TicketResponse* resp, const std::string& reason = "");
  // Issues `n` tickets concurrently (batches of async calls) with request
  // ids "bulk-<i>", or all with `same_request_id` when given; returns the
  // answers of those that succeeded (refusals are test failures).
  std::vector<v1::IssueTicketResponse> IssueMany(const std::string& centre, const std::string& field, int n,
                                                 const std::string& same_request_id = "");

  // ---- counters (clerk "clerk-<counter>" unless given)
  grpc::Status CounterCall(CounterMethod method, const std::string& counter, v1::CounterResponse* resp,
                           const std::string& clerk = "", const std::string& reason = "");
  grpc::Status Open(const std::string& counter, v1::CounterResponse* resp, const std::string& clerk = "");
  void MustOpen(const std::string& counter);
  grpc::Status CallNext(const std::string& counter, v1::TicketResponse* resp);
  // The number CallNext gives `counter`, or "" (with a test failure) if none.
  std::string MustCallNext(const std::string& counter);
  grpc::Status Act(TicketMethod method, const std::string& counter, const std::string& number,
                   v1::TicketResponse* resp);
  v1::Ticket MustAct(TicketMethod method, const std::string& counter, const std::string& number = "");
  grpc::Status Transfer(const v1::TransferRequest& req, v1::TicketResponse* resp);
  // RateService from `counter`'s screen; `clerk` empty sends no clerk_id.
  grpc::Status Rate(const std::string& number, const std::string& counter, v1::Rating rating,
                    v1::TicketResponse* resp, const std::string& clerk = "");

  // ---- statistics
  grpc::Status DayStats(const std::string& centre, v1::DayStats* resp);
  v1::DayStats MustDayStats(const std::string& centre = kCentre);

  // ---- watch
  std::unique_ptr<Watcher> Watch(const std::string& centre, uint64_t resume_after = 0, int deadline_s = 10);
  // The first message of a fresh stream (its at_us cleared, so two
  // snapshots of an unchanged centre compare equal).
  v1::CentreEvent Snapshot(const std::string& centre = kCentre);
  static const v1::Counter* FindCounter(const v1::CentreSnapshot& s, const std::string& id);
  static const v1::FieldQueue* FindQueue(const v1::CentreSnapshot& s, const std::string& field);

  ManualClock clock_;
  config::SystemConfig config_;
  std::string dir_;
  // Auth off, as qms-server --insecure-no-auth: these tests are about the
  // queue; tests/access checks the gate with auth on.
  std::unique_ptr<access::AccessGate> gate_ = access::AccessGate::InsecureNoAuth();
  QueueStackOptions stack_options_;  // how OpenStack opens the stack
  // When set before OpenStack, the server also listens on a free loopback
  // port (loopback_port_): tests of TCP behaviour, such as flow control.
  bool listen_on_loopback_ = false;
  int loopback_port_ = 0;
  std::unique_ptr<QueueStack> stack_;
  std::unique_ptr<grpc::Server> server_;
  std::shared_ptr<grpc::Channel> channel_;
  std::unique_ptr<v1::IntakeService::Stub> intake_;
  std::unique_ptr<v1::CounterService::Stub> counters_;
  std::unique_ptr<v1::WatchService::Stub> watch_;
  std::unique_ptr<v1::DirectoryService::Stub> directory_;
  std::unique_ptr<v1::StatsService::Stub> stats_;
  int next_request_ = 0;
};

}  // namespace qms::service::test
