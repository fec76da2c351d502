// AccessGate: the one place every RPC passes through before it touches an
// engine. It refuses a request that did not parse (INVALID_ARGUMENT with the
// reason, see qms/request_parsing.h), then reads the request context (the
// caller from the bearer token in the `authorization` metadata, the peer,
// the centre the call is about) and decides whether the call may proceed. Roles and per-centre scopes plug in
// here; until they are configured the gate admits every caller and only
// records who it is.
#pragma once

#include <google/protobuf/message.h>
#include <grpcpp/server_context.h>

#include <string>

#include "storage/status.h"

namespace qms::access {

enum class Role { kKiosk, kBoard, kClerk, kSupervisor, kAdmin };

struct CallContext {
  std::string caller;  // token subject, or "anonymous"
  std::string peer;
  std::string centre_id;
  Role needed = Role::kKiosk;
};

class AccessGate {
 public:
  // Thread-safe. On success fills `out`.
  [[nodiscard]] Status Admit(const grpc::CallbackServerContext* ctx, const google::protobuf::Message& request,
                             const std::string& centre_id, Role needed, CallContext* out) const;
};

}  // namespace qms::access
