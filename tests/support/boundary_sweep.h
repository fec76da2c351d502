// Boundary sweeps over a service method: a valid request with one field at a
// time set to a bad value (a string past every limit, bytes that are not
// UTF-8, control characters, an unknown enum value, a negative or
// overflowing number), sent as raw bytes (raw_grpc_call.h) so that nothing
// on the client side filters it. Each answer is kept with what was sent,
// for the test to hold to a specific code. Header-only.
#pragma once

#include <google/protobuf/descriptor.h>
#include <google/protobuf/message.h>

#include <cstdint>
#include <functional>
#include <limits>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "tests/support/raw_grpc_call.h"

namespace qms::test {

struct SweepAnswer {
  std::string field;     // "IssueTicketRequest.field_id"
  std::string input;     // what the field held: "100000 bytes", "not UTF-8", ...
  bool numeric = false;  // a number field (any specific code will do)
  RawReply reply;
};

// Bad values of a string field, by name. Every one is refused by every
// field of the contract: no string is unbounded, none may be other than
// UTF-8, none may hold a control character.
inline std::vector<std::pair<std::string, std::string>> BadStrings() {
  return {{"100000 bytes", std::string(100000, 'A')},
          {"not UTF-8 (ff fe)", "\xff\xfe"},
          {"an overlong NUL (c0 80)", "A\xc0\x80"},
          {"a UTF-16 surrogate (ed a0 80)", "\xed\xa0\x80"},
          {"a cut UTF-8 sequence (e1 ba)", "A\xe1\xba"},
          {"a NUL", std::string("A\0B", 3)},
          {"a terminal escape", "A\x1b[2JB"}};
}

// How many messages RawCall reads before it cancels: one of a server
// stream (a stream that served is then CANCELLED by the client), and every
// one of a unary call, so that an OK stays OK.
inline int StreamReads(const google::protobuf::MethodDescriptor* method) {
  return method->server_streaming() ? 1 : 100;
}

// Calls `method` once per (field, bad value) of `base`, every other field
// as in `base`. `seconds` bounds each call.
inline std::vector<SweepAnswer> SweepFields(const std::shared_ptr<grpc::Channel>& channel,
                                            const google::protobuf::MethodDescriptor* method,
                                            const google::protobuf::Message& base,
                                            const std::string& authorization = "") {
  using google::protobuf::FieldDescriptor;
  std::vector<SweepAnswer> out;
  const auto* type = base.GetDescriptor();
  auto send = [&](const FieldDescriptor* f, const std::string& input, bool numeric,
                  const std::function<void(google::protobuf::Message*)>& set) {
    std::unique_ptr<google::protobuf::Message> m(base.New());
    m->CopyFrom(base);
    set(m.get());
    std::string wire;
    m->SerializePartialToString(&wire);
    SweepAnswer a{type->name() + "." + f->name(), input, numeric,
                  RawCall(channel, PathOf(method), wire, 10, authorization, StreamReads(method))};
    out.push_back(std::move(a));
  };
  for (int i = 0; i < type->field_count(); ++i) {
    const FieldDescriptor* f = type->field(i);
    const auto* r = base.GetReflection();
    switch (f->cpp_type()) {
      case FieldDescriptor::CPPTYPE_STRING:
        if (f->is_repeated()) break;
        for (const auto& [input, value] : BadStrings())
          send(f, input, false, [&](auto* m) { r->SetString(m, f, value); });
        break;
      case FieldDescriptor::CPPTYPE_ENUM:
        for (int v : {99, -1, std::numeric_limits<int32_t>::max()}) {
          send(f, "enum value " + std::to_string(v), false, [&](auto* m) {
            if (f->is_repeated()) {
              r->AddEnumValue(m, f, v);
            } else {
              r->SetEnumValue(m, f, v);
            }
          });
        }
        break;
      case FieldDescriptor::CPPTYPE_INT64:
        for (int64_t v :
             {int64_t{-1}, std::numeric_limits<int64_t>::min(), std::numeric_limits<int64_t>::max()})
          send(f, std::to_string(v), true, [&](auto* m) { r->SetInt64(m, f, v); });
        break;
      case FieldDescriptor::CPPTYPE_UINT64:
        send(f, "2^64-1", true, [&](auto* m) { r->SetUInt64(m, f, std::numeric_limits<uint64_t>::max()); });
        break;
      case FieldDescriptor::CPPTYPE_INT32:
        for (int32_t v : {-1, std::numeric_limits<int32_t>::min(), std::numeric_limits<int32_t>::max()})
          send(f, std::to_string(v), true, [&](auto* m) { r->SetInt32(m, f, v); });
        break;
      case FieldDescriptor::CPPTYPE_UINT32:
        send(f, "2^32-1", true, [&](auto* m) { r->SetUInt32(m, f, std::numeric_limits<uint32_t>::max()); });
        break;
      default: break;
    }
  }
  return out;
}

// A name-based filler of a valid-looking request: each string field whose
// name is in `values` gets that value; the rest stay empty.
inline void FillByName(google::protobuf::Message* m, const std::map<std::string, std::string>& values) {
  const auto* type = m->GetDescriptor();
  for (int i = 0; i < type->field_count(); ++i) {
    const auto* f = type->field(i);
    auto it = values.find(f->name());
    if (it == values.end() || f->is_repeated()) continue;
    if (f->cpp_type() == google::protobuf::FieldDescriptor::CPPTYPE_STRING)
      m->GetReflection()->SetString(m, f, it->second);
  }
}

// Codes that say what is wrong. INTERNAL, UNKNOWN, UNIMPLEMENTED and
// DEADLINE_EXCEEDED (a hang) do not.
inline bool IsSpecificCode(grpc::StatusCode code) {
  switch (code) {
    case grpc::StatusCode::OK:
    case grpc::StatusCode::INVALID_ARGUMENT:
    case grpc::StatusCode::NOT_FOUND:
    case grpc::StatusCode::ALREADY_EXISTS:
    case grpc::StatusCode::FAILED_PRECONDITION:
    case grpc::StatusCode::OUT_OF_RANGE:
    case grpc::StatusCode::RESOURCE_EXHAUSTED:
    case grpc::StatusCode::PERMISSION_DENIED:
    case grpc::StatusCode::UNAUTHENTICATED: return true;
    default: return false;
  }
}

}  // namespace qms::test
