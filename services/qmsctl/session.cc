#include "services/qmsctl/session.h"

#include <google/protobuf/util/json_util.h>

#include <iostream>
#include <random>

namespace qms::ctl {

const char* CodeName(grpc::StatusCode code) {
  switch (code) {
    case grpc::StatusCode::OK: return "OK";
    case grpc::StatusCode::CANCELLED: return "CANCELLED";
    case grpc::StatusCode::UNKNOWN: return "UNKNOWN";
    case grpc::StatusCode::INVALID_ARGUMENT: return "INVALID_ARGUMENT";
    case grpc::StatusCode::DEADLINE_EXCEEDED: return "DEADLINE_EXCEEDED";
    case grpc::StatusCode::NOT_FOUND: return "NOT_FOUND";
    case grpc::StatusCode::ALREADY_EXISTS: return "ALREADY_EXISTS";
    case grpc::StatusCode::PERMISSION_DENIED: return "PERMISSION_DENIED";
    case grpc::StatusCode::UNAUTHENTICATED: return "UNAUTHENTICATED";
    case grpc::StatusCode::RESOURCE_EXHAUSTED: return "RESOURCE_EXHAUSTED";
    case grpc::StatusCode::FAILED_PRECONDITION: return "FAILED_PRECONDITION";
    case grpc::StatusCode::ABORTED: return "ABORTED";
    case grpc::StatusCode::OUT_OF_RANGE: return "OUT_OF_RANGE";
    case grpc::StatusCode::UNIMPLEMENTED: return "UNIMPLEMENTED";
    case grpc::StatusCode::INTERNAL: return "INTERNAL";
    case grpc::StatusCode::UNAVAILABLE: return "UNAVAILABLE";
    case grpc::StatusCode::DATA_LOSS: return "DATA_LOSS";
    default: return "UNKNOWN_CODE";
  }
}

int ExitCodeFor(grpc::StatusCode code) {
  switch (code) {
    case grpc::StatusCode::OK: return kExitOk;
    case grpc::StatusCode::UNAVAILABLE:
    case grpc::StatusCode::DEADLINE_EXCEEDED: return kExitUnavailable;
    case grpc::StatusCode::NOT_FOUND: return kExitNotFound;
    case grpc::StatusCode::FAILED_PRECONDITION: return kExitFailedPrecondition;
    case grpc::StatusCode::INVALID_ARGUMENT: return kExitInvalidArgument;
    case grpc::StatusCode::RESOURCE_EXHAUSTED: return kExitResourceExhausted;
    case grpc::StatusCode::ALREADY_EXISTS: return kExitAlreadyExists;
    case grpc::StatusCode::PERMISSION_DENIED: return kExitPermissionDenied;
    case grpc::StatusCode::UNAUTHENTICATED: return kExitUnauthenticated;
    default: return kExitOtherError;
  }
}

Session::Session(SessionOptions options, std::shared_ptr<grpc::Channel> channel)
    : options_(std::move(options)),
      channel_(std::move(channel)),
      intake_(v1::IntakeService::NewStub(channel_)),
      counters_(v1::CounterService::NewStub(channel_)),
      watch_(v1::WatchService::NewStub(channel_)),
      directory_(v1::DirectoryService::NewStub(channel_)),
      stats_(v1::StatsService::NewStub(channel_)),
      deadlines_(v1::DeadlineService::NewStub(channel_)),
      audit_(v1::AuditService::NewStub(channel_)) {}

std::unique_ptr<grpc::ClientContext> Session::NewContext() const {
  return NewContext(options_.timeout_seconds);
}

std::unique_ptr<grpc::ClientContext> Session::NewContext(double seconds) const {
  auto ctx = std::make_unique<grpc::ClientContext>();
  if (seconds > 0) {
    ctx->set_deadline(std::chrono::system_clock::now() +
                      std::chrono::microseconds(static_cast<int64_t>(seconds * 1e6)));
  }
  if (!options_.token.empty()) ctx->AddMetadata("authorization", "Bearer " + options_.token);
  return ctx;
}

int Session::Fail(const grpc::Status& status) const {
  std::cerr << "qmsctl: " << CodeName(status.error_code()) << ": " << status.error_message();
  if (status.error_code() == grpc::StatusCode::UNAVAILABLE ||
      status.error_code() == grpc::StatusCode::DEADLINE_EXCEEDED) {
    std::cerr << " (server " << options_.server << ", " << proto::Describe(options_.tls) << ")";
  }
  std::cerr << std::endl;
  return ExitCodeFor(status.error_code());
}

std::string ToJson(const google::protobuf::Message& message) {
  google::protobuf::util::JsonPrintOptions options;
  options.preserve_proto_field_names = true;
  options.always_print_primitive_fields = true;
  std::string out;
  auto status = google::protobuf::util::MessageToJsonString(message, &out, options);
  if (!status.ok()) return "{}";
  return out;
}

void Session::PrintJson(const google::protobuf::Message& message) const {
  std::cout << ToJson(message) << std::endl;
}

int Session::Show(const google::protobuf::Message& response, const std::function<void()>& print_text) const {
  if (json()) {
    PrintJson(response);
  } else {
    print_text();
  }
  return kExitOk;
}

std::string RandomRequestId() {
  std::random_device seed;
  std::mt19937_64 bits((static_cast<uint64_t>(seed()) << 32) ^ seed());
  static const char kHex[] = "0123456789abcdef";
  std::string id = "qmsctl-";
  uint64_t value = bits();
  for (int i = 0; i < 16; ++i, value >>= 4) id += kHex[value & 0xf];
  return id;
}

}  // namespace qms::ctl
