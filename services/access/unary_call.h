// The start and the end of every unary RPC, written once for every service
// (queue, deadline, audit):
//
//   start: AdmitCall — nothing for a call no longer wanted (StillWanted),
//          then the gate's verdict (access_gate.h), then the
//          request's own input check; the first refusal is the answer, so
//          a caller the gate refuses never learns what is wrong with their
//          input. When both pass, the caller as the engines see it
//          (caller.h).
//   end:   FinishNow for an answer known at once; AnswerWhenDone for the
//          engine's callback of a call answered later, which fills the
//          response only when the engine's status is OK and then finishes
//          the call with that status, code and message unchanged
//          (grpc_status.h).
#pragma once

#include <google/protobuf/message.h>
#include <grpcpp/server_context.h>

#include <chrono>
#include <string>
#include <utility>

#include "services/access/access_gate.h"
#include "services/access/caller.h"
#include "services/access/grpc_status.h"
#include "services/base/status.h"

namespace qms::access {

// Whether a call is still worth doing: not when its caller has cancelled it
// (CANCELLED) or its deadline has passed while it waited (DEADLINE_EXCEEDED).
// The first thing every unary call checks, so that a server behind on its
// work does none for callers who have given up.
inline Status StillWanted(const grpc::CallbackServerContext* ctx) {
  if (ctx->IsCancelled()) return Status(StatusCode::kCancelled, "the caller cancelled the call");
  if (ctx->deadline() < std::chrono::system_clock::now())
    return Status(StatusCode::kDeadlineExceeded, "the call's deadline passed before the server reached it");
  return Status::Ok();
}

// The gate's verdict on a call (`admitted`, with its CallContext), then
// `check()` (a Status-returning callable, run only when admitted). OK fills
// `*caller` when given.
template <typename Check>
[[nodiscard]] Status CheckAdmitted(const Status& admitted, const CallContext& call, Check&& check,
                                   Actor* caller) {
  if (!admitted.ok()) return admitted;
  if (Status s = check(); !s.ok()) return s;
  if (caller != nullptr) *caller = CallerOf(call);
  return Status::Ok();
}

// The start of a call to `rpc` about `centre_id` ("" when it is about no
// centre): AccessGate::Admit, then `check()`.
template <typename Check>
[[nodiscard]] Status AdmitCall(const AccessGate& gate, const grpc::CallbackServerContext* ctx,
                               const google::protobuf::Message& request, Rpc rpc,
                               const std::string& centre_id, Check&& check, Actor* caller = nullptr) {
  if (Status s = StillWanted(ctx); !s.ok()) return s;
  CallContext call;
  const Status admitted = gate.Admit(ctx, request, rpc, centre_id, &call);
  return CheckAdmitted(admitted, call, std::forward<Check>(check), caller);
}

// The same for a call about a whole province (AccessGate::AdmitProvince).
template <typename Check>
[[nodiscard]] Status AdmitProvinceCall(const AccessGate& gate, const grpc::CallbackServerContext* ctx,
                                       const google::protobuf::Message& request, Rpc rpc,
                                       const std::string& province, Check&& check, Actor* caller = nullptr) {
  if (Status s = StillWanted(ctx); !s.ok()) return s;
  CallContext call;
  const Status admitted = gate.AdmitProvince(ctx, request, rpc, province, &call);
  return CheckAdmitted(admitted, call, std::forward<Check>(check), caller);
}

// A check for calls with no input to check beyond what the gate reads.
inline Status NoInputCheck() { return Status::Ok(); }

// The engine's callback for a call answered later. `Result` is what the
// engine hands its callback besides the status (`const queue::OpResult&`,
// `deadline::DossierResult*`, ...); `fill(result)` moves it into the
// response and runs only when the status is OK.
template <typename Result, typename Fill>
auto AnswerWhenDone(grpc::ServerUnaryReactor* reactor, Fill fill) {
  return [reactor, fill = std::move(fill)](const Status& s, Result result) {
    if (s.ok()) fill(result);
    reactor->Finish(ToGrpc(s));
  };
}

}  // namespace qms::access
