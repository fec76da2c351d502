// What the service fuzz targets share: how fuzz bytes become one call of a
// service method, and the one property every answer must have.
//
// The input is "METHOD\n" then the request, written as protobuf text format
// (so a seed is a few readable lines); when the rest does not parse as text
// format it is sent as it is, as the request's wire bytes. A METHOD that
// names no method picks one by its first byte. The call goes through a
// real grpc::Server's in-process channel to the real service classes (auth
// off), so the request parsing, the gate, the input checks and the engine
// all see it.
//
// The property: every answer has a specific code. INTERNAL or UNKNOWN, or
// a unary call still unanswered after its deadline (a hang), aborts, and
// libFuzzer keeps the input as a crash.
#pragma once

#include <google/protobuf/descriptor.h>
#include <grpcpp/channel.h>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace qms::fuzz {

struct FuzzCall {
  const google::protobuf::MethodDescriptor* method = nullptr;
  std::string payload;  // the request's wire bytes
};

// REQUIRES: `methods` is not empty.
FuzzCall DecodeFuzzCall(const uint8_t* data, size_t size,
                        const std::vector<const google::protobuf::MethodDescriptor*>& methods);

// Sends `call` on `channel` and checks the property above. A server stream
// is read for at most `stream_millis` and then cancelled.
void CallAndCheck(const std::shared_ptr<grpc::Channel>& channel, const FuzzCall& call,
                  int stream_millis = 20);

}  // namespace qms::fuzz
