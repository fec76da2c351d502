// The one conversion from a domain Status to a gRPC status: codes match one
// to one, so nothing specific is lost at the boundary.
#pragma once

#include <grpcpp/server_context.h>
#include <grpcpp/support/server_callback.h>
#include <grpcpp/support/status.h>

#include "services/base/status.h"

namespace qms::access {

inline grpc::Status ToGrpc(const Status& s) {
  if (s.ok()) return grpc::Status::OK;
  return grpc::Status(static_cast<grpc::StatusCode>(s.code()), s.message());
}

// Ends a unary call at once with `s` (a refusal before any work).
inline grpc::ServerUnaryReactor* FinishNow(grpc::CallbackServerContext* ctx, const Status& s) {
  auto* reactor = ctx->DefaultReactor();
  reactor->Finish(ToGrpc(s));
  return reactor;
}

}  // namespace qms::access
