#include "tests/fuzz/fuzz_request_input.h"

#include <google/protobuf/dynamic_message.h>
#include <google/protobuf/io/tokenizer.h>
#include <google/protobuf/text_format.h>
#include <grpcpp/generic/generic_stub.h>
#include <grpcpp/grpcpp.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>

#include "tests/support/raw_grpc_call.h"

namespace qms::fuzz {

namespace {

// Text format parse errors are expected by the million: keep them quiet.
class SilentErrors : public google::protobuf::io::ErrorCollector {
 public:
  void AddError(int, int, const std::string&) override {}
};

}  // namespace

FuzzCall DecodeFuzzCall(const uint8_t* data, size_t size,
                        const std::vector<const google::protobuf::MethodDescriptor*>& methods) {
  const std::string input(reinterpret_cast<const char*>(data), size);
  const size_t eol = input.find('\n');
  const std::string name = input.substr(0, eol);
  const std::string body = eol == std::string::npos ? "" : input.substr(eol + 1);
  FuzzCall call;
  for (const auto* m : methods) {
    if (m->name() == name) call.method = m;
  }
  if (call.method == nullptr) call.method = methods[(size == 0 ? 0 : data[0]) % methods.size()];

  google::protobuf::DynamicMessageFactory factory;
  std::unique_ptr<google::protobuf::Message> request(factory.GetPrototype(call.method->input_type())->New());
  google::protobuf::TextFormat::Parser parser;
  SilentErrors errors;
  parser.RecordErrorsTo(&errors);
  if (parser.ParseFromString(body, request.get())) {
    // Text format takes "\377" in a string field; the bytes then go out as
    // they are, which is what a hostile client sends.
    request->SerializePartialToString(&call.payload);
  } else {
    call.payload = body;
  }
  return call;
}

void CallAndCheck(const std::shared_ptr<grpc::Channel>& channel, const FuzzCall& call, int stream_millis) {
  const bool stream = call.method->server_streaming();
  grpc::GenericStub stub(channel);
  grpc::ClientContext ctx;
  ctx.set_deadline(std::chrono::system_clock::now() +
                   (stream ? std::chrono::milliseconds(stream_millis) : std::chrono::milliseconds(8000)));
  grpc::CompletionQueue cq;
  auto wait = [&cq]() {
    void* tag = nullptr;
    bool ok = false;
    return cq.Next(&tag, &ok) && ok;
  };
  auto rpc = stub.PrepareCall(&ctx, test::PathOf(call.method), &cq);
  rpc->StartCall(reinterpret_cast<void*>(1));
  if (wait()) {
    grpc::Slice slice(call.payload);
    grpc::ByteBuffer request(&slice, 1);
    rpc->WriteLast(request, grpc::WriteOptions(), reinterpret_cast<void*>(2));
    wait();
    grpc::ByteBuffer response;
    for (int i = 0; i < 1000; ++i) {
      rpc->Read(&response, reinterpret_cast<void*>(3));
      if (!wait()) break;
    }
  }
  grpc::Status status;
  rpc->Finish(&status, reinterpret_cast<void*>(4));
  wait();
  cq.Shutdown();
  while (wait()) {
  }
  const auto code = status.error_code();
  const bool hang = !stream && code == grpc::StatusCode::DEADLINE_EXCEEDED;
  if (code == grpc::StatusCode::INTERNAL || code == grpc::StatusCode::UNKNOWN || hang) {
    std::fprintf(stderr, "%s answered code %d: %s\n", test::PathOf(call.method).c_str(),
                 static_cast<int>(code), status.error_message().c_str());
    std::abort();
  }
}

}  // namespace qms::fuzz
