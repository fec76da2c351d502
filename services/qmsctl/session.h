// Session: what every qmsctl command shares — the channel to the server, the
// per-call deadline, the output mode — and the one translation from a gRPC
// status to the exit code scripts test.
//
// Exit codes (documented in docs/qmsctl.md; scripts depend on them):
//   0 ok, 1 usage error, 2 connection failure / UNAVAILABLE / DEADLINE_EXCEEDED,
//   3 NOT_FOUND, 4 FAILED_PRECONDITION, 5 INVALID_ARGUMENT, 6 RESOURCE_EXHAUSTED,
//   7 ALREADY_EXISTS, 8 any other gRPC error, 9 PERMISSION_DENIED,
//   10 UNAUTHENTICATED.
#pragma once

#include <google/protobuf/message.h>
#include <grpcpp/grpcpp.h>

#include <chrono>
#include <functional>
#include <memory>
#include <string>

#include "qms/client_credentials.h"
#include "qms/v1/audit.grpc.pb.h"
#include "qms/v1/deadline.grpc.pb.h"
#include "qms/v1/queue.grpc.pb.h"

namespace qms::ctl {

enum ExitCode : int {
  kExitOk = 0,
  kExitUsage = 1,
  kExitUnavailable = 2,
  kExitNotFound = 3,
  kExitFailedPrecondition = 4,
  kExitInvalidArgument = 5,
  kExitResourceExhausted = 6,
  kExitAlreadyExists = 7,
  kExitOtherError = 8,
  kExitPermissionDenied = 9,
  kExitUnauthenticated = 10,
};

// "NOT_FOUND" for grpc::StatusCode::NOT_FOUND, and so on.
const char* CodeName(grpc::StatusCode code);
int ExitCodeFor(grpc::StatusCode code);

struct SessionOptions {
  std::string server = "127.0.0.1:50051";
  bool json = false;
  double timeout_seconds = 5;
  std::string token;            // sent as "authorization: Bearer <token>" when set
  proto::ClientTlsOptions tls;  // --tls-*: plaintext unless --tls-ca
};

class Session {
 public:
  // `channel`: to options.server, with the credentials of options.tls
  // (proto::CreateClientChannel).
  Session(SessionOptions options, std::shared_ptr<grpc::Channel> channel);

  bool json() const { return options_.json; }
  const SessionOptions& options() const { return options_; }
  const std::shared_ptr<grpc::Channel>& channel() const { return channel_; }

  // A context carrying the deadline (now + --timeout) and the token.
  std::unique_ptr<grpc::ClientContext> NewContext() const;
  // Like NewContext, with an explicit deadline; a non-positive `seconds`
  // means no deadline (only `watch` without --seconds uses that).
  std::unique_ptr<grpc::ClientContext> NewContext(double seconds) const;

  v1::IntakeService::Stub& intake() { return *intake_; }
  v1::CounterService::Stub& counters() { return *counters_; }
  v1::WatchService::Stub& watch() { return *watch_; }
  v1::DirectoryService::Stub& directory() { return *directory_; }
  v1::StatsService::Stub& stats() { return *stats_; }
  v1::DeadlineService::Stub& deadlines() { return *deadlines_; }
  v1::AuditService::Stub& audit() { return *audit_; }

  // Runs one unary RPC of `stub` with a fresh context (NewContext). Returns
  // kExitOk, or reports the failure (Fail) and returns its exit code.
  template <typename Stub, typename Request, typename Response>
  int Call(Stub& stub, grpc::Status (Stub::*rpc)(grpc::ClientContext*, const Request&, Response*),
           const Request& request, Response* response) const {
    auto ctx = NewContext();
    const grpc::Status status = (stub.*rpc)(ctx.get(), request, response);
    return status.ok() ? kExitOk : Fail(status);
  }

  // Writes "qmsctl: CODE_NAME: message" to stderr and returns the exit code.
  int Fail(const grpc::Status& status) const;
  // Prints `message` as one line of JSON (proto field names, defaults shown).
  void PrintJson(const google::protobuf::Message& message) const;
  // With --json prints `response` (PrintJson), else runs `print_text`.
  // Returns kExitOk.
  int Show(const google::protobuf::Message& response, const std::function<void()>& print_text) const;

 private:
  SessionOptions options_;
  std::shared_ptr<grpc::Channel> channel_;
  std::unique_ptr<v1::IntakeService::Stub> intake_;
  std::unique_ptr<v1::CounterService::Stub> counters_;
  std::unique_ptr<v1::WatchService::Stub> watch_;
  std::unique_ptr<v1::DirectoryService::Stub> directory_;
  std::unique_ptr<v1::StatsService::Stub> stats_;
  std::unique_ptr<v1::DeadlineService::Stub> deadlines_;
  std::unique_ptr<v1::AuditService::Stub> audit_;
};

// A fresh idempotency key, "qmsctl-" and 64 random bits in hex: plenty for
// one centre's day.
std::string RandomRequestId();

// JSON text of `message` as PrintJson writes it (without the newline).
std::string ToJson(const google::protobuf::Message& message);

}  // namespace qms::ctl
