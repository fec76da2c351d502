// How qms-server reads the requests of its own services, and why.
//
// gRPC 1.51's callback API answers a request that does not parse with
// UNIMPLEMENTED and an empty message (server_callback_handlers.h drops the
// parse status), the same answer as for a method that does not exist. A
// proto3 string field holding bytes that are not UTF-8 is such a parse
// failure. A client cannot act on that answer, so the request types of the
// project's services use these SerializationTraits instead: a request that
// does not parse is handed to the service cleared, carrying the reason in an
// unknown field that no real field uses. The service's first check
// (AccessGate::Admit) reads it with RequestParseError and answers
// INVALID_ARGUMENT naming the problem. A request that parses costs nothing
// more.
//
// The generated *.grpc.pb.h files include this header (grpc_cpp_plugin's
// additional_header_includes, proto/CMakeLists.txt), so every use of these
// types through gRPC sees the specialisations. A request type missing from
// the list below falls back to gRPC's default; the test that sends bad bytes
// to every method of every service catches that.
#pragma once

#include <grpcpp/impl/codegen/proto_utils.h>

#include <cstdint>
#include <string>

#include "qms/v1/admin.pb.h"
#include "qms/v1/audit.pb.h"
#include "qms/v1/deadline.pb.h"
#include "qms/v1/echo.pb.h"
#include "qms/v1/queue.pb.h"

namespace qms::proto {

// Why `request` did not parse ("a text field is not UTF-8: field_id"), or
// empty when it parsed. Thread-safe; cheap when the request parsed.
std::string RequestParseError(const google::protobuf::Message& request);

// Requests refused as unparsable since the process started.
uint64_t UnparsableRequests();

namespace internal {

// Clears `msg` and records in it why `wire` (the bytes that failed to parse)
// is not a valid request.
void MarkUnparsable(const std::string& wire, google::protobuf::Message* msg);

template <class T>
class LenientRequestTraits {
 public:
  static grpc::Status Serialize(const grpc::protobuf::MessageLite& msg, grpc::ByteBuffer* bb,
                                bool* own_buffer) {
    return grpc::GenericSerialize<grpc::ProtoBufferWriter, T>(msg, bb, own_buffer);
  }

  // As grpc::GenericDeserialize, except that a payload that does not parse
  // is accepted as a marked, cleared request.
  static grpc::Status Deserialize(grpc::ByteBuffer* buffer, grpc::protobuf::MessageLite* msg) {
    if (buffer == nullptr) return grpc::Status(grpc::StatusCode::INTERNAL, "No payload");
    bool parsed = false;
    {
      grpc::ProtoBufferReader reader(buffer);
      if (!reader.status().ok()) return reader.status();
      parsed = msg->ParseFromZeroCopyStream(&reader);
    }
    if (!parsed) {
      std::string wire;
      if (grpc::Slice whole; buffer->TrySingleSlice(&whole).ok()) {
        wire.assign(reinterpret_cast<const char*>(whole.begin()), whole.size());
      } else if (std::vector<grpc::Slice> slices; buffer->Dump(&slices).ok()) {
        for (const auto& s : slices) wire.append(reinterpret_cast<const char*>(s.begin()), s.size());
      }
      MarkUnparsable(wire, static_cast<google::protobuf::Message*>(msg));
    }
    buffer->Clear();
    return grpc::Status::OK;
  }
};

}  // namespace internal
}  // namespace qms::proto

// Every request type of the project's services. Keep in step with the
// .proto files.
#define QMS_LENIENT_REQUEST(Type) \
  template <>                     \
  class grpc::SerializationTraits<Type, void> : public qms::proto::internal::LenientRequestTraits<Type> {};

QMS_LENIENT_REQUEST(qms::v1::IssueTicketRequest)
QMS_LENIENT_REQUEST(qms::v1::GetTicketRequest)
QMS_LENIENT_REQUEST(qms::v1::CancelTicketRequest)
QMS_LENIENT_REQUEST(qms::v1::CounterRequest)
QMS_LENIENT_REQUEST(qms::v1::TicketActionRequest)
QMS_LENIENT_REQUEST(qms::v1::TransferRequest)
QMS_LENIENT_REQUEST(qms::v1::RateServiceRequest)
QMS_LENIENT_REQUEST(qms::v1::DayStatsRequest)
QMS_LENIENT_REQUEST(qms::v1::WatchCentreRequest)
QMS_LENIENT_REQUEST(qms::v1::ListCentresRequest)
QMS_LENIENT_REQUEST(qms::v1::GetCentreRequest)
QMS_LENIENT_REQUEST(qms::v1::ReceiveDossierRequest)
QMS_LENIENT_REQUEST(qms::v1::GetDossierRequest)
QMS_LENIENT_REQUEST(qms::v1::DossierActionRequest)
QMS_LENIENT_REQUEST(qms::v1::ExtendDeadlineRequest)
QMS_LENIENT_REQUEST(qms::v1::ListDossiersRequest)
QMS_LENIENT_REQUEST(qms::v1::WatchDeadlinesRequest)
QMS_LENIENT_REQUEST(qms::v1::DailyReportRequest)
QMS_LENIENT_REQUEST(qms::v1::ListProceduresRequest)
QMS_LENIENT_REQUEST(qms::v1::EchoRequest)
QMS_LENIENT_REQUEST(qms::v1::ListAuditRequest)
QMS_LENIENT_REQUEST(qms::v1::BackupRequest)

#undef QMS_LENIENT_REQUEST
