// A gRPC client that sends raw bytes: what a broken or hostile client sends,
// not what the project's stubs can. Used by the tests of bad requests, in
// process and against the real binary. Header-only.
#pragma once

#include <google/protobuf/descriptor.h>
#include <grpcpp/generic/generic_stub.h>
#include <grpcpp/grpcpp.h>

#include <chrono>
#include <memory>
#include <string>
#include <vector>

namespace qms::test {

struct RawReply {
  grpc::Status status;
  int messages = 0;  // messages the server sent before it finished
};

// Calls `method` ("/qms.v1.IntakeService/IssueTicket") with `payload` as the
// request's bytes, reads what comes back (at most `max_messages`, then
// cancels) and returns the final status. Every wait is bounded by
// `seconds`. A non-empty `authorization` is sent as that metadata.
inline RawReply RawCall(const std::shared_ptr<grpc::Channel>& channel, const std::string& method,
                        const std::string& payload, int seconds = 10, const std::string& authorization = "",
                        int max_messages = 100) {
  RawReply reply;
  grpc::GenericStub stub(channel);
  grpc::ClientContext ctx;
  ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(seconds));
  if (!authorization.empty()) ctx.AddMetadata("authorization", authorization);
  grpc::CompletionQueue cq;
  auto wait = [&cq]() {
    void* tag = nullptr;
    bool ok = false;
    return cq.Next(&tag, &ok) && ok;
  };
  std::unique_ptr<grpc::GenericClientAsyncReaderWriter> call = stub.PrepareCall(&ctx, method, &cq);
  call->StartCall(reinterpret_cast<void*>(1));
  if (wait()) {
    grpc::Slice slice(payload);
    grpc::ByteBuffer request(&slice, 1);
    call->WriteLast(request, grpc::WriteOptions(), reinterpret_cast<void*>(2));
    wait();
    grpc::ByteBuffer response;
    for (int i = 0; i < max_messages; ++i) {
      call->Read(&response, reinterpret_cast<void*>(3));
      if (!wait()) break;
      ++reply.messages;
    }
    if (reply.messages == max_messages) ctx.TryCancel();
  }
  call->Finish(&reply.status, reinterpret_cast<void*>(4));
  wait();
  cq.Shutdown();
  while (wait()) {
  }
  return reply;
}

// The wire bytes of field `number` (length-delimited) holding `bytes`.
inline std::string LengthDelimited(int number, const std::string& bytes) {
  std::string out;
  auto varint = [&out](uint64_t v) {
    while (v >= 0x80) {
      out.push_back(static_cast<char>((v & 0x7F) | 0x80));
      v >>= 7;
    }
    out.push_back(static_cast<char>(v));
  };
  varint((static_cast<uint64_t>(number) << 3) | 2);
  varint(bytes.size());
  return out + bytes;
}

// The first string field of a message type, or nullptr.
inline const google::protobuf::FieldDescriptor* FirstStringField(const google::protobuf::Descriptor* type) {
  for (int i = 0; i < type->field_count(); ++i) {
    if (type->field(i)->type() == google::protobuf::FieldDescriptor::TYPE_STRING) return type->field(i);
  }
  return nullptr;
}

// "/package.Service/Method" of every method of the named services.
inline std::vector<const google::protobuf::MethodDescriptor*> MethodsOf(
    const std::vector<std::string>& services) {
  std::vector<const google::protobuf::MethodDescriptor*> out;
  for (const auto& name : services) {
    const auto* service = google::protobuf::DescriptorPool::generated_pool()->FindServiceByName(name);
    if (service == nullptr) continue;
    for (int i = 0; i < service->method_count(); ++i) out.push_back(service->method(i));
  }
  return out;
}

inline std::string PathOf(const google::protobuf::MethodDescriptor* m) {
  return "/" + m->service()->full_name() + "/" + m->name();
}

}  // namespace qms::test
