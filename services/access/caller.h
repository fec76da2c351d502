// CallerOf: the one place that turns the gate's verdict on a call
// (access::CallContext) into the caller the engines see (qms::Actor,
// services/base/actor.h). Every handler that changes state passes the
// result to its engine: the engines record the caller in the audit trail
// and, when it is authenticated, as the clerk of the change, and apply the
// counter holder rules (docs/queue.md, docs/access.md).
//
// Today the gate verifies no token, so every caller is NOT authenticated:
// the engines keep the behaviour from before access control (the clerk the
// request names is recorded) and the audit trail names the caller
// "anonymous". The token text the gate keeps in `caller` is never copied:
// a token is a secret and the audit trail is read by supervisors.
//
// When the gate fills `subject`, `role` and `authenticated` from a verified
// token, this function alone changes to:
//   a.subject = call.subject;  a.role = RoleName(call.role);
//   a.authenticated = call.authenticated;
//   a.supervisor = call.role == Role::kSupervisor;  a.admin = call.role == Role::kAdmin;
//
// Tests of the ownership rules through gRPC need authenticated callers
// before the gate can verify a token: SetCallerMappingForTesting replaces
// this mapping (tests/support/test_callers.h). Keep that first line when
// the body changes.
#pragma once

#include <atomic>

#include "services/access/access_gate.h"
#include "services/base/actor.h"

namespace qms::access {

using CallerMapping = Actor (*)(const CallContext&);

namespace internal {
inline std::atomic<CallerMapping> caller_mapping_for_testing{nullptr};
}  // namespace internal

// Tests only: `mapping` (nullptr: none) stands in for CallerOf's own until
// reset. Set it before serving and reset it after.
inline void SetCallerMappingForTesting(CallerMapping mapping) {
  internal::caller_mapping_for_testing.store(mapping);
}

inline Actor CallerOf(const CallContext& call) {
  if (CallerMapping m = internal::caller_mapping_for_testing.load(std::memory_order_relaxed)) return m(call);
  Actor a;
  a.subject = "anonymous";
  a.peer = call.peer;
  a.authenticated = false;
  return a;
}

}  // namespace qms::access
